// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// rect.conv with group = 1 is one GEMM over the batch: the input padded by a
// fill and a copy into its interior, a window gather into [C*kh*kw,
// N*OH*OW], W viewed as [F, C*kh*kw], a 2-D epilogue generic (bias per row,
// the residual transposed to [F, N*OH*OW], activation), then the transpose
// back to NCHW.

// With stride 2 each of the nine taps is a stride-2 view of the padded
// input (5x5), copied into its plane of the columns.
// CHECK-LABEL: func.func @conv_bias_residual_relu(
// CHECK-SAME: %[[X:.*]]: tensor<?x2x4x4xf32>, %[[W:.*]]: tensor<3x2x3x3xf32>, %[[B:.*]]: tensor<3xf32>, %[[R:.*]]: tensor<?x3x2x2xf32>)
// CHECK: %[[WM:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0], [1, 2, 3]] : tensor<3x2x3x3xf32> into tensor<3x18xf32>
// The input is copied into the interior; then only the border is filled,
// each part in place: the top row and the left column (pads 1, 1, 0, 0).
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x2x5x5xf32>
// CHECK: %[[INNER:.*]] = tensor.extract_slice %[[E]][0, 0, 1, 1] [%{{.*}}, 2, 4, 4] [1, 1, 1, 1]
// CHECK: %[[COPY:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<?x2x4x4xf32>) outs(%[[INNER]] : tensor<?x2x4x4xf32>)
// CHECK: %[[IN:.*]] = tensor.insert_slice %[[COPY]] into %[[E]][0, 0, 1, 1]
// CHECK: %[[TOP:.*]] = tensor.extract_slice %[[IN]][0, 0, 0, 0] [%{{.*}}, 2, 1, 5]
// CHECK: %[[TOPF:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[TOP]] : tensor<?x2x1x5xf32>)
// CHECK: %[[B1:.*]] = tensor.insert_slice %[[TOPF]] into %[[IN]][0, 0, 0, 0] [%{{.*}}, 2, 1, 5]
// CHECK: tensor.extract_slice %[[B1]][0, 0, 1, 0] [%{{.*}}, 2, 4, 1]
// CHECK: %[[P:.*]] = tensor.insert_slice %{{.*}} into %[[B1]][0, 0, 1, 0] [%{{.*}}, 2, 4, 1]
// Tap (0, 0) at (0, 0); tap (2, 1) at (2, 1); both with stride 2.
// CHECK: tensor.extract_slice %[[P]][0, 0, 0, 0] [%{{.*}}, 2, 2, 2] [1, 1, 2, 2]
// CHECK: tensor.extract_slice %[[P]][0, 0, 2, 1] [%{{.*}}, 2, 2, 2] [1, 1, 2, 2]
// CHECK: %[[COL:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 2, 2, 0, 0, 0] [2, 1, 1, %{{.*}}, 2, 2]
// CHECK: %[[CM:.*]] = tensor.collapse_shape %[[COL]] {{\[}}[0, 1, 2], [3, 4, 5]] : tensor<2x3x3x?x2x2xf32> into tensor<18x?xf32>
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[WM]], %[[CM]] : tensor<3x18xf32>, tensor<18x?xf32>) outs(%{{.*}} : tensor<3x?xf32>)
// CHECK: %[[RT:.*]] = linalg.generic {{.*}} ins(%[[R]] : tensor<?x3x2x2xf32>) outs(%{{.*}} : tensor<3x?x2x2xf32>)
// CHECK: %[[RM:.*]] = tensor.collapse_shape %[[RT]] {{\[}}[0], [1, 2, 3]]
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[MM]], %[[B]], %[[RM]] : tensor<3x?xf32>, tensor<3xf32>, tensor<3x?xf32>)
// CHECK: arith.addf
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK: %[[YE:.*]] = tensor.expand_shape %[[Y]] {{\[}}[0], [1, 2, 3]] {{.*}} into tensor<3x?x2x2xf32>
// CHECK: %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[YE]] : tensor<3x?x2x2xf32>) outs(%{{.*}} : tensor<?x3x2x2xf32>)
// CHECK: return %[[OUT]]
func.func @conv_bias_residual_relu(%x: tensor<?x2x4x4xf32>, %w: tensor<3x2x3x3xf32>, %b: tensor<3xf32>, %r: tensor<?x3x2x2xf32>) -> tensor<?x3x2x2xf32> {
  %0 = rect.conv %x, %w bias(%b) residual(%r) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>, tensor<?x3x2x2xf32>) -> tensor<?x3x2x2xf32>
  return %0 : tensor<?x3x2x2xf32>
}

// -----

