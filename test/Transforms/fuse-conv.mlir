// RUN: rectify-opt %s -rect-fuse-conv -split-input-file | FileCheck %s

// Residual adds and activations fold into rect.conv; ReLU moves before a max
// pool. Negative cases next to the positive ones.

// CHECK-LABEL: func.func @relu
// CHECK: %[[Y:.*]] = rect.conv %arg0, %arg1 bias(%arg2) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @relu(%x: tensor<?x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %b: tensor<3xf32>) -> tensor<?x3x4x4xf32> {
  %0 = rect.conv %x, %w bias(%b) : (tensor<?x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  %1 = rect.relu %0 : tensor<?x3x4x4xf32>
  return %1 : tensor<?x3x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_relu6
// CHECK: rect.conv %arg0, %arg1 {activation = #rect.act<clip min = 0.000000e+00, max = 6.000000e+00>}
// CHECK-NOT: rect.clip
func.func @clip_relu6(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %0 = rect.conv %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %1 = rect.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x3x4x4xf32>
  return %1 : tensor<1x3x4x4xf32>
}

// -----

// A per-channel PReLU slope [3, 1, 1] becomes the conv's [3] slope operand.
// CHECK-LABEL: func.func @prelu_per_channel
// CHECK: %[[S:.*]] = rect.reshape %arg2 : tensor<3x1x1xf32> -> tensor<3xf32>
// CHECK: rect.conv %arg0, %arg1 slope(%[[S]]) {activation = #rect.act<prelu>}
func.func @prelu_per_channel(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %s: tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %0 = rect.conv %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %1 = rect.prelu %0, %s : tensor<1x3x4x4xf32>, tensor<3x1x1xf32> -> tensor<1x3x4x4xf32>
  return %1 : tensor<1x3x4x4xf32>
}

// -----

// A slope varying along the width does not fit the per-channel epilogue.
// CHECK-LABEL: func.func @prelu_not_per_channel
// CHECK: rect.conv
// CHECK-NOT: activation
// CHECK: rect.prelu
func.func @prelu_not_per_channel(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %s: tensor<4xf32>) -> tensor<1x3x4x4xf32> {
  %0 = rect.conv %x, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  %1 = rect.prelu %0, %s : tensor<1x3x4x4xf32>, tensor<4xf32> -> tensor<1x3x4x4xf32>
  return %1 : tensor<1x3x4x4xf32>
}

// -----

// The ResNet block ending: relu(conv + identity) is one conv.
// CHECK-LABEL: func.func @residual_relu
// CHECK: %[[Y:.*]] = rect.conv %arg0, %arg1 residual(%arg2) {activation = #rect.act<relu>, pads = array<i64: 1, 1, 1, 1>}
// CHECK-NEXT: return %[[Y]]
func.func @residual_relu(%x: tensor<?x2x4x4xf32>, %w: tensor<2x2x3x3xf32>, %r: tensor<?x2x4x4xf32>) -> tensor<?x2x4x4xf32> {
  %0 = rect.conv %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x2x4x4xf32>, tensor<2x2x3x3xf32>) -> tensor<?x2x4x4xf32>
  %1 = rect.add %r, %0 : tensor<?x2x4x4xf32>, tensor<?x2x4x4xf32> -> tensor<?x2x4x4xf32>
  %2 = rect.relu %1 : tensor<?x2x4x4xf32>
  return %2 : tensor<?x2x4x4xf32>
}

// -----

// A conv that already has an activation cannot take a residual (it would be
// added after the activation), and one with other users cannot fuse at all.
// CHECK-LABEL: func.func @no_residual_after_activation
// CHECK: rect.conv %arg0, %arg1 {activation = #rect.act<relu>}
// CHECK: rect.add
// CHECK: rect.conv %arg0, %arg1 :
// CHECK: rect.add
func.func @no_residual_after_activation(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>, %r: tensor<1x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %0 = rect.conv %x, %w {activation = #rect.act<relu>} : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = rect.add %0, %r : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  %2 = rect.conv %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %3 = rect.add %2, %r : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %1, %2, %3 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// An addend that broadcasts is not a residual.
// CHECK-LABEL: func.func @broadcast_add_is_not_residual
// CHECK: rect.conv
// CHECK-NOT: residual
// CHECK: rect.add
func.func @broadcast_add_is_not_residual(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>, %r: tensor<1x2x1x4xf32>) -> tensor<1x2x4x4xf32> {
  %0 = rect.conv %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = rect.add %0, %r : tensor<1x2x4x4xf32>, tensor<1x2x1x4xf32> -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// relu(max_pool(conv)) -> max_pool(conv {relu}).
// CHECK-LABEL: func.func @relu_after_pool
// CHECK: %[[C:.*]] = rect.conv %arg0, %arg1 {activation = #rect.act<relu>}
// CHECK: %[[P:.*]] = rect.max_pool %[[C]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
// CHECK-NEXT: return %[[P]]
func.func @relu_after_pool(%x: tensor<?x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<?x2x2x2xf32> {
  %0 = rect.conv %x, %w : (tensor<?x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<?x2x4x4xf32>
  %1 = rect.max_pool %0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  %2 = rect.relu %1 : tensor<?x2x2x2xf32>
  return %2 : tensor<?x2x2x2xf32>
}

// -----

// The pool's input has another user: the ReLU stays after the pool.
// CHECK-LABEL: func.func @pool_input_shared
// CHECK: rect.conv %arg0, %arg1 :
// CHECK: %[[P:.*]] = rect.max_pool
// CHECK: rect.relu %[[P]]
func.func @pool_input_shared(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x2x2xf32>) {
  %0 = rect.conv %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = rect.max_pool %0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  %2 = rect.relu %1 : tensor<1x2x2x2xf32>
  return %0, %2 : tensor<1x2x4x4xf32>, tensor<1x2x2x2xf32>
}

// -----

// The activation is not the conv result's only user.
// CHECK-LABEL: func.func @conv_result_returned
// CHECK: rect.conv %arg0, %arg1 :
// CHECK: rect.sigmoid
func.func @conv_result_returned(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x1x1xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %0 = rect.conv %x, %w : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = rect.sigmoid %0 : tensor<1x2x4x4xf32>
  return %0, %1 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}
