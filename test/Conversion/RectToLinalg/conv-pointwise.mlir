// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// A 1x1 unit-stride conv on wide rows (W = 56: three 16-lane tiles and an
// 8-lane remainder) is a GEMM that iterates the output rows: one
// multiply-accumulate generic over (n, y, f, x | c) reading the weight
// transposed to [C, F] at compile time and the input where it lies, into an
// [N, H, F, W] accumulator, then the epilogue writing NCHW.
// CHECK-DAG: #[[$W:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d4, d2)>
// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d4, d1, d3)>
// CHECK-DAG: #[[$ACC:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-DAG: #[[$NCHW:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d1, d3)>
// CHECK-LABEL: func.func @pointwise_rows(
// CHECK-SAME: %[[X:.*]]: tensor<?x2x3x56xf32>
// w[f, c] = 10 f + c, transposed: row c holds c, 10 + c, 20 + c, ...
// CHECK-DAG: %[[WT:.*]] = arith.constant dense<{{\[\[\[\[}}0.000000e+00, 1.000000e+01, {{.*}}], [1.000000e+00, 1.100000e+01, {{.*}}]]]]> : tensor<1x1x2x8xf32>
// CHECK: %[[WM:.*]] = tensor.collapse_shape %[[WT]] {{\[}}[0, 1, 2], [3]] : tensor<1x1x2x8xf32> into tensor<2x8xf32>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x3x8x56xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$W]], #[[$IN]], #[[$ACC]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[WM]], %[[X]] : tensor<2x8xf32>, tensor<?x2x3x56xf32>) outs(%[[ACC]] : tensor<?x3x8x56xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$CH]], #[[$NCHW]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[SUM]], %{{.*}} : tensor<?x3x8x56xf32>, tensor<8xf32>) outs(%{{.*}} : tensor<?x8x3x56xf32>)
// CHECK: arith.maximumf
// CHECK-NOT: linalg.matmul
// CHECK: return %[[OUT]]
func.func @pointwise_rows(%x: tensor<?x2x3x56xf32>) -> tensor<?x8x3x56xf32> {
  %w = rect.constant dense<[[[[0.0]], [[1.0]]], [[[10.0]], [[11.0]]], [[[20.0]], [[21.0]]], [[[30.0]], [[31.0]]], [[[40.0]], [[41.0]]], [[[50.0]], [[51.0]]], [[[60.0]], [[61.0]]], [[[70.0]], [[71.0]]]]> : tensor<8x2x1x1xf32>
  %b = rect.constant dense<1.0> : tensor<8xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x3x56xf32>, tensor<8x2x1x1xf32>, tensor<8xf32>) -> tensor<?x8x3x56xf32>
  return %0 : tensor<?x8x3x56xf32>
}

// -----

// Rows that would leave an odd-sized remainder (28 = 16 + 12), filter
// counts that do not fill rows of 8, and padded or strided 1x1 convs stay
// one GEMM.
// CHECK-LABEL: func.func @pointwise_gemm_shapes
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x2xf32>, tensor<2x84xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<12x2xf32>, tensor<2x168xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x2xf32>, tensor<2x290xf32>)
// CHECK-NOT: "parallel", "reduction"]
func.func @pointwise_gemm_shapes(%x28: tensor<1x2x3x28xf32>, %x56: tensor<1x2x3x56xf32>) -> (tensor<1x8x3x28xf32>, tensor<1x12x3x56xf32>, tensor<1x8x5x58xf32>) {
  %w8 = rect.constant dense<0.5> : tensor<8x2x1x1xf32>
  %w12 = rect.constant dense<0.25> : tensor<12x2x1x1xf32>
  %0 = rect.conv %x28, %w8 : (tensor<1x2x3x28xf32>, tensor<8x2x1x1xf32>) -> tensor<1x8x3x28xf32>
  %1 = rect.conv %x56, %w12 : (tensor<1x2x3x56xf32>, tensor<12x2x1x1xf32>) -> tensor<1x12x3x56xf32>
  %2 = rect.conv %x56, %w8 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x3x56xf32>, tensor<8x2x1x1xf32>) -> tensor<1x8x5x58xf32>
  return %0, %1, %2 : tensor<1x8x3x28xf32>, tensor<1x12x3x56xf32>, tensor<1x8x5x58xf32>
}
