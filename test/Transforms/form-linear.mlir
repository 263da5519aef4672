// RUN: rectify-opt %s -rect-form-linear -split-input-file | FileCheck %s

// rect-form-linear: matmul with a constant or transposed right-hand side, plus
// a per-feature bias, becomes rect.linear.

// CHECK-LABEL: func.func @matmul_constant_rhs
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>)
// CHECK: %[[W:.*]] = rect.constant dense<{{\[}}[1.000000e+00, 3.000000e+00, 5.000000e+00], [2.000000e+00, 4.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK: %[[Y:.*]] = rect.linear %[[X]], %[[W]] : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
// CHECK-NOT: rect.matmul
// CHECK: return %[[Y]]
func.func @matmul_constant_rhs(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %b = rect.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %0 = rect.matmul %x, %b : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

// Weights imported as resource blobs are transposed into a new blob.
// CHECK-LABEL: func.func @matmul_resource_rhs
// CHECK: %[[W:.*]] = rect.constant dense_resource<[[NAME:fc1\.weight_transposed[_0-9]*]]> : tensor<2x3xf32>
// CHECK: rect.linear %arg0, %[[W]] : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
// CHECK-NOT: rect.transpose
// CHECK: [[NAME]]: "0x040000000000803F000040400000A0400000004000008040
func.func @matmul_resource_rhs(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %b = rect.constant dense_resource<fc1.weight> : tensor<3x2xf32>
  %0 = rect.matmul %x, %b : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      fc1.weight: "0x040000000000803F0000004000004040000080400000A0400000C040"
    }
  }
#-}

// -----

