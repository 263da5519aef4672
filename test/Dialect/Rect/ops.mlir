// RUN: rectify-opt %s | rectify-opt | FileCheck %s
// RUN: rectify-opt %s -mlir-print-op-generic | rectify-opt | FileCheck %s

// Round trip of every rect op and of every #rect.act kind, through the custom
// and the generic form.

// CHECK-LABEL: func.func @constants
// CHECK: rect.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: rect.constant dense<0.000000e+00> : tensor<f32>
// CHECK: rect.constant dense_resource<fc1.weight> : tensor<2x2xf32>
func.func @constants() -> (tensor<2xf32>, tensor<f32>, tensor<2x2xf32>) {
  %0 = rect.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = rect.constant dense<0.0> : tensor<f32>
  %2 = rect.constant dense_resource<fc1.weight> : tensor<2x2xf32>
  return %0, %1, %2 : tensor<2xf32>, tensor<f32>, tensor<2x2xf32>
}

// CHECK-LABEL: func.func @unary
// CHECK-SAME: (%[[X:.*]]: tensor<?x8xf32>)
// CHECK: rect.relu %[[X]] : tensor<?x8xf32>
// CHECK: rect.relu6 %[[X]] : tensor<?x8xf32>
// CHECK: rect.sigmoid %[[X]] : tensor<?x8xf32>
// CHECK: rect.tanh %[[X]] : tensor<?x8xf32>
// CHECK: rect.silu %[[X]] : tensor<?x8xf32>
// CHECK: rect.softplus %[[X]] : tensor<?x8xf32>
// CHECK: rect.hard_swish %[[X]] : tensor<?x8xf32>
// CHECK: rect.exp %[[X]] : tensor<?x8xf32>
// CHECK: rect.abs %[[X]] : tensor<?x8xf32>
// CHECK: rect.neg %[[X]] : tensor<?x8xf32>
// CHECK: rect.erf %[[X]] : tensor<?x8xf32>
// CHECK: rect.sqrt %[[X]] : tensor<?x8xf32>
func.func @unary(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = rect.relu %x : tensor<?x8xf32>
  %1 = rect.relu6 %x : tensor<?x8xf32>
  %2 = rect.sigmoid %x : tensor<?x8xf32>
  %3 = rect.tanh %x : tensor<?x8xf32>
  %4 = rect.silu %x : tensor<?x8xf32>
  %5 = rect.softplus %x : tensor<?x8xf32>
  %6 = rect.hard_swish %x : tensor<?x8xf32>
  %7 = rect.exp %x : tensor<?x8xf32>
  %8 = rect.abs %x : tensor<?x8xf32>
  %9 = rect.neg %x : tensor<?x8xf32>
  %10 = rect.erf %x : tensor<?x8xf32>
  %11 = rect.sqrt %x : tensor<?x8xf32>
  return %11 : tensor<?x8xf32>
}

// CHECK-LABEL: func.func @parameterized_activations
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf16>, %[[S:.*]]: tensor<8xf16>)
// CHECK: rect.leaky_relu %[[X]] : tensor<4x8xf16>
// CHECK: rect.leaky_relu %[[X]] {alpha = 2.000000e-01 : f32} : tensor<4x8xf16>
// CHECK: rect.clip %[[X]] {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<4x8xf16>
// CHECK: rect.clip %[[X]] {min = -1.000000e+00 : f32} : tensor<4x8xf16>
// CHECK: rect.clip %[[X]] : tensor<4x8xf16>
// CHECK: rect.elu %[[X]] {alpha = 5.000000e-01 : f32} : tensor<4x8xf16>
// CHECK: rect.selu %[[X]] : tensor<4x8xf16>
// CHECK: rect.selu %[[X]] {alpha = 1.500000e+00 : f32, gamma = 1.000000e+00 : f32} : tensor<4x8xf16>
// CHECK: rect.gelu %[[X]] : tensor<4x8xf16>
// CHECK: rect.gelu %[[X]] {approximate = "tanh"} : tensor<4x8xf16>
// CHECK: rect.hard_sigmoid %[[X]] {alpha = 1.666700e-01 : f32} : tensor<4x8xf16>
// CHECK: rect.prelu %[[X]], %[[S]] : tensor<4x8xf16>, tensor<8xf16> -> tensor<4x8xf16>
func.func @parameterized_activations(%x: tensor<4x8xf16>, %s: tensor<8xf16>) -> tensor<4x8xf16> {
  %0 = rect.leaky_relu %x : tensor<4x8xf16>
  %1 = rect.leaky_relu %x {alpha = 0.2 : f32} : tensor<4x8xf16>
  %2 = rect.clip %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<4x8xf16>
  %3 = rect.clip %x {min = -1.0 : f32} : tensor<4x8xf16>
  %4 = rect.clip %x : tensor<4x8xf16>
  %5 = rect.elu %x {alpha = 0.5 : f32} : tensor<4x8xf16>
  %6 = rect.selu %x : tensor<4x8xf16>
  %7 = rect.selu %x {alpha = 1.5 : f32, gamma = 1.0 : f32} : tensor<4x8xf16>
  %8 = rect.gelu %x : tensor<4x8xf16>
  %9 = rect.gelu %x {approximate = "tanh"} : tensor<4x8xf16>
  %10 = rect.hard_sigmoid %x {alpha = 0.16667 : f32} : tensor<4x8xf16>
  %11 = rect.prelu %x, %s : tensor<4x8xf16>, tensor<8xf16> -> tensor<4x8xf16>
  return %11 : tensor<4x8xf16>
}

