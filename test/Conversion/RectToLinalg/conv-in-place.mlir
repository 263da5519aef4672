// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// rect.conv with group = 1 and a constant weight reads the padded input in
// place (no window matrix): one multiply-accumulate generic over
// (n, y, x, f | i, j, c) into an [N, OH, OW, F] accumulator, the weight
// transposed to [kh, kw, C, F] at compile time, then the epilogue over
// (n, y, x, f) writing NCHW through a permuted map.

// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d6, d1 * 2 + d4, d2 * 2 + d5 * 3)>
// CHECK-DAG: #[[$W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d5, d6, d3)>
// CHECK-DAG: #[[$ACC:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[$NCHW:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1, d2)>
// CHECK-LABEL: func.func @conv_in_place(
// CHECK-SAME: %[[X:.*]]: tensor<?x2x5x7xf32>, %[[R:.*]]: tensor<?x16x3x2xf32>)
// The weight [F=16, C=2, 1, 2] as [1, 2, C, F]: w[f, c, 0, j] = 10 f + 2 c + j,
// so row (j, c) counts up by 10 from 2 c + j.
// CHECK-DAG: %[[WT:.*]] = arith.constant dense<{{\[\[\[\[}}0.000000e+00, 1.000000e+01, {{.*}}], [2.000000e+00, 1.200000e+01, {{.*}}]], {{\[\[}}1.000000e+00, 1.100000e+01, {{.*}}], [3.000000e+00, 1.300000e+01, {{.*}}, 1.530000e+02]]]]> : tensor<1x2x2x16xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<1.000000e+00> : tensor<16xf32>
// The input copied into the interior, then the top row filled.
// CHECK: %[[IN:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 1, 0] [%{{.*}}, 2, 5, 7] [1, 1, 1, 1] : tensor<?x2x5x7xf32> into tensor<?x2x6x7xf32>
// CHECK: %[[P:.*]] = tensor.insert_slice %{{.*}} into %[[IN]][0, 0, 0, 0] [%{{.*}}, 2, 1, 7] [1, 1, 1, 1] : tensor<?x2x1x7xf32> into tensor<?x2x6x7xf32>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x3x2x16xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$W]], #[[$ACC]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[P]], %[[WT]] : tensor<?x2x6x7xf32>, tensor<1x2x2x16xf32>) outs(%[[ACC]] : tensor<?x3x2x16xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$CH]], #[[$NCHW]], #[[$NCHW]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[SUM]], %[[B]], %[[R]] : tensor<?x3x2x16xf32>, tensor<16xf32>, tensor<?x16x3x2xf32>) outs(%{{.*}} : tensor<?x16x3x2xf32>)
// CHECK: arith.maximumf
// CHECK-NOT: linalg.matmul
// CHECK: return %[[OUT]]
func.func @conv_in_place(%x: tensor<?x2x5x7xf32>, %r: tensor<?x16x3x2xf32>) -> tensor<?x16x3x2xf32> {
  %w = rect.constant dense<[[[[0.0, 1.0]], [[2.0, 3.0]]], [[[10.0, 11.0]], [[12.0, 13.0]]], [[[20.0, 21.0]], [[22.0, 23.0]]], [[[30.0, 31.0]], [[32.0, 33.0]]], [[[40.0, 41.0]], [[42.0, 43.0]]], [[[50.0, 51.0]], [[52.0, 53.0]]], [[[60.0, 61.0]], [[62.0, 63.0]]], [[[70.0, 71.0]], [[72.0, 73.0]]], [[[80.0, 81.0]], [[82.0, 83.0]]], [[[90.0, 91.0]], [[92.0, 93.0]]], [[[100.0, 101.0]], [[102.0, 103.0]]], [[[110.0, 111.0]], [[112.0, 113.0]]], [[[120.0, 121.0]], [[122.0, 123.0]]], [[[130.0, 131.0]], [[132.0, 133.0]]], [[[140.0, 141.0]], [[142.0, 143.0]]], [[[150.0, 151.0]], [[152.0, 153.0]]]]> : tensor<16x2x1x2xf32>
  %b = rect.constant dense<1.0> : tensor<16xf32>
  %0 = rect.conv %x, %w bias(%b) residual(%r) {strides = array<i64: 2, 2>, dilations = array<i64: 1, 3>, pads = array<i64: 1, 0, 0, 0>, activation = #rect.act<relu>} : (tensor<?x2x5x7xf32>, tensor<16x2x1x2xf32>, tensor<16xf32>, tensor<?x16x3x2xf32>) -> tensor<?x16x3x2xf32>
  return %0 : tensor<?x16x3x2xf32>
}

// -----

// Shapes that run faster as a GEMM over a window matrix (see
// prefersInPlace): filters that do not fill whole 16-lane vectors, and a 1x1
// unit-stride conv on a large plane with few input channels.
// CHECK-LABEL: func.func @gemm_shapes
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<24x72xf32>, tensor<72x64xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<32x16xf32>, tensor<16x400xf32>)
// CHECK-NOT: "reduction", "reduction", "reduction"
func.func @gemm_shapes(%x: tensor<1x8x8x8xf32>, %y: tensor<1x16x20x20xf32>) -> (tensor<1x24x8x8xf32>, tensor<1x32x20x20xf32>) {
  %w24 = rect.constant dense<0.5> : tensor<24x8x3x3xf32>
  %w32 = rect.constant dense<0.25> : tensor<32x16x1x1xf32>
  %0 = rect.conv %x, %w24 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x8xf32>, tensor<24x8x3x3xf32>) -> tensor<1x24x8x8xf32>
  %1 = rect.conv %y, %w32 : (tensor<1x16x20x20xf32>, tensor<32x16x1x1xf32>) -> tensor<1x32x20x20xf32>
  return %0, %1 : tensor<1x24x8x8xf32>, tensor<1x32x20x20xf32>
}

// -----

// A 1x1 conv on a small plane (7x7 <= 64 pixels) reads in place.
// CHECK-LABEL: func.func @pointwise_small_plane
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<1x8x7x7xf32>, tensor<1x1x8x32xf32>)
// CHECK-NOT: linalg.matmul
func.func @pointwise_small_plane(%x: tensor<1x8x7x7xf32>) -> tensor<1x32x7x7xf32> {
  %w = rect.constant dense<0.5> : tensor<32x8x1x1xf32>
  %0 = rect.conv %x, %w : (tensor<1x8x7x7xf32>, tensor<32x8x1x1xf32>) -> tensor<1x32x7x7xf32>
  return %0 : tensor<1x32x7x7xf32>
}