// Batch 1, no pads, bias or activation: no padding copy, no epilogue, and the
// layout changes around the matmul are reshapes, not copies.
// CHECK-LABEL: func.func @conv_plain
// CHECK-NOT: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3x3x1x2x2xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul
// CHECK-NOT: linalg.generic
// CHECK: %[[PL:.*]] = tensor.expand_shape %[[MM]] {{\[}}[0], [1, 2, 3]] output_shape [3, 1, 2, 2]
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[PL]] {{\[}}[0, 1], [2], [3]]
// CHECK: %[[E:.*]] = tensor.expand_shape %[[C]] {{\[}}[0, 1], [2], [3]] output_shape [1, 3, 2, 2]
// CHECK: return %[[E]]
func.func @conv_plain(%x: tensor<1x2x6x6xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x2x2xf32> {
  %0 = rect.conv %x, %w {dilations = array<i64: 2, 2>} : (tensor<1x2x6x6xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

// 1x1, unit strides, no pads: the input itself is the columns matrix (its
// batch and channel dims swapped), with no window gather.
// CHECK-LABEL: func.func @conv_pointwise
// CHECK-NOT: tensor.extract
// CHECK: %[[T:.*]] = linalg.generic {{.*}} ins(%arg0 : tensor<?x8x5x5xf32>) outs(%{{.*}} : tensor<8x?x5x5xf32>)
// CHECK: %[[CM:.*]] = tensor.collapse_shape %[[T]] {{\[}}[0], [1, 2, 3]] : tensor<8x?x5x5xf32> into tensor<8x?xf32>
// CHECK: linalg.matmul ins(%{{.*}}, %[[CM]] : tensor<4x8xf32>, tensor<8x?xf32>)
func.func @conv_pointwise(%x: tensor<?x8x5x5xf32>, %w: tensor<4x8x1x1xf32>) -> tensor<?x4x5x5xf32> {
  %0 = rect.conv %x, %w : (tensor<?x8x5x5xf32>, tensor<4x8x1x1xf32>) -> tensor<?x4x5x5xf32>
  return %0 : tensor<?x4x5x5xf32>
}

// -----

// Depthwise (group = C = F): one generic over [N, C, OH, OW] reading the
// nine window taps (6x6 views of the padded input), one weight column per
// tap (read by channel), fma-accumulated, with the PReLU epilogue in the same
// body.
// CHECK-LABEL: func.func @depthwise_prelu
// CHECK: %[[F:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2], [3]] : tensor<4x1x3x3xf32> into tensor<4x3x3xf32>
// CHECK-COUNT-9: tensor.extract_slice %[[F]]
// The input is copied into the interior, the border rows are filled, then
// the side columns as one fill of seven runs of two elements (the right pad
// of a row and the left pad of the next), one padded row (8) apart,
// starting at the right pad of row 0.
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 1, 1] [1, 4, 6, 6]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x4x1x8xf32>)
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 7, 0] [1, 4, 1, 8]
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<1x4x8x8xf32> into tensor<1x4x64xf32>
// CHECK: %[[SPAN:.*]] = tensor.extract_slice %[[FLAT]][0, 0, 7] [1, 4, 56] [1, 1, 1]
// CHECK: %[[RUNS:.*]] = tensor.expand_shape %[[SPAN]] {{\[}}[0], [1], [2, 3]] output_shape [1, 4, 7, 8]
// CHECK: %[[SIDES:.*]] = tensor.extract_slice %[[RUNS]][0, 0, 0, 0] [1, 4, 7, 2] [1, 1, 1, 1]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[SIDES]] : tensor<1x4x7x2xf32>)
// CHECK: tensor.insert_slice %{{.*}} into %[[FLAT]][0, 0, 7] [1, 4, 56] [1, 1, 1]
// CHECK: %[[P:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2, 3]] output_shape [1, 4, 8, 8]
// CHECK-COUNT-9: tensor.extract_slice %[[P]]{{.*}} to tensor<1x4x6x6xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins({{.*}}, %arg2 : {{.*}}tensor<4xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<1x4x6x6xf32>)
// CHECK-NOT: tensor.extract
// CHECK: arith.mulf
// CHECK-COUNT-8: math.fma
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
// compile time), then a stride-1 convolution as a GEMM and the bias.
// CHECK-LABEL: func.func @conv_transpose
// CHECK: %[[P:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x4x8x8xf32>)
// CHECK: arith.remsi
// CHECK: tensor.extract %arg0
// CHECK: %[[FL:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x4x3x3xf32>)
// CHECK: tensor.extract
// CHECK: %[[FW:.*]] = tensor.collapse_shape %[[FL]] {{\[}}[0, 1], [2], [3], [4]] : tensor<1x2x4x3x3xf32> into tensor<2x4x3x3xf32>
// CHECK: %[[FM:.*]] = tensor.collapse_shape %[[FW]] {{\[}}[0], [1, 2, 3]] : tensor<2x4x3x3xf32> into tensor<2x36xf32>
// CHECK: linalg.generic {{.*}} ins(%[[P]] : tensor<?x4x8x8xf32>) outs(%{{.*}} : tensor<4x3x3x?x6x6xf32>)
// CHECK: %[[C:.*]] = linalg.matmul ins(%[[FM]], %{{.*}} : tensor<2x36xf32>, tensor<36x?xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[C]], %arg2 : tensor<2x?xf32>, tensor<2xf32>)
func.func @conv_transpose(%x: tensor<?x4x3x3xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<?x2x6x6xf32> {
  %0 = rect.conv_transpose %x, %w bias(%b) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<?x4x3x3xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x6x6xf32>
  return %0 : tensor<?x2x6x6xf32>
}

// -----

// Pads larger than dilation * (k - 1) crop the input; a constant weight is
// flipped at compile time.
// CHECK-LABEL: func.func @conv_transpose_crop
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x2x3xf32>)
// CHECK: linalg.matmul
func.func @conv_transpose_crop(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x2x3xf32> {
  %0 = rect.conv_transpose %x, %w {pads = array<i64: 1, 0, 0, 0>} : (tensor<1x1x3x3xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x3xf32>
  return %0 : tensor<1x1x2x3xf32>
}