// CHECK-LABEL: func.func @binary
// CHECK-SAME: (%[[A:.*]]: tensor<?x1x8xf32>, %[[B:.*]]: tensor<3x1xf32>)
// CHECK: rect.add %[[A]], %[[B]] : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
// CHECK: rect.sub %[[A]], %[[B]] : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
// CHECK: rect.mul %[[A]], %[[B]] : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
// CHECK: rect.div %[[A]], %[[B]] : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
// CHECK: rect.max %[[A]], %[[B]] : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
// CHECK: rect.min %[[A]], %[[B]] : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
func.func @binary(%a: tensor<?x1x8xf32>, %b: tensor<3x1xf32>) -> tensor<?x3x8xf32> {
  %0 = rect.add %a, %b : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
  %1 = rect.sub %a, %b : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
  %2 = rect.mul %a, %b : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
  %3 = rect.div %a, %b : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
  %4 = rect.max %a, %b : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
  %5 = rect.min %a, %b : tensor<?x1x8xf32>, tensor<3x1xf32> -> tensor<?x3x8xf32>
  return %5 : tensor<?x3x8xf32>
}

// CHECK-LABEL: func.func @matmul
// CHECK: rect.matmul %{{.*}}, %{{.*}} : tensor<?x4x8xf32>, tensor<8x3xf32> -> tensor<?x4x3xf32>
// CHECK: rect.matmul %{{.*}}, %{{.*}} : tensor<8xf32>, tensor<8x3xf32> -> tensor<3xf32>
// CHECK: rect.matmul %{{.*}}, %{{.*}} : tensor<?x4x8xf32>, tensor<8xf32> -> tensor<?x4xf32>
func.func @matmul(%a: tensor<?x4x8xf32>, %b: tensor<8x3xf32>, %v: tensor<8xf32>)
    -> (tensor<?x4x3xf32>, tensor<3xf32>, tensor<?x4xf32>) {
  %0 = rect.matmul %a, %b : tensor<?x4x8xf32>, tensor<8x3xf32> -> tensor<?x4x3xf32>
  %1 = rect.matmul %v, %b : tensor<8xf32>, tensor<8x3xf32> -> tensor<3xf32>
  %2 = rect.matmul %a, %v : tensor<?x4x8xf32>, tensor<8xf32> -> tensor<?x4xf32>
  return %0, %1, %2 : tensor<?x4x3xf32>, tensor<3xf32>, tensor<?x4xf32>
}

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<?x784xf32> {rect.name = "input"}) -> (tensor<?x10xf32> {rect.name = "out"})
// CHECK: %[[H:.*]] = rect.linear %[[X]], %{{.*}} bias(%{{.*}}) {activation = #rect.act<relu>} : (tensor<?x784xf32>, tensor<16x784xf32>, tensor<16xf32>) -> tensor<?x16xf32>
// CHECK: rect.linear %[[H]], %{{.*}} : (tensor<?x16xf32>, tensor<10x16xf32>) -> tensor<?x10xf32>
func.func @main(%x: tensor<?x784xf32> {rect.name = "input"}) -> (tensor<?x10xf32> {rect.name = "out"}) {
  %w1 = rect.constant dense_resource<fc1.weight> : tensor<16x784xf32>
  %b1 = rect.constant dense_resource<fc1.bias> : tensor<16xf32>
  %w2 = rect.constant dense_resource<fc2.weight> : tensor<10x16xf32>
  %h = rect.linear %x, %w1 bias(%b1) {activation = #rect.act<relu>} : (tensor<?x784xf32>, tensor<16x784xf32>, tensor<16xf32>) -> tensor<?x16xf32>
  %y = rect.linear %h, %w2 : (tensor<?x16xf32>, tensor<10x16xf32>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}

// CHECK-LABEL: func.func @linear_activations
// CHECK: rect.linear %{{[^ ]*}}, %{{[^ ]*}} : (tensor<2x3xf32>
// CHECK: activation = #rect.act<relu6>
// CHECK: activation = #rect.act<leaky_relu alpha = 1.000000e-01>
// CHECK: slope(%{{.*}}) {activation = #rect.act<prelu>}
// CHECK: activation = #rect.act<clip min = 0.000000e+00, max = 6.000000e+00>
// CHECK: activation = #rect.act<clip max = 1.000000e+00>
// CHECK: activation = #rect.act<clip min = -1.000000e+00>
// CHECK: activation = #rect.act<elu alpha = 1.000000e+00>
// CHECK: activation = #rect.act<selu alpha = 1.6732631921768188, gamma = 1.0507010221481323>
// CHECK: activation = #rect.act<sigmoid>
// CHECK: activation = #rect.act<tanh>
// CHECK: activation = #rect.act<gelu>
// CHECK: activation = #rect.act<gelu_tanh>
// CHECK: activation = #rect.act<silu>
// CHECK: activation = #rect.act<softplus>
// CHECK: activation = #rect.act<hard_sigmoid alpha = 2.000000e-01, beta = 5.000000e-01>
// CHECK: activation = #rect.act<hard_swish>
func.func @linear_activations(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>, %s: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = rect.linear %x, %w {activation = #rect.act<none>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %1 = rect.linear %x, %w {activation = #rect.act<relu6>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %2 = rect.linear %x, %w {activation = #rect.act<leaky_relu alpha = 0.1>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %3 = rect.linear %x, %w slope(%s) {activation = #rect.act<prelu>} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %4 = rect.linear %x, %w {activation = #rect.act<clip min = 0.0, max = 6.0>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %5 = rect.linear %x, %w {activation = #rect.act<clip max = 1.0>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %6 = rect.linear %x, %w {activation = #rect.act<clip min = -1.0>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %7 = rect.linear %x, %w {activation = #rect.act<elu>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %8 = rect.linear %x, %w {activation = #rect.act<selu>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %9 = rect.linear %x, %w {activation = #rect.act<sigmoid>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %10 = rect.linear %x, %w {activation = #rect.act<tanh>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %11 = rect.linear %x, %w {activation = #rect.act<gelu>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %12 = rect.linear %x, %w {activation = #rect.act<gelu_tanh>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %13 = rect.linear %x, %w {activation = #rect.act<silu>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %14 = rect.linear %x, %w {activation = #rect.act<softplus>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %15 = rect.linear %x, %w {activation = #rect.act<hard_sigmoid>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %16 = rect.linear %x, %w {activation = #rect.act<hard_swish>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %16 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @shapes
// CHECK: rect.reshape %{{.*}} : tensor<?x2x3xf32> -> tensor<?x6xf32>
// CHECK: rect.reshape %{{.*}} : tensor<2x3xf32> -> tensor<6xf32>
// CHECK: rect.flatten %{{.*}} : tensor<?x2x3xf32> -> tensor<?x6xf32>
// CHECK: rect.flatten %{{.*}} {axis = 2 : i64} : tensor<?x2x3xf32> -> tensor<?x3xf32>
// CHECK: rect.flatten %{{.*}} {axis = 0 : i64} : tensor<2x3xf32> -> tensor<1x6xf32>
// CHECK: rect.transpose %{{.*}} {permutation = array<i64: 0, 2, 1>} : tensor<?x2x3xf32> -> tensor<?x3x2xf32>
// CHECK: rect.softmax %{{.*}} : tensor<?x2x3xf32>
// CHECK: rect.softmax %{{.*}} {axis = 1 : i64} : tensor<?x2x3xf32>
func.func @shapes(%x: tensor<?x2x3xf32>, %y: tensor<2x3xf32>) {
  %0 = rect.reshape %x : tensor<?x2x3xf32> -> tensor<?x6xf32>
  %1 = rect.reshape %y : tensor<2x3xf32> -> tensor<6xf32>
  %2 = rect.flatten %x : tensor<?x2x3xf32> -> tensor<?x6xf32>
  %3 = rect.flatten %x {axis = 2 : i64} : tensor<?x2x3xf32> -> tensor<?x3xf32>
  %4 = rect.flatten %y {axis = 0 : i64} : tensor<2x3xf32> -> tensor<1x6xf32>
  %5 = rect.transpose %x {permutation = array<i64: 0, 2, 1>} : tensor<?x2x3xf32> -> tensor<?x3x2xf32>
  %6 = rect.softmax %x : tensor<?x2x3xf32>
  %7 = rect.softmax %x {axis = 1 : i64} : tensor<?x2x3xf32>
  return
}
