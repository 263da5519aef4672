// RUN: rectify-opt %s -rectify-cpu-pack-weights -split-input-file | FileCheck %s

#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs_t = affine_map<(m, n, k) -> (n, k)>
#out = affine_map<(m, n, k) -> (m, n)>

// A constant W[N, K] read transposed is transposed at compile time into
// [K, N] and the matmul reads it with the default maps.
// CHECK-LABEL: func.func @constant_weight
// CHECK: %[[W:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK: linalg.matmul ins(%{{.*}}, %[[W]] : tensor<?x3xf32>, tensor<3x2xf32>)
// CHECK-NOT: indexing_maps
func.func @constant_weight(%x: tensor<?x3xf32>, %init: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = linalg.matmul indexing_maps = [#lhs, #rhs_t, #out]
         ins(%x, %w : tensor<?x3xf32>, tensor<2x3xf32>)
         outs(%init : tensor<?x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs_t = affine_map<(m, n, k) -> (n, k)>
#out = affine_map<(m, n, k) -> (m, n)>

// Weights stored as resource blobs are transposed into a new blob.
// CHECK-LABEL: func.func @resource_weight
// CHECK: %[[W:.*]] = arith.constant dense_resource<w_transposed> : tensor<3x2xf32>
// CHECK: linalg.matmul ins(%{{.*}}, %[[W]] : tensor<4x3xf32>, tensor<3x2xf32>)
// CHECK: w_transposed: "0x040000000000803F00008040000000400000A040000040400000C040"
func.func @resource_weight(%x: tensor<4x3xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense_resource<w> : tensor<2x3xf32>
  %0 = linalg.matmul indexing_maps = [#lhs, #rhs_t, #out]
         ins(%x, %w : tensor<4x3xf32>, tensor<2x3xf32>)
         outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F0000004000004040000080400000A0400000C040"
    }
  }
#-}

// -----

#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs_t = affine_map<(m, n, k) -> (n, k)>
#out = affine_map<(m, n, k) -> (m, n)>

// Runtime weights get an explicit transpose.
// CHECK-LABEL: func.func @runtime_weight
// CHECK: %[[T:.*]] = linalg.transpose ins(%{{.*}} : tensor<2x3xf32>) outs(%{{.*}} : tensor<3x2xf32>) permutation = [1, 0]
// CHECK: linalg.matmul ins(%{{.*}}, %[[T]] : tensor<4x3xf32>, tensor<3x2xf32>)
func.func @runtime_weight(%x: tensor<4x3xf32>, %w: tensor<2x3xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %0 = linalg.matmul indexing_maps = [#lhs, #rhs_t, #out]
         ins(%x, %w : tensor<4x3xf32>, tensor<2x3xf32>)
         outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// A matmul with the default maps is already in kernel layout.
// CHECK-LABEL: func.func @default_maps_untouched
// CHECK-NOT: linalg.transpose
// CHECK: linalg.matmul ins(%arg0, %arg1 : tensor<4x3xf32>, tensor<3x2xf32>)
func.func @default_maps_untouched(%x: tensor<4x3xf32>, %w: tensor<3x2xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %0 = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x2xf32>)
         outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}
