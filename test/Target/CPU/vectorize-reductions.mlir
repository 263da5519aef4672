// RUN: rectify-opt %s -rectify-cpu-vectorize-reductions -canonicalize -cse -split-input-file | FileCheck %s

// An inner reduction (layer norm's squared deviations): one row per tile,
// the 1000-element row reduced in 64-lane chunks into a vector accumulator
// carried in registers across the chunk loop. The 40 elements the chunks do
// not cover are combined into the head of that accumulator, in registers,
// then one horizontal reduction per row.
// CHECK-LABEL: func.func @inner_remainder
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (tensor<4xf32>)
// CHECK:   %[[MEAN:.*]] = vector.transfer_read {{.*}} : tensor<4xf32>, vector<1x64xf32>
// CHECK:   %[[ACC:.*]] = scf.for {{.*}} to %c960 step %c64 iter_args(%[[A:.*]] = %{{.*}}) -> (vector<1x64xf32>)
// CHECK:     %[[X:.*]] = vector.transfer_read {{.*}} : tensor<4x1000xf32>, vector<1x64xf32>
// CHECK:     %[[D:.*]] = arith.subf %[[X]], %[[MEAN]] : vector<1x64xf32>
// CHECK:     %[[SQ:.*]] = arith.mulf %[[D]], %[[D]] : vector<1x64xf32>
// CHECK:     arith.addf %[[SQ]], %[[A]] : vector<1x64xf32>
// CHECK:   vector.transfer_read %{{.*}}[%{{.*}}, %c960]{{.*}} : tensor<4x1000xf32>, vector<1x40xf32>
// CHECK:   %[[HEAD:.*]] = vector.extract_strided_slice %[[ACC]] {offsets = [0, 0], sizes = [1, 40]
// CHECK:   %[[NEW:.*]] = arith.addf %{{.*}}, %[[HEAD]] : vector<1x40xf32>
// CHECK:   %[[ALL:.*]] = vector.insert_strided_slice %[[NEW]], %[[ACC]]
// CHECK:   %[[V:.*]] = vector.extract %[[ALL]][0] : vector<64xf32>
// CHECK:   vector.reduction <add>, %[[V]], %{{.*}} : vector<64xf32> into f32
// CHECK: } {rectify.parallel}
// CHECK-NOT: linalg.generic
// CHECK-NOT: vector.mask
func.func @inner_remainder(%x: tensor<4x1000xf32>, %mean: tensor<4xf32>) -> tensor<4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m)>, affine_map<(m, n) -> (m)>], iterator_types = ["parallel", "reduction"]}
      ins(%x, %mean : tensor<4x1000xf32>, tensor<4xf32>) outs(%f : tensor<4xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %d = arith.subf %a, %m : f32
    %sq = arith.mulf %d, %d : f32
    %s = arith.addf %sq, %o : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Softmax rows of 8 (attention scores) with a dynamic batch: rows that fit
// one tile are reduced whole, one horizontal reduction each; the batch loop
// is marked parallel.
// CHECK-LABEL: func.func @inner_short_rows
// CHECK: scf.for {{.*}} to %{{.*}}dim
// CHECK:   scf.for {{.*}} to %c8 step %c1
// CHECK:     %[[R:.*]] = vector.transfer_read {{.*}} : tensor<?x8x8xf32>, vector<1x1x8xf32>
// CHECK:     %[[V:.*]] = vector.extract %[[R]][0, 0] : vector<8xf32>
// CHECK:     vector.reduction <maximumf>, %[[V]], %{{.*}} : vector<8xf32> into f32
// CHECK: } {rectify.parallel}
// CHECK-NOT: linalg.generic
func.func @inner_short_rows(%x: tensor<?x8x8xf32>) -> tensor<?x8xf32> {
  %c0 = arith.constant 0 : index
  %ninf = arith.constant 0xFF800000 : f32
  %b = tensor.dim %x, %c0 : tensor<?x8x8xf32>
  %e = tensor.empty(%b) : tensor<?x8xf32>
  %f = linalg.fill ins(%ninf : f32) outs(%e : tensor<?x8xf32>) -> tensor<?x8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(b, m, n) -> (b, m, n)>, affine_map<(b, m, n) -> (b, m)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<?x8x8xf32>) outs(%f : tensor<?x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.maximumf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// A dynamic row length: full chunks unmasked, the dynamic remainder masked.
// CHECK-LABEL: func.func @inner_dynamic_row
// CHECK: scf.for {{.*}} step %c64 iter_args({{.*}}) -> (vector<1x64xf32>)
// CHECK-NOT: vector.mask
// CHECK: scf.for
// CHECK:   %[[M:.*]] = vector.create_mask %c1, %{{.*}} : vector<1x64xi1>
// CHECK:   vector.mask %[[M]] { vector.transfer_read
// CHECK: vector.reduction <add>, {{.*}} : vector<64xf32> into f32
// CHECK-NOT: linalg.generic
func.func @inner_dynamic_row(%x: tensor<4x?xf32>) -> tensor<4xf32> {
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x?xf32>) outs(%f : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Global average pooling reduces the two spatial dims, contiguous in the
// input: they are collapsed into one 49-element row per channel.
// CHECK-LABEL: func.func @global_pool
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<?x8x7x7xf32> into tensor<?x8x49xf32>
// CHECK: scf.for
// CHECK:   scf.for {{.*}} to %c8
// CHECK:     vector.transfer_read %[[ROWS]]{{.*}} : tensor<?x8x49xf32>, vector<1x1x49xf32>
// CHECK:     vector.reduction <add>, {{.*}} : vector<49xf32> into f32
// CHECK-NOT: linalg.generic
func.func @global_pool(%x: tensor<?x8x7x7xf32>) -> tensor<?x8xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x8x7x7xf32>
  %e = tensor.empty(%n) : tensor<?x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x8xf32>) -> tensor<?x8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(n, c, h, w) -> (n, c, h, w)>, affine_map<(n, c, h, w) -> (n, c)>], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x : tensor<?x8x7x7xf32>) outs(%f : tensor<?x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %o, %a : f32
    linalg.yield %s : f32
  } -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// Reduced dims that are not contiguous (axes 0 and 2): the leading one is a
