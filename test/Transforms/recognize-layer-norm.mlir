// RUN: rectify-opt %s -rect-recognize-activations -split-input-file | FileCheck %s

// rect-recognize-activations: layer normalization decomposed into
// ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div (+ scale Mul, bias Add).

// The PyTorch exporter's spelling (opset < 17) with scale and bias.
// CHECK-LABEL: func.func @layer_norm_scale_bias
// CHECK-SAME: (%[[X:.*]]: tensor<?x4x8xf32>, %[[S:.*]]: tensor<8xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[R:.*]] = rect.layer_norm %[[X]], %[[S]] bias(%[[B]]) {axis = 2 : i64} : (tensor<?x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @layer_norm_scale_bias(%x: tensor<?x4x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x4x8xf32> {
  %two = rect.constant dense<2.0> : tensor<f32>
  %eps = rect.constant dense<1.0e-5> : tensor<f32>
  %m = rect.reduce_mean %x {axes = array<i64: 2>} : tensor<?x4x8xf32> -> tensor<?x4x1xf32>
  %d = rect.sub %x, %m : tensor<?x4x8xf32>, tensor<?x4x1xf32> -> tensor<?x4x8xf32>
  %p = rect.pow %d, %two : tensor<?x4x8xf32>, tensor<f32> -> tensor<?x4x8xf32>
  %v = rect.reduce_mean %p {axes = array<i64: 2>} : tensor<?x4x8xf32> -> tensor<?x4x1xf32>
  %ve = rect.add %v, %eps : tensor<?x4x1xf32>, tensor<f32> -> tensor<?x4x1xf32>
  %sd = rect.sqrt %ve : tensor<?x4x1xf32>
  %n = rect.div %d, %sd : tensor<?x4x8xf32>, tensor<?x4x1xf32> -> tensor<?x4x8xf32>
  %y = rect.mul %n, %s : tensor<?x4x8xf32>, tensor<8xf32> -> tensor<?x4x8xf32>
  %z = rect.add %y, %b : tensor<?x4x8xf32>, tensor<8xf32> -> tensor<?x4x8xf32>
  return %z : tensor<?x4x8xf32>
}

// -----

// No scale or bias, two normalized dims, squaring by multiplication.
// CHECK-LABEL: func.func @layer_norm_plain
// CHECK: %[[ONE:.*]] = rect.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[R:.*]] = rect.layer_norm %arg0, %[[ONE]] {axis = 1 : i64, epsilon = 9.99999996E-13 : f32}
// CHECK-NEXT: return %[[R]]
func.func @layer_norm_plain(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  %eps = rect.constant dense<1.0e-12> : tensor<f32>
  %m = rect.reduce_mean %x {axes = array<i64: 1, 2>} : tensor<2x4x8xf32> -> tensor<2x1x1xf32>
  %d = rect.sub %x, %m : tensor<2x4x8xf32>, tensor<2x1x1xf32> -> tensor<2x4x8xf32>
  %p = rect.mul %d, %d : tensor<2x4x8xf32>, tensor<2x4x8xf32> -> tensor<2x4x8xf32>
  %v = rect.reduce_mean %p {axes = array<i64: 1, 2>} : tensor<2x4x8xf32> -> tensor<2x1x1xf32>
  %ve = rect.add %eps, %v : tensor<f32>, tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  %sd = rect.sqrt %ve : tensor<2x1x1xf32>
  %n = rect.div %d, %sd : tensor<2x4x8xf32>, tensor<2x1x1xf32> -> tensor<2x4x8xf32>
  return %n : tensor<2x4x8xf32>
}

// -----

// Negative: the mean is over a leading dim, not the trailing ones.
// CHECK-LABEL: func.func @no_layer_norm_leading_axis
// CHECK-NOT: rect.layer_norm
// CHECK: rect.div
func.func @no_layer_norm_leading_axis(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %two = rect.constant dense<2.0> : tensor<f32>
  %eps = rect.constant dense<1.0e-5> : tensor<f32>
  %m = rect.reduce_mean %x {axes = array<i64: 0>} : tensor<2x8xf32> -> tensor<1x8xf32>
  %d = rect.sub %x, %m : tensor<2x8xf32>, tensor<1x8xf32> -> tensor<2x8xf32>
  %p = rect.pow %d, %two : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %v = rect.reduce_mean %p {axes = array<i64: 0>} : tensor<2x8xf32> -> tensor<1x8xf32>
  %ve = rect.add %v, %eps : tensor<1x8xf32>, tensor<f32> -> tensor<1x8xf32>
  %sd = rect.sqrt %ve : tensor<1x8xf32>
  %n = rect.div %d, %sd : tensor<2x8xf32>, tensor<1x8xf32> -> tensor<2x8xf32>
  return %n : tensor<2x8xf32>
}

// -----

// Negative: the variance is of x, not of x - mean.
// CHECK-LABEL: func.func @no_layer_norm_wrong_variance
// CHECK-NOT: rect.layer_norm
// CHECK: rect.div
func.func @no_layer_norm_wrong_variance(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %two = rect.constant dense<2.0> : tensor<f32>
  %eps = rect.constant dense<1.0e-5> : tensor<f32>
  %m = rect.reduce_mean %x {axes = array<i64: 1>} : tensor<2x8xf32> -> tensor<2x1xf32>
  %d = rect.sub %x, %m : tensor<2x8xf32>, tensor<2x1xf32> -> tensor<2x8xf32>
  %p = rect.pow %x, %two : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %v = rect.reduce_mean %p {axes = array<i64: 1>} : tensor<2x8xf32> -> tensor<2x1xf32>
  %ve = rect.add %v, %eps : tensor<2x1xf32>, tensor<f32> -> tensor<2x1xf32>
  %sd = rect.sqrt %ve : tensor<2x1xf32>
  %n = rect.div %d, %sd : tensor<2x8xf32>, tensor<2x1xf32> -> tensor<2x8xf32>
  return %n : tensor<2x8xf32>
}

// -----

// Negative: the mean is also returned, so the decomposition must stay.
// CHECK-LABEL: func.func @no_layer_norm_mean_reused
// CHECK-NOT: rect.layer_norm
// CHECK: rect.div
func.func @no_layer_norm_mean_reused(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x1xf32>) {
  %two = rect.constant dense<2.0> : tensor<f32>
  %eps = rect.constant dense<1.0e-5> : tensor<f32>
  %m = rect.reduce_mean %x {axes = array<i64: 1>} : tensor<2x8xf32> -> tensor<2x1xf32>
  %d = rect.sub %x, %m : tensor<2x8xf32>, tensor<2x1xf32> -> tensor<2x8xf32>
  %p = rect.pow %d, %two : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %v = rect.reduce_mean %p {axes = array<i64: 1>} : tensor<2x8xf32> -> tensor<2x1xf32>
  %ve = rect.add %v, %eps : tensor<2x1xf32>, tensor<f32> -> tensor<2x1xf32>
  %sd = rect.sqrt %ve : tensor<2x1xf32>
  %n = rect.div %d, %sd : tensor<2x8xf32>, tensor<2x1xf32> -> tensor<2x8xf32>
  return %n, %m : tensor<2x8xf32>, tensor<2x1xf32>
}
