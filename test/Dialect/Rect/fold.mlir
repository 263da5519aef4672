// RUN: rectify-opt %s -canonicalize -split-input-file | FileCheck %s

// Folders of the shape ops: constants (dense and dense_resource) are permuted
// and reshaped at compile time; identity and cancelling ops disappear.

// CHECK-LABEL: func.func @transpose_dense_constant
// CHECK-NEXT: %[[C:.*]] = rect.constant dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @transpose_dense_constant() -> tensor<3x2xf32> {
  %c = rect.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = rect.transpose %c {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_3d_dense_constant
// CHECK-NEXT: %[[C:.*]] = rect.constant dense<{{\[}}{{\[}}[0.000000e+00, 3.000000e+00]], {{\[}}[1.000000e+00, 4.000000e+00]], {{\[}}[2.000000e+00, 5.000000e+00]]]> : tensor<3x1x2xf16>
// CHECK-NEXT: return %[[C]]
func.func @transpose_3d_dense_constant() -> tensor<3x1x2xf16> {
  %c = rect.constant dense<[[[0.0, 1.0, 2.0]], [[3.0, 4.0, 5.0]]]> : tensor<2x1x3xf16>
  %0 = rect.transpose %c {permutation = array<i64: 2, 1, 0>} : tensor<2x1x3xf16> -> tensor<3x1x2xf16>
  return %0 : tensor<3x1x2xf16>
}

// -----

// CHECK-LABEL: func.func @transpose_splat_constant
// CHECK-NEXT: %[[C:.*]] = rect.constant dense<7.000000e+00> : tensor<3x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @transpose_splat_constant() -> tensor<3x2xf32> {
  %c = rect.constant dense<7.0> : tensor<2x3xf32>
  %0 = rect.transpose %c {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// The weight [[1, 2, 3], [4, 5, 6]] as a resource blob; its transpose is a
// new blob holding [[1, 4], [2, 5], [3, 6]].
// CHECK-LABEL: func.func @transpose_resource_constant
// CHECK-NEXT: %[[C:.*]] = rect.constant dense_resource<[[NAME:fc\.weight_transposed[_0-9]*]]> : tensor<3x2xf32>
// CHECK-NEXT: return %[[C]]
// CHECK: [[NAME]]: "0x040000000000803F00008040000000400000A040000040400000C040"
func.func @transpose_resource_constant() -> tensor<3x2xf32> {
  %c = rect.constant dense_resource<fc.weight> : tensor<2x3xf32>
  %0 = rect.transpose %c {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      fc.weight: "0x040000000000803F0000004000004040000080400000A0400000C040"
    }
  }
#-}

// -----

// A resource whose bytes are not available stays an explicit transpose.
// CHECK-LABEL: func.func @transpose_unloaded_resource_stays
// CHECK: rect.transpose
func.func @transpose_unloaded_resource_stays() -> tensor<3x2xf32> {
  %c = rect.constant dense_resource<missing> : tensor<2x3xf32>
  %0 = rect.transpose %c {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_identity
// CHECK-NEXT: return %arg0
func.func @transpose_identity(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = rect.transpose %x {permutation = array<i64: 0, 1>} : tensor<?x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_of_inverse_transpose
// CHECK-NEXT: return %arg0
func.func @transpose_of_inverse_transpose(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = rect.transpose %x {permutation = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %1 = rect.transpose %0 {permutation = array<i64: 2, 0, 1>} : tensor<3x4x2xf32> -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_of_transpose_not_inverse_stays
// CHECK: rect.transpose
// CHECK: rect.transpose
func.func @transpose_of_transpose_not_inverse_stays(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = rect.transpose %x {permutation = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %1 = rect.transpose %0 {permutation = array<i64: 1, 2, 0>} : tensor<3x4x2xf32> -> tensor<4x2x3xf32>
  return %1 : tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-NEXT: return %arg0
func.func @reshape_same_type(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %0 = rect.reshape %x : tensor<?x6xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_of_reshape
// CHECK-NEXT: %[[R:.*]] = rect.reshape %arg0 : tensor<?x2x3xf32> -> tensor<?x3x2xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_of_reshape(%x: tensor<?x2x3xf32>) -> tensor<?x3x2xf32> {
  %0 = rect.reshape %x : tensor<?x2x3xf32> -> tensor<?x6xf32>
  %1 = rect.reshape %0 : tensor<?x6xf32> -> tensor<?x3x2xf32>
  return %1 : tensor<?x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_round_trip
// CHECK-NEXT: return %arg0
func.func @reshape_round_trip(%x: tensor<?x2x3xf32>) -> tensor<?x2x3xf32> {
  %0 = rect.reshape %x : tensor<?x2x3xf32> -> tensor<?x6xf32>
  %1 = rect.reshape %0 : tensor<?x6xf32> -> tensor<?x2x3xf32>
  return %1 : tensor<?x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_dense_constant
// CHECK-NEXT: %[[C:.*]] = rect.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @reshape_dense_constant() -> tensor<2xf32> {
  %c = rect.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %0 = rect.reshape %c : tensor<1x2xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// A reshaped resource shares its blob.
// CHECK-LABEL: func.func @reshape_resource_constant
// CHECK-NEXT: %[[C:.*]] = rect.constant dense_resource<bias> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @reshape_resource_constant() -> tensor<2xf32> {
  %c = rect.constant dense_resource<bias> : tensor<1x2xf32>
  %0 = rect.reshape %c : tensor<1x2xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      bias: "0x040000000000803F00000040"
    }
  }
#-}
