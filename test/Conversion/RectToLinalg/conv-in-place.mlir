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
// CHECK-SAME: %[[X:.*]]: tensor<?x2x5x7xf32>, %[[R:.*]]: tensor<?x3x3x2xf32>)
// The weight [F=3, C=2, 1, 2] as [1, 2, C, F]: w[f, c, 0, j] = 10 f + 2 c + j.
// CHECK-DAG: %[[WT:.*]] = arith.constant dense<{{\[\[\[\[}}0.000000e+00, 1.000000e+01, 2.000000e+01], [2.000000e+00, 1.200000e+01, 2.200000e+01]], {{\[\[}}1.000000e+00, 1.100000e+01, 2.100000e+01], [3.000000e+00, 1.300000e+01, 2.300000e+01]]]]> : tensor<1x2x2x3xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK: %[[P:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 1, 0] [%{{.*}}, 2, 5, 7] [1, 1, 1, 1] : tensor<?x2x5x7xf32> into tensor<?x2x6x7xf32>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x3x2x3xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$W]], #[[$ACC]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[P]], %[[WT]] : tensor<?x2x6x7xf32>, tensor<1x2x2x3xf32>) outs(%[[ACC]] : tensor<?x3x2x3xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$CH]], #[[$NCHW]], #[[$NCHW]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[SUM]], %[[B]], %[[R]] : tensor<?x3x2x3xf32>, tensor<3xf32>, tensor<?x3x3x2xf32>) outs(%{{.*}} : tensor<?x3x3x2xf32>)
// CHECK: arith.maximumf
// CHECK-NOT: linalg.matmul
// CHECK: return %[[OUT]]
func.func @conv_in_place(%x: tensor<?x2x5x7xf32>, %r: tensor<?x3x3x2xf32>) -> tensor<?x3x3x2xf32> {
  %w = rect.constant dense<[[[[0.0, 1.0]], [[2.0, 3.0]]], [[[10.0, 11.0]], [[12.0, 13.0]]], [[[20.0, 21.0]], [[22.0, 23.0]]]]> : tensor<3x2x1x2xf32>
  %b = rect.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) residual(%r) {strides = array<i64: 2, 2>, dilations = array<i64: 1, 3>, pads = array<i64: 1, 0, 0, 0>, activation = #rect.act<relu>} : (tensor<?x2x5x7xf32>, tensor<3x2x1x2xf32>, tensor<3xf32>, tensor<?x3x3x2xf32>) -> tensor<?x3x3x2xf32>
  return %0 : tensor<?x3x3x2xf32>
}
