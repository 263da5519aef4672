// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// rect.conv: a gathering generic (tensor.extract + select) for the pads, a zero-filled accumulator, the conv as a
// named linalg op (or a generic for other groups), then one all-parallel
// generic epilogue (bias per channel, residual, activation) consuming it.

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @conv_bias_residual_relu(
// CHECK-SAME: %[[X:.*]]: tensor<?x2x4x4xf32>, %[[W:.*]]: tensor<3x2x3x3xf32>, %[[B:.*]]: tensor<3xf32>, %[[R:.*]]: tensor<?x3x2x2xf32>)
// CHECK: %[[P:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x2x5x5xf32>)
// CHECK: tensor.extract %[[X]]
// CHECK: arith.select
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x3x2x2xf32>)
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%[[P]], %[[W]] : tensor<?x2x5x5xf32>, tensor<3x2x3x3xf32>) outs(%[[ACC]] : tensor<?x3x2x2xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$CH]], #[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[C]], %[[B]], %[[R]] :
// CHECK-NEXT: ^bb0(%[[V:.*]]: f32, %[[BV:.*]]: f32, %[[RV:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S1:.*]] = arith.addf %[[V]], %[[BV]] : f32
// CHECK-NEXT: %[[S2:.*]] = arith.addf %[[S1]], %[[RV]] : f32
// CHECK: arith.maximumf %[[S2]]
// CHECK: return %[[Y]]
func.func @conv_bias_residual_relu(%x: tensor<?x2x4x4xf32>, %w: tensor<3x2x3x3xf32>, %b: tensor<3xf32>, %r: tensor<?x3x2x2xf32>) -> tensor<?x3x2x2xf32> {
  %0 = rect.conv %x, %w bias(%b) residual(%r) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>, tensor<?x3x2x2xf32>) -> tensor<?x3x2x2xf32>
  return %0 : tensor<?x3x2x2xf32>
}

// -----

// Without pads, bias or activation: the bare named conv, no pad, no epilogue.
// CHECK-LABEL: func.func @conv_plain
// CHECK-NOT: tensor.extract
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<2> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-NOT: linalg.generic
// CHECK: return %[[C]]
func.func @conv_plain(%x: tensor<1x2x6x6xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x2x2xf32> {
  %0 = rect.conv %x, %w {dilations = array<i64: 2, 2>} : (tensor<1x2x6x6xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

// Depthwise (group = C = F): the [C, 1, kh, kw] weight collapses to
// [C, kh, kw] for linalg.depthwise_conv_2d_nchw_chw; a per-channel PReLU
// slope is read by channel in the epilogue.
// CHECK-LABEL: func.func @depthwise_prelu
// CHECK: %[[F:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2], [3]] : tensor<4x1x3x3xf32> into tensor<4x3x3xf32>
// CHECK: %[[C:.*]] = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%{{.*}}, %[[F]] : tensor<1x4x8x8xf32>, tensor<4x3x3xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[C]], %{{.*}} : tensor<1x4x6x6xf32>, tensor<4xf32>)
// CHECK: arith.cmpf
// CHECK: arith.select
func.func @depthwise_prelu(%x: tensor<1x4x6x6xf32>, %w: tensor<4x1x3x3xf32>, %s: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %0 = rect.conv %x, %w slope(%s) {group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, activation = #rect.act<prelu>} : (tensor<1x4x6x6xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// Other groups: [N, G, C/G, H, W] x [G, F/G, C/G, kh, kw] in one generic with
// five parallel and three reduction loops, collapsed back to [N, F, OH, OW].
// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d3 * 2 + d6, d4 * 2 + d7)>
// CHECK-DAG: #[[$W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d5, d6, d7)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @grouped
// CHECK: %[[XI:.*]] = tensor.expand_shape %arg0 {{\[}}[0], [1, 2], [3], [4]] output_shape [%{{.*}}, 2, 2, 5, 5] : tensor<?x4x5x5xf32> into tensor<?x2x2x5x5xf32>
// CHECK: %[[WI:.*]] = tensor.expand_shape %arg1 {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3] : tensor<6x2x3x3xf32> into tensor<2x3x2x3x3xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$W]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[XI]], %[[WI]] :
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: tensor.collapse_shape %[[G]] {{\[}}[0], [1, 2], [3], [4]] : tensor<?x2x3x2x2xf32> into tensor<?x6x2x2xf32>
func.func @grouped(%x: tensor<?x4x5x5xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<?x6x2x2xf32> {
  %0 = rect.conv %x, %w {group = 2 : i64, strides = array<i64: 2, 2>} : (tensor<?x4x5x5xf32>, tensor<6x2x3x3xf32>) -> tensor<?x6x2x2xf32>
  return %0 : tensor<?x6x2x2xf32>
}

// -----

// conv_transpose: zeros inserted and the padding by dilation * (k - 1) - pad
// (+ output_padding at the end) in one gathering generic, the weight flipped
// and transposed per group by another (a constant weight is flipped at
// compile time), then a stride-1 conv and the bias.
// CHECK-LABEL: func.func @conv_transpose
// CHECK: %[[P:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x4x8x8xf32>)
// CHECK: arith.remsi
// CHECK: tensor.extract %arg0
// CHECK: %[[FL:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x4x3x3xf32>)
// CHECK: tensor.extract
// CHECK: %[[FW:.*]] = tensor.collapse_shape %[[FL]] {{\[}}[0, 1], [2], [3], [4]] : tensor<1x2x4x3x3xf32> into tensor<2x4x3x3xf32>
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%[[P]], %[[FW]] : tensor<?x4x8x8xf32>, tensor<2x4x3x3xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[C]], %arg2 : tensor<?x2x6x6xf32>, tensor<2xf32>)
func.func @conv_transpose(%x: tensor<?x4x3x3xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<?x2x6x6xf32> {
  %0 = rect.conv_transpose %x, %w bias(%b) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<?x4x3x3xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Pads larger than dilation * (k - 1) crop the input; a constant weight is
// flipped at compile time.
// CHECK-LABEL: func.func @conv_transpose_crop
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x2x3xf32>)
// CHECK: linalg.conv_2d_nchw_fchw
func.func @conv_transpose_crop(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x2x3xf32> {
  %0 = rect.conv_transpose %x, %w {pads = array<i64: 1, 0, 0, 0>} : (tensor<1x1x3x3xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x3xf32>
  return %0 : tensor<1x1x2x3xf32>
}
