// RUN: rectify-opt %s -rect-recognize-activations -split-input-file | FileCheck %s

// rect-recognize-activations: the tanh approximation of GELU.

// The PyTorch exporter's spelling (opset < 20) with pow(x, 3).
// CHECK-LABEL: func.func @gelu_tanh_pow
// CHECK-NEXT: %[[R:.*]] = rect.gelu %arg0 {approximate = "tanh"} : tensor<?x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @gelu_tanh_pow(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %half = rect.constant dense<0.5> : tensor<f32>
  %three = rect.constant dense<3.0> : tensor<f32>
  %c = rect.constant dense<0.044715> : tensor<f32>
  %k = rect.constant dense<0.797884583> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %0 = rect.mul %x, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.pow %x, %three : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %2 = rect.mul %1, %c : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %3 = rect.add %x, %2 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %4 = rect.mul %3, %k : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %5 = rect.tanh %4 : tensor<?x8xf32>
  %6 = rect.add %5, %one : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %7 = rect.mul %0, %6 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  return %7 : tensor<?x8xf32>
}

// -----

// x * x * x instead of pow, 0.5 applied last, operands swapped.
// CHECK-LABEL: func.func @gelu_tanh_cube_product
// CHECK-NEXT: %[[R:.*]] = rect.gelu %arg0 {approximate = "tanh"} : tensor<2x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @gelu_tanh_cube_product(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %half = rect.constant dense<0.5> : tensor<f32>
  %c = rect.constant dense<0.044715> : tensor<f32>
  %k = rect.constant dense<0.797884583> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %sq = rect.mul %x, %x : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %cube = rect.mul %sq, %x : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %2 = rect.mul %c, %cube : tensor<f32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %3 = rect.add %2, %x : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %4 = rect.mul %k, %3 : tensor<f32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %5 = rect.tanh %4 : tensor<2x8xf32>
  %6 = rect.add %one, %5 : tensor<f32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %7 = rect.mul %6, %x : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %8 = rect.mul %7, %half : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  return %8 : tensor<2x8xf32>
}

// -----

// Negative: a cubic coefficient other than 0.044715.
// CHECK-LABEL: func.func @no_gelu_tanh_wrong_cubic
// CHECK-NOT: rect.gelu
// CHECK: rect.tanh
func.func @no_gelu_tanh_wrong_cubic(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %half = rect.constant dense<0.5> : tensor<f32>
  %three = rect.constant dense<3.0> : tensor<f32>
  %c = rect.constant dense<0.05> : tensor<f32>
  %k = rect.constant dense<0.797884583> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %0 = rect.mul %x, %half : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %1 = rect.pow %x, %three : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %2 = rect.mul %1, %c : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %3 = rect.add %x, %2 : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %4 = rect.mul %3, %k : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %5 = rect.tanh %4 : tensor<2x8xf32>
  %6 = rect.add %5, %one : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %7 = rect.mul %0, %6 : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  return %7 : tensor<2x8xf32>
}

// -----

// Negative: the tanh result is also returned, so it must stay.
// CHECK-LABEL: func.func @no_gelu_tanh_reused
// CHECK-NOT: rect.gelu
// CHECK: rect.tanh
func.func @no_gelu_tanh_reused(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %half = rect.constant dense<0.5> : tensor<f32>
  %three = rect.constant dense<3.0> : tensor<f32>
  %c = rect.constant dense<0.044715> : tensor<f32>
  %k = rect.constant dense<0.797884583> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %0 = rect.mul %x, %half : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %1 = rect.pow %x, %three : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %2 = rect.mul %1, %c : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %3 = rect.add %x, %2 : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %4 = rect.mul %3, %k : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %5 = rect.tanh %4 : tensor<2x8xf32>
  %6 = rect.add %5, %one : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %7 = rect.mul %0, %6 : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  return %7, %5 : tensor<2x8xf32>, tensor<2x8xf32>
}
