// RUN: rectify-opt %s -split-input-file -verify-diagnostics -rect-print-ranges="input-ranges=x=0:1,-1:0;z=1:2" -o /dev/null

// Per output channel: W split into positive and negative parts over each
// input channel's interval (an image with channel 0 in [0, 1] and channel 1
// in [-1, 0]). The 0.500001 is the dot-product safety margin.
func.func @conv_per_channel(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x2x4x4xf32> {
  // expected-remark @below {{range}}
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<2x2x1x1xf32>
  // expected-remark @below {{range}}
  %b = rect.constant dense<[-0.5, 0.0]> : tensor<2xf32>
  // expected-remark @below {{range [0, 2] per 1x2x1x1: [0, 0.500001] [0, 2]; pre-activation [-1.5, 2] per 2: [-1.5, 0.500001] [0, 2]}}
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<?x2x4x4xf32>
  return %0 : tensor<?x2x4x4xf32>
}

// -----

// Zero padding: padded positions read 0, so 0 joins every input interval. A
// channel in [1, 2] seen by 9 weights of 1 gives [0, 18] with padding and
// [9, 18] (less the margin) without.
func.func @conv_padding(%y: tensor<1x1x3x3xf32> {rect.name = "z"}) -> tensor<1x1x3x3xf32> {
  // expected-remark @below {{range}}
  %w = rect.constant dense<1.0> : tensor<1x1x3x3xf32>
  // expected-remark @below {{range [0, 18]; pre-activation [0, 18]}}
  %0 = rect.conv %y, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  // expected-remark @below {{range [8.99999, 18]; pre-activation [8.99999, 18]}}
  %1 = rect.conv %y, %w : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Grouped (depthwise) conv: output channel o reads input channel o only; the
// residual operand is added per channel before the activation.
func.func @conv_depthwise_residual(%x: tensor<1x2x4x4xf32> {rect.name = "x"}, %r: tensor<1x2x4x4xf32> {rect.name = "x"}) -> tensor<1x2x4x4xf32> {
  // expected-remark @below {{range}}
  %w = rect.constant dense<[[[[2.0]]], [[[3.0]]]]> : tensor<2x1x1x1xf32>
  // expected-remark @below {{range [-2, 3] per 1x2x1x1: [0, 3] [-2, 0]; pre-activation [-4, 3] per 2: [0, 3] [-4, 0]}}
  %0 = rect.conv %x, %w residual(%r) {group = 2 : i64, activation = #rect.act<leaky_relu alpha = 0.5>} : (tensor<1x2x4x4xf32>, tensor<2x1x1x1xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// Pooling keeps per-channel intervals: max pooling exactly (padding never
// wins), average pooling with its summation margin and 0 when the padding
// counts; global pools likewise.
func.func @pooling(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x2x1x1xf32> {
  // expected-remark @below {{range [-1, 1] per 1x2x1x1: [0, 1] [-1, 0]}}
  %0 = rect.max_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<?x2x4x4xf32> -> tensor<?x2x4x4xf32>
  // expected-remark @below {{range [-1, 1] per 1x2x1x1: [0, 1] [-1, 0]}}
  %1 = rect.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
  // expected-remark @below {{range [-1, 1] per 1x2x1x1: [0, 1] [-1, 0]}}
  %2 = rect.avg_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true} : tensor<?x2x4x4xf32> -> tensor<?x2x4x4xf32>
  // expected-remark @below {{range [-1, 1] per 1x2x1x1: [0, 1] [-1, 0]}}
  %3 = rect.global_max_pool %x : tensor<?x2x4x4xf32> -> tensor<?x2x1x1xf32>
  // expected-remark @below {{range [-1, 1] per 1x2x1x1: [0, 1] [-1, 0]}}
  %4 = rect.global_avg_pool %x : tensor<?x2x4x4xf32> -> tensor<?x2x1x1xf32>
  return %4 : tensor<?x2x1x1xf32>
}

// -----

// Average pooling of a channel away from 0 is widened by (K + 3) * 2^-23 *
// max|x|, and with counted padding it reaches 0.
func.func @avg_pool_margin(%y: tensor<1x1x3x3xf32> {rect.name = "z"}) -> tensor<1x1x3x3xf32> {
  // expected-remark @below {{range [0.999997, 2]}}
  %0 = rect.avg_pool %y {kernel_shape = array<i64: 3, 3>} : tensor<1x1x3x3xf32> -> tensor<1x1x1x1xf32>
  // expected-remark @below {{range [0, 2]}}
  %1 = rect.avg_pool %y {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true} : tensor<1x1x3x3xf32> -> tensor<1x1x3x3xf32>
  return %1 : tensor<1x1x3x3xf32>
}

// -----

// Concat along the channels keeps each input's channel intervals at its
// offset; flatten gives channel c the columns c*H*W .. (c+1)*H*W-1, which a
// following rect.linear reads per column.
func.func @concat_flatten(%x: tensor<?x2x1x2xf32> {rect.name = "x"}) -> tensor<?x1xf32> {
  // expected-remark @below {{range [-1, 1] per 1x4x1x1: [0, 1] [-1, 0] [0, 1] [-1, 0]}}
  %0 = rect.concat %x, %x {axis = 1 : i64} : (tensor<?x2x1x2xf32>, tensor<?x2x1x2xf32>) -> tensor<?x4x1x2xf32>
  // expected-remark @below {{range [-1, 1] per 1x8: [0, 1] [0, 1] [-1, 0] [-1, 0] [0, 1] [0, 1] [-1, 0] [-1, 0]}}
  %1 = rect.flatten %0 : tensor<?x4x1x2xf32> -> tensor<?x8xf32>
  // expected-remark @below {{range}}
  %w = rect.constant dense<[[0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<1x8xf32>
  // expected-remark @below {{range [-2, 0]; pre-activation [-2, 0]}}
  %2 = rect.linear %1, %w : (tensor<?x8xf32>, tensor<1x8xf32>) -> tensor<?x1xf32>
  return %2 : tensor<?x1xf32>
}

// -----

// Batch norm per channel: (x - mean) / sqrt(var + eps) * scale + bias, widened
// like a square root. Layer norm: |z| <= sqrt(D - 1) + 1 for D normalized
// elements (the 1 covers the rounded mean), then scale and bias. Softmax is in [0, 1].
func.func @normalization(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x2x4x4xf32> {
  // expected-remark @below {{range}}
  %s = rect.constant dense<[2.0, 1.0]> : tensor<2xf32>
  // expected-remark @below {{range}}
  %b = rect.constant dense<[1.0, 0.0]> : tensor<2xf32>
  // expected-remark @below {{range}}
  %m = rect.constant dense<[0.0, -1.0]> : tensor<2xf32>
  // expected-remark @below {{range}}
  %v = rect.constant dense<[4.0, 1.0]> : tensor<2xf32>
  // expected-remark @below {{range [-1.1e-05, 2.00001] per 1x2x1x1: [0.999989, 2.00001] [-1.1e-05, 1.00001]}}
  %0 = rect.batch_norm %x, %s, %b, %m, %v {epsilon = 0.0 : f32} : tensor<?x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  // expected-remark @below {{range}}
  %g = rect.constant dense<0.5> : tensor<4xf32>
  // expected-remark @below {{range}}
  %b4 = rect.constant dense<0.5> : tensor<4xf32>
  // expected-remark @below {{range [-0.866041, 1.86604] per 1x1x1x4: [-0.866041, 1.86604]}}
  %1 = rect.layer_norm %0, %g bias(%b4) : (tensor<?x2x4x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?x2x4x4xf32>
  // expected-remark @below {{range [0, 1]}}
  %2 = rect.softmax %1 : tensor<?x2x4x4xf32>
  return %2 : tensor<?x2x4x4xf32>
}

// -----

// Reductions: max/min keep the hull; a mean of 8 elements is widened by
// (8 + 3) * 2^-23 * max|x|, a sum scales by 8. LRN keeps the sign of each
// channel and divides the magnitude by at least bias^beta (here 2^0.75).
func.func @reductions(%x: tensor<?x2x4x2xf32> {rect.name = "x"}) -> tensor<?x2x4x2xf32> {
  // expected-remark @below {{range [-1, 1]}}
  %0 = rect.reduce_max %x {axes = array<i64: 2, 3>} : tensor<?x2x4x2xf32> -> tensor<?x2x1x1xf32>
  // expected-remark @below {{range [-1, 1]}}
  %1 = rect.reduce_mean %x {axes = array<i64: 2, 3>} : tensor<?x2x4x2xf32> -> tensor<?x2x1x1xf32>
  // expected-remark @below {{range [-8.00001, 8.00001]}}
  %2 = rect.reduce_sum %x {axes = array<i64: 2, 3>} : tensor<?x2x4x2xf32> -> tensor<?x2x1x1xf32>
  // expected-remark @below {{range [-0.594611, 0.594611] per 1x2x1x1: [-1e-06, 0.594611] [-0.594611, 1e-06]}}
  %3 = rect.lrn %x {size = 3 : i64, bias = 2.0 : f32} : tensor<?x2x4x2xf32>
  return %3 : tensor<?x2x4x2xf32>
}
