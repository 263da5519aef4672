// RUN: rectify-opt %s -rectify-cpu-tile-and-vectorize -canonicalize -cse -split-input-file | FileCheck %s

#map = affine_map<(m, n) -> (m, n)>
#bias = affine_map<(m, n) -> (n)>

// Linear + bias + ReLU with a dynamic batch: the matmul and fill are fused
// into the epilogue's 8x32 tiles; full tiles keep the accumulator in a
// vector<8x32xf32> across a K loop of vector.contract steps and apply the
// epilogue on it before one store. The rows left over by the 8-row tile are
// re-tiled one row at a time: vector<1x32xf32> accumulators, no masks.
// CHECK-LABEL: func.func @linear_relu
// CHECK: scf.for
// CHECK:   scf.for
// CHECK:     %[[ACC:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}) -> (vector<8x32xf32>)
// CHECK:       vector.transfer_read {{.*}} : tensor<8x4xf32>, vector<8x4xf32>
// CHECK:       vector.transfer_read {{.*}} : tensor<4x32xf32>, vector<4x32xf32>
// CHECK:       vector.contract
// CHECK:     %[[B:.*]] = vector.broadcast
// CHECK:     %[[S:.*]] = arith.addf %[[ACC]], %[[B]] : vector<8x32xf32>
// CHECK:     %[[R:.*]] = arith.maximumf %[[S]], %{{.*}} : vector<8x32xf32>
// CHECK:     vector.transfer_write %[[R]]
// CHECK: scf.for
// CHECK:   scf.for
// CHECK:     scf.for {{.*}} step %c1
// CHECK:       %[[RACC:.*]] = scf.for {{.*}} -> (vector<1x32xf32>)
// CHECK:         vector.contract
// CHECK:       arith.addf %[[RACC]], %{{.*}} : vector<1x32xf32>
// CHECK-NOT: vector.mask
// CHECK-NOT: linalg.matmul
// CHECK-NOT: linalg.generic
func.func @linear_relu(%x: tensor<?x64xf32>, %w: tensor<64x64xf32>, %b: tensor<64xf32>) -> tensor<?x64xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %m = tensor.dim %x, %c0 : tensor<?x64xf32>
  %e = tensor.empty(%m) : tensor<?x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x64xf32>) -> tensor<?x64xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<?x64xf32>, tensor<64x64xf32>) outs(%f : tensor<?x64xf32>) -> tensor<?x64xf32>
  %e2 = tensor.empty(%m) : tensor<?x64xf32>
  %y = linalg.generic {indexing_maps = [#map, #bias, #map], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<?x64xf32>, tensor<64xf32>) outs(%e2 : tensor<?x64xf32>) {
  ^bb0(%a: f32, %bb: f32, %o: f32):
    %s = arith.addf %a, %bb : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x64xf32>
  return %y : tensor<?x64xf32>
}

// -----

#map = affine_map<(m, n) -> (m, n)>

// The previous layer is not fused into the next one (that would recompute
// it per tile): both matmuls get their own tile loops.
// CHECK-LABEL: func.func @two_layers_stay_separate
// CHECK-COUNT-2: vector.contract
// CHECK-NOT: vector.contract
func.func @two_layers_stay_separate(%x: tensor<16x32xf32>, %w1: tensor<32x32xf32>, %w2: tensor<32x32xf32>) -> tensor<16x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x32xf32>) -> tensor<16x32xf32>
  %mm1 = linalg.matmul ins(%x, %w1 : tensor<16x32xf32>, tensor<32x32xf32>) outs(%f : tensor<16x32xf32>) -> tensor<16x32xf32>
  %y1 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]}
      ins(%mm1 : tensor<16x32xf32>) outs(%e : tensor<16x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  } -> tensor<16x32xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e : tensor<16x32xf32>) -> tensor<16x32xf32>
  %mm2 = linalg.matmul ins(%y1, %w2 : tensor<16x32xf32>, tensor<32x32xf32>) outs(%f2 : tensor<16x32xf32>) -> tensor<16x32xf32>
  return %mm2 : tensor<16x32xf32>
}

// -----

// Elementwise ops are tiled along the innermost dimension and vectorized.
// CHECK-LABEL: func.func @elementwise
// CHECK: scf.for
// CHECK: vector.transfer_read {{.*}} vector<1x64xf32>
// CHECK: math.tanh {{.*}} : vector<1x64xf32>
// CHECK-NOT: linalg.generic
func.func @elementwise(%x: tensor<?x128xf32>) -> tensor<?x128xf32> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x128xf32>
  %e = tensor.empty(%m) : tensor<?x128xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m, n)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x128xf32>) outs(%e : tensor<?x128xf32>) {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<?x128xf32>
  return %y : tensor<?x128xf32>
}

// -----

// Reductions are not vectorized by this schedule; they stay for the loop
// lowering.
// CHECK-LABEL: func.func @reduction_left_alone
// CHECK: linalg.generic
// CHECK-SAME: "reduction"
func.func @reduction_left_alone(%x: tensor<4x16xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x16xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

#map = affine_map<(m, n) -> (m, n)>

// Columns that the 32-wide tile does not cover are masked; rows are not.
// CHECK-LABEL: func.func @narrow_output
// CHECK: vector.constant_mask [8, 10] : vector<8x32xi1>
// CHECK-NOT: linalg.matmul
func.func @narrow_output(%x: tensor<16x32xf32>, %w: tensor<32x10xf32>) -> tensor<16x10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x10xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x10xf32>) -> tensor<16x10xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<16x32xf32>, tensor<32x10xf32>) outs(%f : tensor<16x10xf32>) -> tensor<16x10xf32>
  return %mm : tensor<16x10xf32>
}
