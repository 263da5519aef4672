// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// rect.linear lowers to tensor.empty + linalg.fill 0 + linalg.matmul with
// transposed-B indexing maps (C[m, n] += x[m, k] * W[n, k]), then, only when
// there is a bias or an activation, ONE all-parallel linalg.generic epilogue
// over [M, N] that reads the matmul result (bias and slope broadcast along N)
// and writes a fresh tensor.empty.

// CHECK-DAG: #[[$LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$RHS_T:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$PER_N:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @linear_bias_relu(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<16x8xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<4x16xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK: %[[MM:.*]] = linalg.matmul indexing_maps = [#[[$LHS]], #[[$RHS_T]], #[[$OUT]]] ins(%[[X]], %[[W]] : tensor<4x8xf32>, tensor<16x8xf32>) outs(%[[FILL]] : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK: %[[EMPTY2:.*]] = tensor.empty() : tensor<4x16xf32>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$PER_N]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[MM]], %[[B]] : tensor<4x16xf32>, tensor<16xf32>) outs(%[[EMPTY2]] : tensor<4x16xf32>)
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[RELU:.*]] = arith.maximumf %[[SUM]], %[[C0]] : f32
// CHECK-NEXT: linalg.yield %[[RELU]] : f32
// CHECK: return %[[Y]] : tensor<4x16xf32>
func.func @linear_bias_relu(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// No bias and no activation: no epilogue.
// CHECK-LABEL: func.func @linear_plain(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<16x8xf32>)
// CHECK: %[[FILL:.*]] = linalg.fill
// CHECK: %[[MM:.*]] = linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[X]], %[[W]] : tensor<4x8xf32>, tensor<16x8xf32>) outs(%[[FILL]] : tensor<4x16xf32>)
// CHECK-NOT: linalg.generic
// CHECK: return %[[MM]] : tensor<4x16xf32>
func.func @linear_plain(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// Bias without activation: the epilogue only adds.
// CHECK-LABEL: func.func @linear_bias_only(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: linalg.yield %[[SUM]] : f32
func.func @linear_bias_only(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// Activation without bias: the epilogue reads only the matmul result.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @linear_no_bias_sigmoid(
// CHECK: %[[MM:.*]] = linalg.matmul
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[MM]] : tensor<4x16xf32>)
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[ACC]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @linear_no_bias_sigmoid(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w {activation = #rect.act<sigmoid>} : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// A scalar bias and a [N] prelu slope.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[$PER_N:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @linear_prelu(
// CHECK-SAME: %[[B:[^:]*]]: tensor<f32>, %[[S:[^:]*]]: tensor<16xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$SCALAR]], #[[$PER_N]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[MM]], %[[B]], %[[S]] : tensor<4x16xf32>, tensor<f32>, tensor<16xf32>)
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %[[SLOPE:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[MUL:.*]] = arith.mulf %[[SLOPE]], %[[SUM]] : f32
// CHECK-NEXT: %[[CMP:.*]] = arith.cmpf oge, %[[SUM]], %[[ZERO]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.select %[[CMP]], %[[SUM]], %[[MUL]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @linear_prelu(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<f32>, %s: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) slope(%s) {activation = #rect.act<prelu>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<f32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// A [1] slope (one shared slope) reads index 0; no bias.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$FIRST:.*]] = affine_map<(d0, d1) -> (0)>
// CHECK-LABEL: func.func @linear_prelu_shared_slope(
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$FIRST]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[SLOPE:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[MUL:.*]] = arith.mulf %[[SLOPE]], %[[ACC]] : f32
// CHECK-NEXT: %[[CMP:.*]] = arith.cmpf oge, %[[ACC]], %[[ZERO]] : f32
// CHECK-NEXT: arith.select %[[CMP]], %[[ACC]], %[[MUL]] : f32
func.func @linear_prelu_shared_slope(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %s: tensor<1xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w slope(%s) {activation = #rect.act<prelu>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<1xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// Dynamic batch: sizes come from tensor.dim of x.
// CHECK-LABEL: func.func @linear_dynamic_batch(
// CHECK-SAME: %[[X:.*]]: tensor<?x784xf32>, %[[W:.*]]: tensor<512x784xf32>, %[[B:.*]]: tensor<512xf32>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x784xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[DIM]]) : tensor<?x512xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<?x512xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[X]], %[[W]] : tensor<?x784xf32>, tensor<512x784xf32>) outs(%[[FILL]] : tensor<?x512xf32>)
// CHECK: %[[EMPTY2:.*]] = tensor.empty(%[[DIM]]) : tensor<?x512xf32>
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[MM]], %[[B]] : tensor<?x512xf32>, tensor<512xf32>) outs(%[[EMPTY2]] : tensor<?x512xf32>)
// CHECK: return %[[Y]]
func.func @linear_dynamic_batch(%x: tensor<?x784xf32>, %w: tensor<512x784xf32>, %b: tensor<512xf32>) -> tensor<?x512xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x784xf32>, tensor<512x784xf32>, tensor<512xf32>) -> tensor<?x512xf32>
  return %y : tensor<?x512xf32>
}

// -----

// Rank-3 input: leading dims collapse into M, the epilogue runs on [M, N],
// and the result expands back to [B, S, N].
// CHECK-LABEL: func.func @linear_rank3(
// CHECK-SAME: %[[X:.*]]: tensor<?x5x8xf32>, %[[W:.*]]: tensor<16x8xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK: %[[BATCH:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x5x8xf32>
// CHECK: %[[X2:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<?x5x8xf32> into tensor<?x8xf32>
// CHECK: %[[M:.*]] = tensor.dim %[[X2]], %{{.*}} : tensor<?x8xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[M]]) : tensor<?x16xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<?x16xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[X2]], %[[W]] : tensor<?x8xf32>, tensor<16x8xf32>) outs(%[[FILL]] : tensor<?x16xf32>)
// CHECK: %[[EPI:.*]] = linalg.generic {{.*}} ins(%[[MM]], %[[B]] : tensor<?x16xf32>, tensor<16xf32>)
// CHECK: arith.addf
// CHECK: math.tanh
// CHECK: %[[Y:.*]] = tensor.expand_shape %[[EPI]] {{\[\[}}0, 1], [2]] output_shape [%[[BATCH]], 5, 16] : tensor<?x16xf32> into tensor<?x5x16xf32>
// CHECK: return %[[Y]]
func.func @linear_rank3(%x: tensor<?x5x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<?x5x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<tanh>} : (tensor<?x5x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<?x5x16xf32>
  return %y : tensor<?x5x16xf32>
}

// -----

// Rank-1 input: x is viewed as [1, K] and the result collapses back to [N].
// CHECK-LABEL: func.func @linear_rank1(
// CHECK-SAME: %[[X:.*]]: tensor<8xf32>, %[[W:.*]]: tensor<16x8xf32>)
// CHECK: %[[X2:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1]] output_shape [1, 8] : tensor<8xf32> into tensor<1x8xf32>
// CHECK: %[[MM:.*]] = linalg.matmul {{.*}} ins(%[[X2]], %[[W]] : tensor<1x8xf32>, tensor<16x8xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[Y:.*]] = tensor.collapse_shape %[[MM]] {{\[\[}}0, 1]] : tensor<1x16xf32> into tensor<16xf32>
// CHECK: return %[[Y]]
func.func @linear_rank1(%x: tensor<8xf32>, %w: tensor<16x8xf32>) -> tensor<16xf32> {
  %y = rect.linear %x, %w : (tensor<8xf32>, tensor<16x8xf32>) -> tensor<16xf32>
  return %y : tensor<16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_relu6(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[A:.*]] = arith.maximumf %[[SUM]], %[[Z]] : f32
// CHECK-NEXT: %[[SIX:.*]] = arith.constant 6.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.minimumf %[[A]], %[[SIX]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_relu6(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<relu6>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_leaky_relu(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[AL:.*]] = arith.constant 1.250000e-01 : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[AL]], %[[SUM]] : f32
// CHECK-NEXT: %[[C:.*]] = arith.cmpf oge, %[[SUM]], %[[Z]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[C]], %[[SUM]], %[[M]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_leaky_relu(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<leaky_relu alpha = 0.125>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_clip(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[LO:.*]] = arith.constant -2.000000e+00 : f32
// CHECK-NEXT: %[[A:.*]] = arith.maximumf %[[SUM]], %[[LO]] : f32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.minimumf %[[A]], %[[HI]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_clip(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<clip min = -2.0, max = 2.0>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_elu(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[AL:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[E:.*]] = math.expm1 %[[SUM]] : f32
// CHECK-NEXT: %[[N:.*]] = arith.mulf %[[AL]], %[[E]] : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[C:.*]] = arith.cmpf ogt, %[[SUM]], %[[Z]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[C]], %[[SUM]], %[[N]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_elu(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<elu alpha = 0.5>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_selu(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[G:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT: %[[AL:.*]] = arith.constant 1.500000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = math.expm1 %[[SUM]] : f32
// CHECK-NEXT: %[[N:.*]] = arith.mulf %[[AL]], %[[E]] : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[C:.*]] = arith.cmpf ogt, %[[SUM]], %[[Z]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.select %[[C]], %[[SUM]], %[[N]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[G]], %[[S]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_selu(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<selu alpha = 1.5, gamma = 2.0>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_tanh(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[R:.*]] = math.tanh %[[SUM]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_tanh(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<tanh>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_gelu(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[K:.*]] = arith.constant 0.707106769 : f32
// CHECK-NEXT: %[[SC:.*]] = arith.mulf %[[SUM]], %[[K]] : f32
// CHECK-NEXT: %[[E:.*]] = math.erf %[[SC]] : f32
// CHECK-NEXT: %[[H:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[HX:.*]] = arith.mulf %[[SUM]], %[[H]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[P:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[HX]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_gelu(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<gelu>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_gelu_tanh(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[SQ:.*]] = arith.mulf %[[SUM]], %[[SUM]] : f32
// CHECK-NEXT: %[[CU:.*]] = arith.mulf %[[SQ]], %[[SUM]] : f32
// CHECK-NEXT: %[[BE:.*]] = arith.constant 0.797884583 : f32
// CHECK-NEXT: %[[KA:.*]] = arith.constant 4.471500e-02 : f32
// CHECK-NEXT: %[[KC:.*]] = arith.mulf %[[KA]], %[[CU]] : f32
// CHECK-NEXT: %[[IN0:.*]] = arith.addf %[[SUM]], %[[KC]] : f32
// CHECK-NEXT: %[[IN:.*]] = arith.mulf %[[BE]], %[[IN0]] : f32
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[IN]] : f32
// CHECK-NEXT: %[[H:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[HX:.*]] = arith.mulf %[[H]], %[[SUM]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[P:.*]] = arith.addf %[[ONE]], %[[T]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[HX]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_gelu_tanh(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<gelu_tanh>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_silu(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[SUM]] : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[N]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.divf %[[ONE]], %[[D]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[SUM]], %[[S]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_silu(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<silu>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_softplus(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[A:.*]] = math.absf %[[SUM]] : f32
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[A]] : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[N]] : f32
// CHECK-NEXT: %[[L:.*]] = math.log1p %[[E]] : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[P:.*]] = arith.maximumf %[[SUM]], %[[Z]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.addf %[[P]], %[[L]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_softplus(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<softplus>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_hard_sigmoid(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[AL:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[AL]], %[[SUM]] : f32
// CHECK-NEXT: %[[BE:.*]] = arith.constant 2.500000e-01 : f32
// CHECK-NEXT: %[[L:.*]] = arith.addf %[[M]], %[[BE]] : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[MN:.*]] = arith.minimumf %[[ONE]], %[[L]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.maximumf %[[Z]], %[[MN]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_hard_sigmoid(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<hard_sigmoid alpha = 0.5, beta = 0.25>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @linear_hard_swish(
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BIAS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[BIAS]] : f32
// CHECK-NEXT: %[[SX:.*]] = arith.constant 0.166666672 : f32
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[SUM]], %[[SX]] : f32
// CHECK-NEXT: %[[H:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[L:.*]] = arith.addf %[[M]], %[[H]] : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[MN:.*]] = arith.minimumf %[[ONE]], %[[L]] : f32
// CHECK-NEXT: %[[G:.*]] = arith.maximumf %[[Z]], %[[MN]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[SUM]], %[[G]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @linear_hard_swish(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = rect.linear %x, %w bias(%b) {activation = #rect.act<hard_swish>} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}