// CHECK-LABEL: func.func @matmul_transposed_rhs
// CHECK-SAME: (%[[X:.*]]: tensor<?x4x3xf32>, %[[W:.*]]: tensor<5x3xf32>)
// CHECK: %[[Y:.*]] = rect.linear %[[X]], %[[W]] : (tensor<?x4x3xf32>, tensor<5x3xf32>) -> tensor<?x4x5xf32>
// CHECK: return %[[Y]]
func.func @matmul_transposed_rhs(%x: tensor<?x4x3xf32>, %w: tensor<5x3xf32>) -> tensor<?x4x5xf32> {
  %t = rect.transpose %w {permutation = array<i64: 1, 0>} : tensor<5x3xf32> -> tensor<3x5xf32>
  %0 = rect.matmul %x, %t : tensor<?x4x3xf32>, tensor<3x5xf32> -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// -----

// linear needs W as [N, K]: a plain non-constant rhs stays a matmul.
// CHECK-LABEL: func.func @matmul_variable_rhs_stays
// CHECK: rect.matmul
// CHECK-NOT: rect.linear
func.func @matmul_variable_rhs_stays(%x: tensor<?x3xf32>, %b: tensor<3x2xf32>) -> tensor<?x2xf32> {
  %0 = rect.matmul %x, %b : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_vector_lhs_stays
// CHECK: rect.matmul
// CHECK-NOT: rect.linear
func.func @matmul_vector_lhs_stays(%x: tensor<3xf32>) -> tensor<2xf32> {
  %b = rect.constant dense<1.0> : tensor<3x2xf32>
  %0 = rect.matmul %x, %b : tensor<3xf32>, tensor<3x2xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_batched_rhs_stays
// CHECK: rect.matmul
// CHECK-NOT: rect.linear
func.func @matmul_batched_rhs_stays(%x: tensor<2x4x3xf32>) -> tensor<2x4x2xf32> {
  %b = rect.constant dense<1.0> : tensor<2x3x2xf32>
  %0 = rect.matmul %x, %b : tensor<2x4x3xf32>, tensor<2x3x2xf32> -> tensor<2x4x2xf32>
  return %0 : tensor<2x4x2xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_add_bias
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2xf32>)
// CHECK: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<?x2xf32>
// CHECK-NOT: rect.add
// CHECK: return %[[Y]]
func.func @matmul_add_bias(%x: tensor<?x3xf32>, %w: tensor<2x3xf32>, %b: tensor<2xf32>) -> tensor<?x2xf32> {
  %t = rect.transpose %w {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %0 = rect.matmul %x, %t : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  %1 = rect.add %0, %b : tensor<?x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @bias_add_operands_swapped
// CHECK: %[[Y:.*]] = rect.linear %arg0, %arg1 bias(%arg2)
// CHECK-NOT: rect.add
// CHECK: return %[[Y]]
func.func @bias_add_operands_swapped(%x: tensor<?x3xf32>, %w: tensor<2x3xf32>, %b: tensor<2xf32>) -> tensor<?x2xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  %1 = rect.add %b, %0 : tensor<2xf32>, tensor<?x2xf32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// A [1, N] bias is flattened to [N]; for a constant the reshape folds.
// CHECK-LABEL: func.func @bias_row_vector
// CHECK: %[[B:.*]] = rect.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = rect.linear %arg0, %{{.*}} bias(%[[B]]) : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<?x2xf32>
// CHECK-NOT: rect.add
// CHECK: return %[[Y]]
func.func @bias_row_vector(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %w = rect.constant dense<1.0> : tensor<3x2xf32>
  %b = rect.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %0 = rect.matmul %x, %w : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  %1 = rect.add %0, %b : tensor<?x2xf32>, tensor<1x2xf32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @bias_row_vector_variable
// CHECK: %[[B:.*]] = rect.reshape %arg2 : tensor<1x2xf32> -> tensor<2xf32>
// CHECK: rect.linear %arg0, %arg1 bias(%[[B]])
// CHECK-NOT: rect.add
func.func @bias_row_vector_variable(%x: tensor<?x3xf32>, %w: tensor<2x3xf32>, %b: tensor<1x2xf32>) -> tensor<?x2xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  %1 = rect.add %0, %b : tensor<?x2xf32>, tensor<1x2xf32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @bias_single_element
// CHECK: rect.linear %arg0, %arg1 bias(%arg2) : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<1xf32>) -> tensor<?x2xf32>
// CHECK-NOT: rect.add
func.func @bias_single_element(%x: tensor<?x3xf32>, %w: tensor<2x3xf32>, %b: tensor<1xf32>) -> tensor<?x2xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  %1 = rect.add %0, %b : tensor<?x2xf32>, tensor<1xf32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @bias_scalar
// CHECK: rect.linear %arg0, %arg1 bias(%arg2) : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<?x2xf32>
// CHECK-NOT: rect.add
func.func @bias_scalar(%x: tensor<?x3xf32>, %w: tensor<2x3xf32>, %b: tensor<f32>) -> tensor<?x2xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  %1 = rect.add %0, %b : tensor<?x2xf32>, tensor<f32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// The batch dims of x are kept: x [?, 4, 3] -> [?, 4, 2].
// CHECK-LABEL: func.func @bias_batched_input
// CHECK: rect.linear %arg0, %{{.*}} bias(%arg1) : (tensor<?x4x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<?x4x2xf32>
// CHECK-NOT: rect.add
func.func @bias_batched_input(%x: tensor<?x4x3xf32>, %b: tensor<2xf32>) -> tensor<?x4x2xf32> {
  %w = rect.constant dense<1.0> : tensor<3x2xf32>
  %0 = rect.matmul %x, %w : tensor<?x4x3xf32>, tensor<3x2xf32> -> tensor<?x4x2xf32>
  %1 = rect.add %0, %b : tensor<?x4x2xf32>, tensor<2xf32> -> tensor<?x4x2xf32>
  return %1 : tensor<?x4x2xf32>
}

// -----

// A bias that varies along the rows is not a per-feature bias.
// CHECK-LABEL: func.func @bias_per_row_does_not_fuse
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
// CHECK: rect.add %[[L]], %arg2
func.func @bias_per_row_does_not_fuse(%x: tensor<4x3xf32>, %w: tensor<2x3xf32>, %b: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %0 = rect.linear %x, %w : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  %1 = rect.add %0, %b : tensor<4x2xf32>, tensor<4x2xf32> -> tensor<4x2xf32>
  return %1 : tensor<4x2xf32>
}

// -----

// CHECK-LABEL: func.func @bias_column_does_not_fuse
// CHECK: rect.linear %arg0, %arg1 :
// CHECK: rect.add
func.func @bias_column_does_not_fuse(%x: tensor<4x3xf32>, %w: tensor<2x3xf32>, %b: tensor<4x1xf32>) -> tensor<4x2xf32> {
  %0 = rect.linear %x, %w : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  %1 = rect.add %0, %b : tensor<4x2xf32>, tensor<4x1xf32> -> tensor<4x2xf32>
  return %1 : tensor<4x2xf32>
}

// -----

// An add that broadcasts the linear result to more dims must stay.
// CHECK-LABEL: func.func @bias_widening_does_not_fuse
// CHECK: rect.linear %arg0, %arg1 :
// CHECK: rect.add
func.func @bias_widening_does_not_fuse(%x: tensor<4x3xf32>, %w: tensor<2x3xf32>, %b: tensor<1x1x2xf32>) -> tensor<1x4x2xf32> {
  %0 = rect.linear %x, %w : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  %1 = rect.add %0, %b : tensor<4x2xf32>, tensor<1x1x2xf32> -> tensor<1x4x2xf32>
  return %1 : tensor<1x4x2xf32>
}

// -----

// The matmul result has a second user: the add must not absorb the bias.
// CHECK-LABEL: func.func @matmul_two_users_keeps_add
// CHECK: %[[L:.*]] = rect.linear %arg0, %{{.*}} : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
// CHECK: %[[A:.*]] = rect.add %[[L]], %arg1
// CHECK: return %[[A]], %[[L]]
func.func @matmul_two_users_keeps_add(%x: tensor<?x3xf32>, %b: tensor<2xf32>) -> (tensor<?x2xf32>, tensor<?x2xf32>) {
  %w = rect.constant dense<1.0> : tensor<3x2xf32>
  %0 = rect.matmul %x, %w : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  %1 = rect.add %0, %b : tensor<?x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  return %1, %0 : tensor<?x2xf32>, tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_variable_rhs_add_stays
// CHECK: rect.matmul
// CHECK: rect.add
// CHECK-NOT: rect.linear
func.func @matmul_variable_rhs_add_stays(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>, %b: tensor<2xf32>) -> tensor<?x2xf32> {
  %0 = rect.matmul %x, %w : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  %1 = rect.add %0, %b : tensor<?x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// A linear that has a bias or an activation already keeps the add.
// CHECK-LABEL: func.func @linear_with_activation_keeps_add
// CHECK: rect.linear {{.*}}#rect.act<relu>
// CHECK: rect.add
func.func @linear_with_activation_keeps_add(%x: tensor<?x3xf32>, %w: tensor<2x3xf32>, %b: tensor<2xf32>) -> tensor<?x2xf32> {
  %0 = rect.linear %x, %w {activation = #rect.act<relu>} : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  %1 = rect.add %0, %b : tensor<?x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @linear_with_bias_keeps_add
// CHECK: rect.linear %arg0, %arg1 bias(%arg2)
// CHECK: rect.add
func.func @linear_with_bias_keeps_add(%x: tensor<?x3xf32>, %w: tensor<2x3xf32>, %b: tensor<2xf32>) -> tensor<?x2xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %1 = rect.add %0, %b : tensor<?x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}
