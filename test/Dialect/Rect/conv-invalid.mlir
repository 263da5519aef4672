// RUN: rectify-opt %s -split-input-file -verify-diagnostics

// Verifier and type inference errors of the convolution, normalization and
// pooling ops.

func.func @conv_input_not_4d(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<4x6x6xf32> {
  // expected-error @+1 {{'rect.conv' op input must be 4-D, got [3x8x8]}}
  %0 = rect.conv %x, %w : (tensor<3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<4x6x6xf32>
  return %0 : tensor<4x6x6xf32>
}

// -----

func.func @conv_channel_mismatch(%x: tensor<1x5x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{weight [4x3x3x3] expects 3 input channels (C / group per group) but the input has 5}}
  %0 = rect.conv %x, %w : (tensor<1x5x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_group_does_not_divide(%x: tensor<1x6x8x8xf32>, %w: tensor<5x2x3x3xf32>) -> tensor<1x5x6x6xf32> {
  // expected-error @+1 {{group 3 must divide the input channels (6) and the filters (5)}}
  %0 = rect.conv %x, %w {group = 3 : i64} : (tensor<1x6x8x8xf32>, tensor<5x2x3x3xf32>) -> tensor<1x5x6x6xf32>
  return %0 : tensor<1x5x6x6xf32>
}

// -----

func.func @conv_bad_pads(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{pads must have 4 entries [top, left, bottom, right], got [1, 1]}}
  %0 = rect.conv %x, %w {pads = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{strides must be >= 1, got [0, 1]}}
  %0 = rect.conv %x, %w {strides = array<i64: 0, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_kernel_too_large(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32> {
  // expected-error @+1 {{window of size [3, 3] (dilations [1, 1]) does not fit the padded input [1x3x2x2] with pads [0, 0, 0, 0]}}
  %0 = rect.conv %x, %w : (tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// -----

func.func @conv_wrong_result(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+2 {{'rect.conv' op inferred type(s) 'tensor<1x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = rect.conv %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_bias_shape(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{bias must be [4], got [3]}}
  %0 = rect.conv %x, %w bias(%b) : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_residual_type(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %r: tensor<1x4x6x1xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{residual type 'tensor<1x4x6x1xf32>' must equal the result type 'tensor<1x4x6x6xf32>'}}
  %0 = rect.conv %x, %w residual(%r) : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4x6x1xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_prelu_without_slope(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{prelu activation needs a slope operand}}
  %0 = rect.conv %x, %w {activation = #rect.act<prelu>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_slope_without_prelu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %s: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{slope operand given but the activation is relu}}
  %0 = rect.conv %x, %w slope(%s) {activation = #rect.act<relu>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_transpose_weight(%x: tensor<1x3x4x4xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32> {
  // expected-error @+2 {{weight [4x2x3x3] must be [C, F / group, kh, kw] with C = 3 input channels divisible by group 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = rect.conv_transpose %x, %w : (tensor<1x3x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

func.func @conv_transpose_output_padding(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x8x8xf32> {
  // expected-error @+1 {{output_padding [2, 2] must be smaller than the stride or the dilation}}
  %0 = rect.conv_transpose %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 2, 2>} : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x11x11xf32>
  return %0 : tensor<1x2x11x11xf32>
}

// -----

func.func @batch_norm_channels(%x: tensor<1x3x4x4xf32>, %c: tensor<3xf32>, %d: tensor<4xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{'rect.batch_norm' op var must be [3], got [4]}}
  %0 = rect.batch_norm %x, %c, %c, %c, %d : tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @batch_norm_rank(%x: tensor<3xf32>, %c: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{input must have rank >= 2 ([N, C, ...]), got [3]}}
  %0 = rect.batch_norm %x, %c, %c, %c, %c : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @max_pool_kernel(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+2 {{kernel_shape must have 2 entries >= 1, got [2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = rect.max_pool %x {kernel_shape = array<i64: 2>} : tensor<1x3x4x4xf32> -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @max_pool_pad_exceeds_window(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x7x7xf32> {
  // expected-error @+2 {{pads [2, 2, 2, 2] must be smaller than the window [2, 2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = rect.max_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>} : tensor<1x3x4x4xf32> -> tensor<1x3x7x7xf32>
  return %0 : tensor<1x3x7x7xf32>
}

// -----

func.func @avg_pool_dynamic_spatial(%x: tensor<1x3x?x4xf32>) -> tensor<1x3x?x3xf32> {
  // expected-error @+2 {{spatial dims must be static, got input of shape [1x3x?x4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = rect.avg_pool %x {kernel_shape = array<i64: 2, 2>} : tensor<1x3x?x4xf32> -> tensor<1x3x?x3xf32>
  return %0 : tensor<1x3x?x3xf32>
}

// -----

func.func @global_pool_rank(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'rect.global_avg_pool' op input must have rank >= 3, got [2x3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = rect.global_avg_pool %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @lrn_size(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{size must be >= 1, got 0}}
  %0 = rect.lrn %x {size = 0 : i64} : tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}
