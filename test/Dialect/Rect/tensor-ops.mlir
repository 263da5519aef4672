// RUN: rectify-opt %s | rectify-opt | FileCheck %s
// RUN: rectify-opt %s -mlir-print-op-generic | rectify-opt | FileCheck %s

// Round trip of the tensor-manipulation, reduction and normalization ops.

// CHECK-LABEL: func.func @math
// CHECK: rect.log %{{.*}} : tensor<?x4xf32>
// CHECK: rect.reciprocal %{{.*}} : tensor<?x4xf32>
// CHECK: rect.pow %{{.*}}, %{{.*}} : tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
// CHECK: rect.where %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xi1>, tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
func.func @math(%x: tensor<?x4xf32>, %e: tensor<f32>, %c: tensor<4xi1>) -> tensor<?x4xf32> {
  %0 = rect.log %x : tensor<?x4xf32>
  %1 = rect.reciprocal %0 : tensor<?x4xf32>
  %2 = rect.pow %1, %e : tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
  %3 = rect.where %c, %2, %e : tensor<4xi1>, tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
  return %3 : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @movement
// CHECK: rect.concat %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<?x4xf32>, tensor<?x2xf32>) -> tensor<?x6xf32>
// CHECK: rect.slice %{{.*}} {offsets = array<i64: 0, 5>, sizes = array<i64: -1, 3>, strides = array<i64: 1, -2>} : tensor<?x6xf32> -> tensor<?x3xf32>
// CHECK: rect.pad %{{.*}} {mode = "reflect", pads = array<i64: 0, 1, 0, 2>} : tensor<?x3xf32> -> tensor<?x6xf32>
// CHECK: rect.gather %{{.*}}, %{{.*}} {axis = 1 : i64} : tensor<?x6xf32>, tensor<2x2xi64> -> tensor<?x2x2xf32>
// CHECK: rect.tile %{{.*}} {repeats = array<i64: 1, 2, 3>} : tensor<?x2x2xf32> -> tensor<?x4x6xf32>
// CHECK: rect.expand %{{.*}} : tensor<1x6xf32> -> tensor<3x6xf32>
func.func @movement(%x: tensor<?x4xf32>, %y: tensor<?x2xf32>, %i: tensor<2x2xi64>, %z: tensor<1x6xf32>) -> (tensor<?x4x6xf32>, tensor<3x6xf32>) {
  %0 = rect.concat %x, %y {axis = 1 : i64} : (tensor<?x4xf32>, tensor<?x2xf32>) -> tensor<?x6xf32>
  %1 = rect.slice %0 {offsets = array<i64: 0, 5>, sizes = array<i64: -1, 3>, strides = array<i64: 1, -2>} : tensor<?x6xf32> -> tensor<?x3xf32>
  %2 = rect.pad %1 {pads = array<i64: 0, 1, 0, 2>, mode = "reflect"} : tensor<?x3xf32> -> tensor<?x6xf32>
  %3 = rect.gather %2, %i {axis = 1 : i64} : tensor<?x6xf32>, tensor<2x2xi64> -> tensor<?x2x2xf32>
  %4 = rect.tile %3 {repeats = array<i64: 1, 2, 3>} : tensor<?x2x2xf32> -> tensor<?x4x6xf32>
  %5 = rect.expand %z : tensor<1x6xf32> -> tensor<3x6xf32>
  return %4, %5 : tensor<?x4x6xf32>, tensor<3x6xf32>
}

// CHECK-LABEL: func.func @reductions
// CHECK: rect.reduce_sum %{{.*}} {axes = array<i64: 1>} : tensor<?x4x5xf32> -> tensor<?x1x5xf32>
// CHECK: rect.reduce_mean %{{.*}} {axes = array<i64: 1, 2>, keepdims = false} : tensor<?x4x5xf32> -> tensor<?xf32>
// CHECK: rect.reduce_max %{{.*}} {axes = array<i64: 2>} : tensor<?x4x5xf32> -> tensor<?x4x1xf32>
// CHECK: rect.reduce_min %{{.*}} {axes = array<i64: 0, 1, 2>, keepdims = false} : tensor<?x4x5xf32> -> tensor<f32>
func.func @reductions(%x: tensor<?x4x5xf32>) -> (tensor<?x1x5xf32>, tensor<?xf32>, tensor<?x4x1xf32>, tensor<f32>) {
  %0 = rect.reduce_sum %x {axes = array<i64: 1>} : tensor<?x4x5xf32> -> tensor<?x1x5xf32>
  %1 = rect.reduce_mean %x {axes = array<i64: 1, 2>, keepdims = false} : tensor<?x4x5xf32> -> tensor<?xf32>
  %2 = rect.reduce_max %x {axes = array<i64: 2>, keepdims = true} : tensor<?x4x5xf32> -> tensor<?x4x1xf32>
  %3 = rect.reduce_min %x {axes = array<i64: 0, 1, 2>, keepdims = false} : tensor<?x4x5xf32> -> tensor<f32>
  return %0, %1, %2, %3 : tensor<?x1x5xf32>, tensor<?xf32>, tensor<?x4x1xf32>, tensor<f32>
}

// CHECK-LABEL: func.func @normalization
// CHECK: rect.layer_norm %{{.*}}, %{{.*}} bias(%{{.*}}) {epsilon = 9.99999997E-7 : f32} : (tensor<?x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
// CHECK: rect.layer_norm %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<?x4x8xf32>, tensor<4x8xf32>) -> tensor<?x4x8xf32>
// CHECK: rect.log_softmax %{{.*}} {axis = 1 : i64} : tensor<?x4x8xf32>
func.func @normalization(%x: tensor<?x4x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>, %s2: tensor<4x8xf32>) -> tensor<?x4x8xf32> {
  %0 = rect.layer_norm %x, %s bias(%b) {epsilon = 1.0e-6 : f32} : (tensor<?x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
  %1 = rect.layer_norm %0, %s2 {axis = 1 : i64} : (tensor<?x4x8xf32>, tensor<4x8xf32>) -> tensor<?x4x8xf32>
  %2 = rect.log_softmax %1 {axis = 1 : i64} : tensor<?x4x8xf32>
  return %2 : tensor<?x4x8xf32>
}
