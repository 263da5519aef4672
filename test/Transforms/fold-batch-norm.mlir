// RUN: rectify-opt %s -rect-fold-batch-norm -split-input-file | FileCheck %s

// Batch norms and per-channel constant mul/add fold into the weights and bias
// of the conv or linear before them; what must not fold is left alone.
// Weights 1, bias 1, scale 2, beta 1, mean 0.5, var 3 (eps 1) give
// s = 2 / sqrt(4) = 1, W' = 1, b' = (1 - 0.5) * 1 + 1 = 1.5.

// CHECK-LABEL: func.func @conv_batch_norm
// CHECK-DAG: %[[W:.*]] = rect.constant dense_resource<{{.*}}_folded> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = rect.constant dense_resource<{{.*}}_folded> : tensor<2xf32>
// CHECK: %[[Y:.*]] = rect.conv %arg0, %[[W]] bias(%[[B]]) : (tensor<?x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<?x2x3x3xf32>
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: rect.batch_norm
func.func @conv_batch_norm(%x: tensor<?x1x3x3xf32>) -> tensor<?x2x3x3xf32> {
  %w = rect.constant dense<1.0> : tensor<2x1x1x1xf32>
  %b = rect.constant dense<1.0> : tensor<2xf32>
  %s = rect.constant dense<2.0> : tensor<2xf32>
  %beta = rect.constant dense<1.0> : tensor<2xf32>
  %m = rect.constant dense<0.5> : tensor<2xf32>
  %v = rect.constant dense<3.0> : tensor<2xf32>
  %0 = rect.conv %x, %w bias(%b) : (tensor<?x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<?x2x3x3xf32>
  %1 = rect.batch_norm %0, %s, %beta, %m, %v {epsilon = 1.0 : f32} : tensor<?x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  return %1 : tensor<?x2x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @linear_batch_norm
// CHECK: %[[Y:.*]] = rect.linear %arg0, %{{.*}} bias(%{{.*}}) : (tensor<?x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<?x2xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_batch_norm(%x: tensor<?x4xf32>) -> tensor<?x2xf32> {
  %w = rect.constant dense<1.0> : tensor<2x4xf32>
  %c = rect.constant dense<1.0> : tensor<2xf32>
  %0 = rect.linear %x, %w : (tensor<?x4xf32>, tensor<2x4xf32>) -> tensor<?x2xf32>
  %1 = rect.batch_norm %0, %c, %c, %c, %c : tensor<?x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @conv_mul_add_per_channel
// CHECK: %[[Y:.*]] = rect.conv %arg0, %{{.*}} bias(%{{.*}}) : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NEXT: return %[[Y]]
func.func @conv_mul_add_per_channel(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = rect.constant dense<1.0> : tensor<2x1x1x1xf32>
  %m = rect.constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %a = rect.constant dense<[[[[1.0]], [[-1.0]]]]> : tensor<1x2x1x1xf32>
  %0 = rect.conv %x, %w : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = rect.mul %0, %m : tensor<1x2x3x3xf32>, tensor<2x1x1xf32> -> tensor<1x2x3x3xf32>
  %2 = rect.add %a, %1 : tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32> -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// The conv result has another user: folding would change it.
// CHECK-LABEL: func.func @conv_two_users
// CHECK: rect.conv
// CHECK: rect.batch_norm
func.func @conv_two_users(%x: tensor<1x1x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %w = rect.constant dense<1.0> : tensor<2x1x1x1xf32>
  %c = rect.constant dense<1.0> : tensor<2xf32>
  %0 = rect.conv %x, %w : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = rect.batch_norm %0, %c, %c, %c, %c : tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  return %0, %1 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// An activation sits between the conv and the batch norm.
// CHECK-LABEL: func.func @conv_with_activation
// CHECK: rect.conv {{.*}}activation = #rect.act<relu>
// CHECK: rect.batch_norm
func.func @conv_with_activation(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = rect.constant dense<1.0> : tensor<2x1x1x1xf32>
  %c = rect.constant dense<1.0> : tensor<2xf32>
  %0 = rect.conv %x, %w {activation = #rect.act<relu>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = rect.batch_norm %0, %c, %c, %c, %c : tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// Non-constant statistics, and a weight that is a function argument.
// CHECK-LABEL: func.func @not_constant
// CHECK-COUNT-2: rect.batch_norm
func.func @not_constant(%x: tensor<1x1x3x3xf32>, %w: tensor<2x1x1x1xf32>, %var: tensor<2xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %wc = rect.constant dense<1.0> : tensor<2x1x1x1xf32>
  %c = rect.constant dense<1.0> : tensor<2xf32>
  %0 = rect.conv %x, %wc : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = rect.batch_norm %0, %c, %c, %c, %var : tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  %2 = rect.conv %x, %w : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  %3 = rect.batch_norm %2, %c, %c, %c, %c : tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  return %1, %3 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// A constant varying along the spatial dims is not a per-channel affine map.
// CHECK-LABEL: func.func @mul_not_per_channel
// CHECK: rect.conv
// CHECK: rect.mul
func.func @mul_not_per_channel(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = rect.constant dense<1.0> : tensor<2x1x1x1xf32>
  %m = rect.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = rect.mul %0, %m : tensor<1x2x3x3xf32>, tensor<3xf32> -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}
