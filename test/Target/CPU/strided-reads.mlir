// RUN: rectify-opt %s -rectify-cpu-tile-and-vectorize -canonicalize -cse -split-input-file | FileCheck %s

// A stride-2 pooling tap, vectorized along the output columns: the row of 55
// is read as the 109 contiguous elements that cover it, masked by the row's
// end rather than by a lane mask, and every second lane is kept. No gather
// and no single-element reads remain.
// CHECK-LABEL: func.func @strided_tap
// CHECK-SAME: %[[X:.*]]: tensor<1x2x7x111xf32>
// CHECK-DAG: %[[SPAN0:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 2, 3, 109] [1, 1, 2, 1]
// CHECK-DAG: %[[SPAN1:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 1] [1, 2, 3, 109] [1, 1, 2, 1]
// CHECK: scf.for
// CHECK: scf.for
// CHECK-NOT: vector.mask {{.*}}transfer_read
// CHECK: %[[W0:.*]] = vector.transfer_read %[[SPAN0]]{{.*}}{in_bounds = [true, true, true, false]} : tensor<1x2x3x109xf32>, vector<1x1x1x[[WIDE:[0-9]+]]xf32>
// CHECK: %[[F0:.*]] = vector.shape_cast %[[W0]] : vector<1x1x1x[[WIDE]]xf32> to vector<[[WIDE]]xf32>
// CHECK: vector.shuffle %[[F0]], %[[F0]] [0, 2, 4, 6, 8,
// CHECK: vector.transfer_read %[[SPAN1]]
// CHECK: vector.shuffle
// CHECK: arith.cmpf uno
// CHECK: vector.mask {{.*}} vector.transfer_write
func.func @strided_tap(%x: tensor<1x2x7x111xf32>) -> tensor<1x2x3x55xf32> {
  %t0 = tensor.extract_slice %x[0, 0, 0, 0] [1, 2, 3, 55] [1, 1, 2, 2] : tensor<1x2x7x111xf32> to tensor<1x2x3x55xf32>
  %t1 = tensor.extract_slice %x[0, 0, 0, 1] [1, 2, 3, 55] [1, 1, 2, 2] : tensor<1x2x7x111xf32> to tensor<1x2x3x55xf32>
  %e = tensor.empty() : tensor<1x2x3x55xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(n, c, y, x) -> (n, c, y, x)>, affine_map<(n, c, y, x) -> (n, c, y, x)>, affine_map<(n, c, y, x) -> (n, c, y, x)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%t0, %t1 : tensor<1x2x3x55xf32>, tensor<1x2x3x55xf32>) outs(%e : tensor<1x2x3x55xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.maximumf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<1x2x3x55xf32>
  return %r : tensor<1x2x3x55xf32>
}

// -----

// A read that is not along the strided dim (a stride in the rows only) is
// left as it is: its vector lanes are contiguous already.
// CHECK-LABEL: func.func @row_stride_only
// CHECK-NOT: vector.shuffle
// CHECK: return
func.func @row_stride_only(%x: tensor<1x2x7x16xf32>) -> tensor<1x2x3x16xf32> {
  %t0 = tensor.extract_slice %x[0, 0, 0, 0] [1, 2, 3, 16] [1, 1, 2, 1] : tensor<1x2x7x16xf32> to tensor<1x2x3x16xf32>
  %e = tensor.empty() : tensor<1x2x3x16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(n, c, y, x) -> (n, c, y, x)>, affine_map<(n, c, y, x) -> (n, c, y, x)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%t0 : tensor<1x2x3x16xf32>) outs(%e : tensor<1x2x3x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %a : f32
    linalg.yield %m : f32
  } -> tensor<1x2x3x16xf32>
  return %r : tensor<1x2x3x16xf32>
}