// loop inside the parallel one, the innermost one a vector.
// CHECK-LABEL: func.func @split_axes
// CHECK: scf.for {{.*}} to %c8
// CHECK:   scf.for {{.*}} to %c4
// CHECK:     vector.transfer_read {{.*}} : tensor<4x8x16xf32>, vector<1x1x16xf32>
// CHECK:     vector.reduction <add>, {{.*}} : vector<16xf32> into f32
// CHECK: } {rectify.parallel}
// CHECK-NOT: linalg.generic
func.func @split_axes(%x: tensor<4x8x16xf32>) -> tensor<8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (a, b, c)>, affine_map<(a, b, c) -> (b)>], iterator_types = ["reduction", "parallel", "reduction"]}
      ins(%x : tensor<4x8x16xf32>) outs(%f : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// An outer reduction over a dynamic leading dim: 64 columns per tile, and the
// 36 left over get vectors of exactly 36 lanes; whole vectors are combined in
// registers across the reduction loop, stored once.
// CHECK-LABEL: func.func @outer
// CHECK: %[[INIT:.*]] = vector.transfer_read {{.*}} : tensor<100xf32>, vector<64xf32>
// CHECK: %[[ACC:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %[[INIT]]) -> (vector<64xf32>)
// CHECK:   arith.cmpf olt, %{{.*}}, %[[A]] : vector<64xf32>
// CHECK:   arith.cmpf uno, %[[A]], %{{.*}} : vector<64xf32>
// CHECK: vector.transfer_write %[[ACC]]
// CHECK: scf.for {{.*}} -> (vector<36xf32>)
// CHECK:   arith.cmpf uno, {{.*}} : vector<36xf32>
// CHECK-NOT: vector.reduction
// CHECK-NOT: linalg.generic
func.func @outer(%x: tensor<?x100xf32>) -> tensor<100xf32> {
  %inf = arith.constant 0x7F800000 : f32
  %e = tensor.empty() : tensor<100xf32>
  %f = linalg.fill ins(%inf : f32) outs(%e : tensor<100xf32>) -> tensor<100xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (n)>], iterator_types = ["reduction", "parallel"]}
      ins(%x : tensor<?x100xf32>) outs(%f : tensor<100xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.minimumf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<100xf32>
  return %y : tensor<100xf32>
}

// -----

// Negative: a window map (LRN's channel window) is not a projected
// permutation; the generic stays for the loop lowering.
// CHECK-LABEL: func.func @window_left_alone
// CHECK-NOT: scf.for
// CHECK: linalg.generic
// CHECK-SAME: "reduction"
// CHECK-NOT: vector.
func.func @window_left_alone(%x: tensor<1x10x4xf32>, %w: tensor<3xf32>) -> tensor<1x8x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(n, c, s, k) -> (n, c + k, s)>, affine_map<(n, c, s, k) -> (k)>, affine_map<(n, c, s, k) -> (n, c, s)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<1x10x4xf32>, tensor<3xf32>) outs(%f : tensor<1x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %o, %a : f32
    linalg.yield %s : f32
  } -> tensor<1x8x4xf32>
  return %y : tensor<1x8x4xf32>
}

// -----

// Negative: integer reductions are left alone.
// CHECK-LABEL: func.func @integer_left_alone
// CHECK-NOT: scf.for
// CHECK: linalg.generic
// CHECK-NOT: vector.
func.func @integer_left_alone(%x: tensor<4x100xi32>, %init: tensor<4xi32>) -> tensor<4xi32> {
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x100xi32>) outs(%init : tensor<4xi32>) {
  ^bb0(%a: i32, %o: i32):
    %s = arith.addi %a, %o : i32
    linalg.yield %s : i32
  } -> tensor<4xi32>
  return %y : tensor<4xi32>
}
