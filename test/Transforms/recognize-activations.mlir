// RUN: rectify-opt %s -rect-recognize-activations -split-input-file | FileCheck %s

// rect-recognize-activations: the erf form of GELU and x * sigmoid(x), as
// exporters spell them, become rect.gelu and rect.silu.

// The PyTorch exporter's spelling: ((x * (erf(x / 1.4142135) + 1)) * 0.5.
// CHECK-LABEL: func.func @gelu_pytorch_export
// CHECK-SAME: (%[[X:.*]]: tensor<?x8xf32>)
// CHECK-NEXT: %[[G:.*]] = rect.gelu %[[X]] : tensor<?x8xf32>
// CHECK-NEXT: return %[[G]]
func.func @gelu_pytorch_export(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = rect.constant dense<1.41421354> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

// -----

// Multiplication by 1/sqrt(2), the 0.5 applied to x first, operands swapped.
// CHECK-LABEL: func.func @gelu_half_first_mul_by_inverse_sqrt2
// CHECK-NEXT: %[[G:.*]] = rect.gelu %arg0 : tensor<2x8xf32>
// CHECK-NEXT: return %[[G]]
func.func @gelu_half_first_mul_by_inverse_sqrt2(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %c = rect.constant dense<0.707106769> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<1xf32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %h = rect.mul %half, %x : tensor<f32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %0 = rect.mul %c, %x : tensor<f32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %1 = rect.erf %0 : tensor<2x8xf32>
  %2 = rect.add %one, %1 : tensor<1xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %3 = rect.mul %2, %h : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  return %3 : tensor<2x8xf32>
}

// -----

// x * (0.5 * (1 + erf(x / sqrt(2)))).
// CHECK-LABEL: func.func @gelu_half_on_erf_term
// CHECK-NEXT: %[[G:.*]] = rect.gelu %arg0
// CHECK-NEXT: return %[[G]]
func.func @gelu_half_on_erf_term(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = rect.constant dense<1.4142135> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %one, %1 : tensor<f32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %3 = rect.mul %half, %2 : tensor<f32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %x : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

// -----

// The halving as a division by 2 at the end.
// CHECK-LABEL: func.func @gelu_divided_by_two
// CHECK-NEXT: %[[G:.*]] = rect.gelu %arg0
// CHECK-NEXT: return %[[G]]
func.func @gelu_divided_by_two(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = rect.constant dense<1.4142135> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %two = rect.constant dense<2.0> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %2, %x : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.div %3, %two : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

// -----

// f16 constants are as close as f16 allows: sqrt(2) rounds to 1.4140625.
// CHECK-LABEL: func.func @gelu_f16
// CHECK-NEXT: %[[G:.*]] = rect.gelu %arg0 : tensor<?x8xf16>
// CHECK-NEXT: return %[[G]]
func.func @gelu_f16(%x: tensor<?x8xf16>) -> tensor<?x8xf16> {
  %sqrt2 = rect.constant dense<1.4140625> : tensor<f16>
  %one = rect.constant dense<1.0> : tensor<f16>
  %half = rect.constant dense<0.5> : tensor<f16>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf16>, tensor<f16> -> tensor<?x8xf16>
  %1 = rect.erf %0 : tensor<?x8xf16>
  %2 = rect.add %1, %one : tensor<?x8xf16>, tensor<f16> -> tensor<?x8xf16>
  %3 = rect.mul %x, %2 : tensor<?x8xf16>, tensor<?x8xf16> -> tensor<?x8xf16>
  %4 = rect.mul %3, %half : tensor<?x8xf16>, tensor<f16> -> tensor<?x8xf16>
  return %4 : tensor<?x8xf16>
}

// -----

// Scalar constants imported as resource blobs are read too.
// CHECK-LABEL: func.func @gelu_resource_constants
// CHECK: %[[G:.*]] = rect.gelu %arg0
// CHECK-NEXT: return %[[G]]
func.func @gelu_resource_constants(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = rect.constant dense_resource<sqrt2> : tensor<f32>
  %one = rect.constant dense_resource<one> : tensor<f32>
  %half = rect.constant dense_resource<half> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

{-#
  dialect_resources: {
    builtin: {
      sqrt2: "0x04000000F304B53F",
      one: "0x040000000000803F",
      half: "0x040000000000003F"
    }
  }
#-}

// -----

// 1.5 is not sqrt(2).
// CHECK-LABEL: func.func @gelu_wrong_sqrt2_stays
// CHECK-NOT: rect.gelu
// CHECK: rect.erf
func.func @gelu_wrong_sqrt2_stays(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = rect.constant dense<1.5> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

// -----

// 1.414 is off by 1.5e-4 relative, beyond the f32 tolerance of 1e-5.
// CHECK-LABEL: func.func @gelu_imprecise_sqrt2_stays
// CHECK-NOT: rect.gelu
// CHECK: rect.erf
func.func @gelu_imprecise_sqrt2_stays(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = rect.constant dense<1.414> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

// -----

// CHECK-LABEL: func.func @gelu_wrong_half_stays
// CHECK-NOT: rect.gelu
// CHECK: rect.erf
func.func @gelu_wrong_half_stays(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = rect.constant dense<1.4142135> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.6> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

// -----

// CHECK-LABEL: func.func @gelu_wrong_one_stays
// CHECK-NOT: rect.gelu
// CHECK: rect.erf
func.func @gelu_wrong_one_stays(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = rect.constant dense<1.4142135> : tensor<f32>
  %one = rect.constant dense<2.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

// -----

// The erf is of another value than the one multiplied.
// CHECK-LABEL: func.func @gelu_different_inputs_stays
// CHECK-NOT: rect.gelu
// CHECK: rect.erf
func.func @gelu_different_inputs_stays(%x: tensor<?x8xf32>, %y: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %sqrt2 = rect.constant dense<1.4142135> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %0 = rect.div %y, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4 : tensor<?x8xf32>
}

// -----

// The erf result has another user: replacing the product would not remove it.
// CHECK-LABEL: func.func @gelu_erf_other_user_stays
// CHECK-NOT: rect.gelu
// CHECK: %[[E:.*]] = rect.erf
// CHECK: return %{{.*}}, %[[E]]
func.func @gelu_erf_other_user_stays(%x: tensor<?x8xf32>) -> (tensor<?x8xf32>, tensor<?x8xf32>) {
  %sqrt2 = rect.constant dense<1.4142135> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4, %1 : tensor<?x8xf32>, tensor<?x8xf32>
}

// -----

// The inner product x * (1 + erf) is used elsewhere.
// CHECK-LABEL: func.func @gelu_partial_product_other_user_stays
// CHECK-NOT: rect.gelu
// CHECK: rect.erf
func.func @gelu_partial_product_other_user_stays(%x: tensor<?x8xf32>) -> (tensor<?x8xf32>, tensor<?x8xf32>) {
  %sqrt2 = rect.constant dense<1.4142135> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %0 = rect.div %x, %sqrt2 : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.erf %0 : tensor<?x8xf32>
  %2 = rect.add %1, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.mul %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %4, %3 : tensor<?x8xf32>, tensor<?x8xf32>
}

// -----

// A constant that broadcasts x to a bigger shape: rect.gelu keeps x's shape.
// CHECK-LABEL: func.func @gelu_broadcasting_half_stays
// CHECK-NOT: rect.gelu
// CHECK: rect.erf
func.func @gelu_broadcasting_half_stays(%x: tensor<8xf32>) -> tensor<3x8xf32> {
  %sqrt2 = rect.constant dense<1.4142135> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<3x8xf32>
  %0 = rect.div %x, %sqrt2 : tensor<8xf32>, tensor<f32> -> tensor<8xf32>
  %1 = rect.erf %0 : tensor<8xf32>
  %2 = rect.add %1, %one : tensor<8xf32>, tensor<f32> -> tensor<8xf32>
  %3 = rect.mul %x, %2 : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  %4 = rect.mul %3, %half : tensor<8xf32>, tensor<3x8xf32> -> tensor<3x8xf32>
  return %4 : tensor<3x8xf32>
}

// -----

// CHECK-LABEL: func.func @silu
// CHECK-SAME: (%[[X:.*]]: tensor<?x8xf32>)
// CHECK-NEXT: %[[S:.*]] = rect.silu %[[X]] : tensor<?x8xf32>
// CHECK-NEXT: return %[[S]]
func.func @silu(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = rect.sigmoid %x : tensor<?x8xf32>
  %1 = rect.mul %x, %0 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}

// -----

// CHECK-LABEL: func.func @silu_operands_swapped
// CHECK-NEXT: %[[S:.*]] = rect.silu %arg0
// CHECK-NEXT: return %[[S]]
func.func @silu_operands_swapped(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = rect.sigmoid %x : tensor<?x8xf32>
  %1 = rect.mul %0, %x : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}

// -----

// CHECK-LABEL: func.func @silu_sigmoid_other_user_stays
// CHECK-NOT: rect.silu
// CHECK: %[[G:.*]] = rect.sigmoid %arg0
// CHECK: rect.mul %arg0, %[[G]]
func.func @silu_sigmoid_other_user_stays(%x: tensor<?x8xf32>) -> (tensor<?x8xf32>, tensor<?x8xf32>) {
  %0 = rect.sigmoid %x : tensor<?x8xf32>
  %1 = rect.mul %x, %0 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  return %1, %0 : tensor<?x8xf32>, tensor<?x8xf32>
}

// -----

// CHECK-LABEL: func.func @silu_different_inputs_stays
// CHECK-NOT: rect.silu
// CHECK: rect.mul
func.func @silu_different_inputs_stays(%x: tensor<?x8xf32>, %y: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = rect.sigmoid %y : tensor<?x8xf32>
  %1 = rect.mul %x, %0 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}
