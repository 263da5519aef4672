// RUN: rectify-opt %s -split-input-file | rectify-opt -split-input-file | FileCheck %s

// Round trip of the convolution, normalization and pooling ops, with their
// inferred result types (a dynamic batch stays dynamic).

// CHECK-LABEL: func.func @conv_defaults
// CHECK: rect.conv %arg0, %arg1 : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x6x6xf32>
func.func @conv_defaults(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x6x6xf32> {
  %0 = rect.conv %x, %w : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x6x6xf32>
  return %0 : tensor<?x4x6x6xf32>
}

// -----

// CHECK-LABEL: func.func @conv_fused
// CHECK: rect.conv %arg0, %arg1 bias(%arg2) residual(%arg3) {activation = #rect.act<relu>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
// CHECK-SAME: -> tensor<2x4x4x4xf32>
func.func @conv_fused(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>, %r: tensor<2x4x4x4xf32>) -> tensor<2x4x4x4xf32> {
  %0 = rect.conv %x, %w bias(%b) residual(%r) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, activation = #rect.act<relu>}
      : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<2x4x4x4xf32>) -> tensor<2x4x4x4xf32>
  return %0 : tensor<2x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @conv_depthwise_dilated_prelu
// CHECK: rect.conv %arg0, %arg1 slope(%arg2) {activation = #rect.act<prelu>, dilations = array<i64: 2, 2>, group = 8 : i64
// CHECK-SAME: -> tensor<1x8x6x6xf32>
func.func @conv_depthwise_dilated_prelu(%x: tensor<1x8x10x10xf32>, %w: tensor<8x1x3x3xf32>, %s: tensor<8xf32>) -> tensor<1x8x6x6xf32> {
  %0 = rect.conv %x, %w slope(%s) {group = 8 : i64, dilations = array<i64: 2, 2>, activation = #rect.act<prelu>}
      : (tensor<1x8x10x10xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// CHECK-LABEL: func.func @conv_transpose
// CHECK: rect.conv_transpose %arg0, %arg1 bias(%arg2) {{.*}}output_padding = array<i64: 1, 1>{{.*}} -> tensor<?x2x8x8xf32>
func.func @conv_transpose(%x: tensor<?x4x4x4xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<?x2x8x8xf32> {
  %0 = rect.conv_transpose %x, %w bias(%b) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>}
      : (tensor<?x4x4x4xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x8x8xf32>
  return %0 : tensor<?x2x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @batch_norm
// CHECK: rect.batch_norm %arg0, %arg1, %arg1, %arg1, %arg1 {epsilon = 1.000000e-03 : f32} : tensor<?x3x5x5xf32>, tensor<3xf32>
func.func @batch_norm(%x: tensor<?x3x5x5xf32>, %c: tensor<3xf32>) -> tensor<?x3x5x5xf32> {
  %0 = rect.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-3 : f32}
      : tensor<?x3x5x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
  return %0 : tensor<?x3x5x5xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool_ceil
// CHECK: rect.max_pool %arg0 {ceil_mode = true, {{.*}}kernel_shape = array<i64: 3, 3>{{.*}}strides = array<i64: 2, 2>} : tensor<?x4x6x6xf32> -> tensor<?x4x3x3xf32>
func.func @max_pool_ceil(%x: tensor<?x4x6x6xf32>) -> tensor<?x4x3x3xf32> {
  %0 = rect.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = true} : tensor<?x4x6x6xf32> -> tensor<?x4x3x3xf32>
  return %0 : tensor<?x4x3x3xf32>
}

// -----

// The last window of a ceil_mode pool may not start in the end padding:
// (5 + 1 - 2) / 2 rounded up + 1 = 3 windows, but the third starts at 4 + 1.
// CHECK-LABEL: func.func @avg_pool_ceil_drops_window_in_padding
// CHECK: rect.avg_pool {{.*}} : tensor<1x1x5x5xf32> -> tensor<1x1x3x3xf32>
func.func @avg_pool_ceil_drops_window_in_padding(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32> {
  %0 = rect.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, ceil_mode = true, count_include_pad = true} : tensor<1x1x5x5xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @global_pools
// CHECK: rect.global_avg_pool %arg0 : tensor<?x8x7x7xf32> -> tensor<?x8x1x1xf32>
// CHECK: rect.global_max_pool %arg0 : tensor<?x8x7x7xf32> -> tensor<?x8x1x1xf32>
func.func @global_pools(%x: tensor<?x8x7x7xf32>) -> (tensor<?x8x1x1xf32>, tensor<?x8x1x1xf32>) {
  %0 = rect.global_avg_pool %x : tensor<?x8x7x7xf32> -> tensor<?x8x1x1xf32>
  %1 = rect.global_max_pool %x : tensor<?x8x7x7xf32> -> tensor<?x8x1x1xf32>
  return %0, %1 : tensor<?x8x1x1xf32>, tensor<?x8x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @lrn
// CHECK: rect.lrn %arg0 {alpha = 2.000000e-04 : f32, size = 5 : i64} : tensor<?x8x4x4xf32>
func.func @lrn(%x: tensor<?x8x4x4xf32>) -> tensor<?x8x4x4xf32> {
  %0 = rect.lrn %x {size = 5 : i64, alpha = 2.0e-4 : f32} : tensor<?x8x4x4xf32>
  return %0 : tensor<?x8x4x4xf32>
}
