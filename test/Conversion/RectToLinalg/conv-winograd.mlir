// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s
// RUN: rectify-opt %s -convert-rect-to-linalg="winograd=false" -split-input-file | FileCheck %s --check-prefix=DIRECT

// DIRECT-NOT: floordiv

// A 3x3 unit-stride convolution with a constant weight (at least 16 input
// channels, whole vectors of filters, 4 or more output rows) lowers to
// F(4, 3) along its rows (ConvWinograd.cpp): the input padded to whole
// tiles of 4 rows, its 6 rows per tile read with row stride 4 and
// transformed by one generic with 6 results, one 1x3 contraction per
// transformed row with the weight transformed at compile time, then the
// output transform with the epilogue reading tile y floordiv 4 and
// coefficient y mod 4.

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d6, d1 + d4, d2 + d5)>
// CHECK-DAG: #[[$TILE:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 floordiv 4, d3)>
// CHECK-DAG: #[[$AT:.*]] = affine_map<(d0, d1, d2, d3) -> (d2 mod 4)>
// CHECK-DAG: #[[$CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @winograd_rows(
// CHECK-SAME: %[[X:.*]]: tensor<?x16x6x5xf32>, %[[R:.*]]: tensor<?x16x6x5xf32>)
// 6 output rows take 2 tiles: 8 rows, 10 padded input rows.
// CHECK: tensor.empty(%{{.*}}) : tensor<?x16x10x7xf32>
// CHECK: %[[D0:.*]] = tensor.extract_slice %[[P:.*]][0, 0, 0, 0] [%{{.*}}, 16, 2, 7] [1, 1, 4, 1]
// CHECK: %[[D5:.*]] = tensor.extract_slice %[[P]][0, 0, 5, 0] [%{{.*}}, 16, 2, 7] [1, 1, 4, 1]
// CHECK: %[[V:.*]]:6 = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[D0]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[D5]] :
// Row 0 of BT: 4 d0 - 5 d2 + d4.
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK: arith.subf
// CHECK: arith.addf
// CHECK: linalg.yield %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : f32, f32, f32, f32, f32, f32
// The weight 0.5 everywhere: U_i = 0.5 * (row sum of G_i), as [1, 3, C, F].
// CHECK: %[[U0:.*]] = arith.constant dense<1.250000e-01> : tensor<1x3x16x16xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ROW]], {{.*}}, "reduction", "reduction", "reduction"]} ins(%[[V]]#0, %[[U0]] : tensor<?x16x2x7xf32>, tensor<1x3x16x16xf32>) outs(%{{.*}} : tensor<?x2x5x16xf32>)
// CHECK-COUNT-4: "reduction", "reduction", "reduction"]} ins(%[[V]]#
// CHECK: %[[U5:.*]] = arith.constant dense<5.000000e-01> : tensor<1x3x16x16xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ROW]], {{.*}}, "reduction", "reduction", "reduction"]} ins(%[[V]]#5, %[[U5]] :
// Columns 1 and 3 of AT.
// CHECK-DAG: arith.constant dense<1.000000e+00> : tensor<4xf32>
// CHECK-DAG: arith.constant dense<[1.000000e+00, 2.000000e+00, 4.000000e+00, 8.000000e+00]> : tensor<4xf32>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$TILE]], #[[$TILE]], #[[$TILE]], #[[$TILE]], #[[$TILE]], #[[$TILE]], #[[$AT]], #[[$AT]], #[[$AT]], #[[$AT]], #[[$AT]], #[[$AT]], #[[$CH]], #[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins({{.*}}, %[[R]] : {{.*}}) outs(%{{.*}} : tensor<?x16x6x5xf32>)
// CHECK: arith.maximumf
// CHECK: return %[[Y]]
func.func @winograd_rows(%x: tensor<?x16x6x5xf32>, %r: tensor<?x16x6x5xf32>) -> tensor<?x16x6x5xf32> {
  %w = rect.constant dense<0.5> : tensor<16x16x3x3xf32>
  %b = rect.constant dense<1.0> : tensor<16xf32>
  %0 = rect.conv %x, %w bias(%b) residual(%r) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, activation = #rect.act<relu>} : (tensor<?x16x6x5xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>, tensor<?x16x6x5xf32>) -> tensor<?x16x6x5xf32>
  return %0 : tensor<?x16x6x5xf32>
}

// -----

// Direct (in place) instead: stride 2, dilation 2, fewer than 16 input
// channels, fewer than 4 output rows.
// CHECK-LABEL: func.func @direct_shapes
// CHECK-NOT: floordiv
// CHECK-COUNT-4: "reduction", "reduction", "reduction"]}
// CHECK-NOT: floordiv
func.func @direct_shapes(%x: tensor<1x16x9x9xf32>, %y: tensor<1x8x9x9xf32>, %z: tensor<1x16x3x9xf32>) -> (tensor<1x16x5x5xf32>, tensor<1x16x5x5xf32>, tensor<1x16x9x9xf32>, tensor<1x16x3x9xf32>) {
  %w = rect.constant dense<0.5> : tensor<16x16x3x3xf32>
  %w8 = rect.constant dense<0.5> : tensor<16x8x3x3xf32>
  %0 = rect.conv %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, activation = #rect.act<none>} : (tensor<1x16x9x9xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x5x5xf32>
  %1 = rect.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, activation = #rect.act<none>} : (tensor<1x16x9x9xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x5x5xf32>
  %2 = rect.conv %y, %w8 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, activation = #rect.act<none>} : (tensor<1x8x9x9xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x9x9xf32>
  %3 = rect.conv %z, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, activation = #rect.act<none>} : (tensor<1x16x3x9xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x3x9xf32>
  return %0, %1, %2, %3 : tensor<1x16x5x5xf32>, tensor<1x16x5x5xf32>, tensor<1x16x9x9xf32>, tensor<1x16x3x9xf32>
}
