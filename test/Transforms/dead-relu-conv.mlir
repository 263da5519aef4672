// RUN: rectify-opt %s -split-input-file -rect-eliminate-dead-relus="input-ranges=x=0:1,0:1" | FileCheck %s

// Every output channel of a fused conv is always active (non-negative
// weights and biases on a non-negative input): the relu is dropped.
// CHECK-LABEL: func.func @conv_always_active
// CHECK: rect.conv
// CHECK-NOT: activation
// CHECK-SAME: -> tensor<?x2x4x4xf32>
func.func @conv_always_active(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x2x4x4xf32> {
  %w = rect.constant dense<[[[[1.0]], [[2.0]]], [[[0.5]], [[0.0]]]]> : tensor<2x2x1x1xf32>
  %b = rect.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<?x2x4x4xf32>
  return %0 : tensor<?x2x4x4xf32>
}

// -----

// Every channel is a dead relu and the shape is static: the conv is zeros.
// CHECK-LABEL: func.func @conv_all_dead
// CHECK: %[[Z:.*]] = rect.constant dense<0.000000e+00> : tensor<1x2x2x2xf32>
// CHECK-NOT: rect.conv
// CHECK: return %[[Z]]
func.func @conv_all_dead(%x: tensor<1x2x4x4xf32> {rect.name = "x"}) -> tensor<1x2x2x2xf32> {
  %w = rect.constant dense<-1.0> : tensor<2x2x3x3xf32>
  %b = rect.constant dense<[-0.5, 0.0]> : tensor<2xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<1x2x4x4xf32>, tensor<2x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// Negative: with a dynamic batch the dead conv stays (its channels are left
// to rect-prune-dead-neurons).
// CHECK-LABEL: func.func @conv_all_dead_dynamic
// CHECK: rect.conv {{.*}}activation = #rect.act<relu>
func.func @conv_all_dead_dynamic(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x2x2x2xf32> {
  %w = rect.constant dense<-1.0> : tensor<2x2x3x3xf32>
  %0 = rect.conv %x, %w {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<2x2x3x3xf32>) -> tensor<?x2x2x2xf32>
  return %0 : tensor<?x2x2x2xf32>
}

// -----

// Negative: channel 0 (x0 - x1 - 0.5) is alive at the corner x = (1, 0) and
// channel 1 is always active; the activation stays.
// CHECK-LABEL: func.func @conv_alive_corner
// CHECK: rect.conv {{.*}}activation = #rect.act<relu>
func.func @conv_alive_corner(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x2x4x4xf32> {
  %w = rect.constant dense<[[[[1.0]], [[-1.0]]], [[[1.0]], [[1.0]]]]> : tensor<2x2x1x1xf32>
  %b = rect.constant dense<[-0.5, 0.0]> : tensor<2xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<?x2x4x4xf32>
  return %0 : tensor<?x2x4x4xf32>
}

// -----

// Negative: a residual operand can make the sum negative, so the relu stays
// even though conv + bias alone is non-negative.
// CHECK-LABEL: func.func @conv_residual
// CHECK: rect.conv {{.*}}residual({{.*}}activation = #rect.act<relu>
func.func @conv_residual(%x: tensor<?x2x4x4xf32> {rect.name = "x"}, %r: tensor<?x2x4x4xf32>) -> tensor<?x2x4x4xf32> {
  %w = rect.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = rect.conv %x, %w residual(%r) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<?x2x4x4xf32>) -> tensor<?x2x4x4xf32>
  return %0 : tensor<?x2x4x4xf32>
}
