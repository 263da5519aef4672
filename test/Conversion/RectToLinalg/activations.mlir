// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// Every activation op becomes one all-parallel linalg.generic writing a fresh
// tensor.empty; the checks follow the scalar formula in its body.

// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @relu(
// CHECK-SAME: %[[ARG:.*]]: tensor<4xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[RES:.*]] = linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[ARG]] : tensor<4xf32>) outs(%[[EMPTY]] : tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[MAX:.*]] = arith.maximumf %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: linalg.yield %[[MAX]] : f32
// CHECK: return %[[RES]]
// CHECK-NOT: rect.
func.func @relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu6(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[MAX:.*]] = arith.maximumf %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: %[[SIX:.*]] = arith.constant 6.000000e+00 : f32
// CHECK-NEXT: %[[MIN:.*]] = arith.minimumf %[[MAX]], %[[SIX]] : f32
// CHECK-NEXT: linalg.yield %[[MIN]] : f32
func.func @relu6(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = rect.relu6 %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @sigmoid(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[X]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @sigmoid(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.sigmoid %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @tanh(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = math.tanh %[[X]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @tanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.tanh %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @silu(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[X]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK-NEXT: %[[SIG:.*]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.mulf %[[X]], %[[SIG]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @silu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.silu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// softplus = max(x, 0) + log1p(exp(-|x|)).
// CHECK-LABEL: func.func @softplus(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ABS:.*]] = math.absf %[[X]] : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[ABS]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[LOG:.*]] = math.log1p %[[EXP]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[MAX:.*]] = arith.maximumf %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.addf %[[MAX]], %[[LOG]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @softplus(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.softplus %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// hard_swish = x * max(0, min(1, x * (1/6) + 0.5)).
// CHECK-LABEL: func.func @hard_swish(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SIXTH:.*]] = arith.constant 0.166666672 : f32
// CHECK-NEXT: %[[MUL:.*]] = arith.mulf %[[X]], %[[SIXTH]] : f32
// CHECK-NEXT: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[LIN:.*]] = arith.addf %[[MUL]], %[[HALF]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[MIN:.*]] = arith.minimumf %[[ONE]], %[[LIN]] : f32
// CHECK-NEXT: %[[GATE:.*]] = arith.maximumf %[[ZERO]], %[[MIN]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.mulf %[[X]], %[[GATE]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @hard_swish(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.hard_swish %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @leaky_relu(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ALPHA:.*]] = arith.constant 1.000000e-01 : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[MUL:.*]] = arith.mulf %[[ALPHA]], %[[X]] : f32
// CHECK-NEXT: %[[CMP:.*]] = arith.cmpf oge, %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.select %[[CMP]], %[[X]], %[[MUL]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @leaky_relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.leaky_relu %x {alpha = 0.1 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_both(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1.000000e+00 : f32
// CHECK-NEXT: %[[MAX:.*]] = arith.maximumf %[[X]], %[[LO]] : f32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 2.500000e+00 : f32
// CHECK-NEXT: %[[MIN:.*]] = arith.minimumf %[[MAX]], %[[HI]] : f32
// CHECK-NEXT: linalg.yield %[[MIN]] : f32
func.func @clip_both(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {min = -1.0 : f32, max = 2.5 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// An absent bound is unbounded: no op for it.
// CHECK-LABEL: func.func @clip_min_only(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1.000000e+00 : f32
// CHECK-NEXT: %[[MAX:.*]] = arith.maximumf %[[X]], %[[LO]] : f32
// CHECK-NEXT: linalg.yield %[[MAX]] : f32
func.func @clip_min_only(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {min = -1.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_max_only(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[HI:.*]] = arith.constant 3.000000e+00 : f32
// CHECK-NEXT: %[[MIN:.*]] = arith.minimumf %[[X]], %[[HI]] : f32
// CHECK-NEXT: linalg.yield %[[MIN]] : f32
func.func @clip_max_only(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {max = 3.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_unbounded(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[X]] : f32
func.func @clip_unbounded(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// elu = x > 0 ? x : alpha * expm1(x).
// CHECK-LABEL: func.func @elu(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ALPHA:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[EM1:.*]] = math.expm1 %[[X]] : f32
// CHECK-NEXT: %[[NEGV:.*]] = arith.mulf %[[ALPHA]], %[[EM1]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[CMP:.*]] = arith.cmpf ogt, %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.select %[[CMP]], %[[X]], %[[NEGV]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @elu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.elu %x {alpha = 0.5 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// selu = gamma * elu_alpha(x), with the default alpha and gamma.
// CHECK-LABEL: func.func @selu(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[GAMMA:.*]] = arith.constant 1.05070102 : f32
// CHECK-NEXT: %[[ALPHA:.*]] = arith.constant 1.67326319 : f32
// CHECK-NEXT: %[[EM1:.*]] = math.expm1 %[[X]] : f32
// CHECK-NEXT: %[[NEGV:.*]] = arith.mulf %[[ALPHA]], %[[EM1]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[CMP:.*]] = arith.cmpf ogt, %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: %[[ELU:.*]] = arith.select %[[CMP]], %[[X]], %[[NEGV]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.mulf %[[GAMMA]], %[[ELU]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @selu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.selu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Exact gelu = x * 0.5 * (1 + erf(x / sqrt(2))).
// CHECK-LABEL: func.func @gelu(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RSQRT2:.*]] = arith.constant 0.707106769 : f32
// CHECK-NEXT: %[[SCALED:.*]] = arith.mulf %[[X]], %[[RSQRT2]] : f32
// CHECK-NEXT: %[[ERF:.*]] = math.erf %[[SCALED]] : f32
// CHECK-NEXT: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[HALFX:.*]] = arith.mulf %[[X]], %[[HALF]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ONE]], %[[ERF]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.mulf %[[HALFX]], %[[SUM]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @gelu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.gelu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// gelu_tanh = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
// CHECK-LABEL: func.func @gelu_tanh(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SQ:.*]] = arith.mulf %[[X]], %[[X]] : f32
// CHECK-NEXT: %[[CUBE:.*]] = arith.mulf %[[SQ]], %[[X]] : f32
// CHECK-NEXT: %[[BETA:.*]] = arith.constant 0.797884583 : f32
// CHECK-NEXT: %[[KAPPA:.*]] = arith.constant 4.471500e-02 : f32
// CHECK-NEXT: %[[KC:.*]] = arith.mulf %[[KAPPA]], %[[CUBE]] : f32
// CHECK-NEXT: %[[INNER0:.*]] = arith.addf %[[X]], %[[KC]] : f32
// CHECK-NEXT: %[[INNER:.*]] = arith.mulf %[[BETA]], %[[INNER0]] : f32
// CHECK-NEXT: %[[TANH:.*]] = math.tanh %[[INNER]] : f32
// CHECK-NEXT: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[HALFX:.*]] = arith.mulf %[[HALF]], %[[X]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ONE]], %[[TANH]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.mulf %[[HALFX]], %[[SUM]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @gelu_tanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.gelu %x {approximate = "tanh"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// hard_sigmoid = max(0, min(1, alpha x + beta)).
// CHECK-LABEL: func.func @hard_sigmoid(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ALPHA:.*]] = arith.constant 2.500000e-01 : f32
// CHECK-NEXT: %[[MUL:.*]] = arith.mulf %[[ALPHA]], %[[X]] : f32
// CHECK-NEXT: %[[BETA:.*]] = arith.constant 3.750000e-01 : f32
// CHECK-NEXT: %[[LIN:.*]] = arith.addf %[[MUL]], %[[BETA]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[MIN:.*]] = arith.minimumf %[[ONE]], %[[LIN]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.maximumf %[[ZERO]], %[[MIN]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @hard_sigmoid(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.hard_sigmoid %x {alpha = 0.25 : f32, beta = 0.375 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// The slope broadcasts onto the input: a [C, 1, 1] slope over [N, C, H, W]
// reads slope[c, 0, 0].
// CHECK-DAG: #[[$SLOPE:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @prelu(
// CHECK-SAME: %[[ARG:.*]]: tensor<?x3x4x5xf32>, %[[SLOPE_ARG:.*]]: tensor<3x1x1xf32>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[ARG]], %{{.*}} : tensor<?x3x4x5xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[DIM]]) : tensor<?x3x4x5xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID4]], #[[$SLOPE]], #[[$ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[ARG]], %[[SLOPE_ARG]] : tensor<?x3x4x5xf32>, tensor<3x1x1xf32>) outs(%[[EMPTY]] : tensor<?x3x4x5xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[MUL:.*]] = arith.mulf %[[S]], %[[X]] : f32
// CHECK-NEXT: %[[CMP:.*]] = arith.cmpf oge, %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: %[[RES:.*]] = arith.select %[[CMP]], %[[X]], %[[MUL]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @prelu(%x: tensor<?x3x4x5xf32>, %slope: tensor<3x1x1xf32>) -> tensor<?x3x4x5xf32> {
  %0 = rect.prelu %x, %slope : tensor<?x3x4x5xf32>, tensor<3x1x1xf32> -> tensor<?x3x4x5xf32>
  return %0 : tensor<?x3x4x5xf32>
}

// -----

// Parameters are materialised in the element type of the tensor.
// CHECK-LABEL: func.func @leaky_relu_f16(
// CHECK: ^bb0(%[[X:.*]]: f16, %{{.*}}: f16):
// CHECK-NEXT: %[[ALPHA:.*]] = arith.constant 1.999510e-01 : f16
// CHECK: arith.mulf %[[ALPHA]], %[[X]] : f16
func.func @leaky_relu_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = rect.leaky_relu %x {alpha = 0.2 : f32} : tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @exp(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = math.exp %[[X]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.exp %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @abs(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = math.absf %[[X]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @abs(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.abs %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @neg(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = arith.negf %[[X]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.neg %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @erf(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = math.erf %[[X]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @erf(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.erf %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @sqrt(
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = math.sqrt %[[X]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @sqrt(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.sqrt %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Rank 0.
// CHECK-DAG: #[[$ID0:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @relu_rank0(
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<f32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID0]], #[[$ID0]]], iterator_types = []}
// CHECK: arith.maximumf
func.func @relu_rank0(%x: tensor<f32>) -> tensor<f32> {
  %0 = rect.relu %x : tensor<f32>
  return %0 : tensor<f32>
}
