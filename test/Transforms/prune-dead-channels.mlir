// RUN: rectify-opt %s -split-input-file -rect-prune-dead-neurons="input-ranges=x=0:1" 2>/dev/null | FileCheck %s
// RUN: rectify-opt %s -split-input-file -rect-prune-dead-neurons="input-ranges=x=0:1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

// Structural pruning of dead conv channels (rect.conv with a fused relu).

// Channel 1 (weights -1, -1, bias -0.5) is a dead ReLU on [0,1]^2: its
// weight row and bias entry go, and the consuming conv loses input channel 1.
// CHECK-LABEL: func.func @conv_conv
// CHECK-DAG: %[[W:.*]] = rect.constant dense<{{.*}}1.000000e+00]], {{.*}}1.000000e+00]]], {{.*}}1.000000e+00]], {{.*}}-1.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-DAG: %[[B:.*]] = rect.constant dense<[5.000000e-01, 0.000000e+00]> : tensor<2xf32>
// CHECK: %[[H:.*]] = rect.conv %arg0, %[[W]] bias(%[[B]]) {activation = #rect.act<relu>} : {{.*}} -> tensor<?x2x4x4xf32>
// CHECK: %[[W2:.*]] = rect.constant dense<{{.*}}1.000000e+00]], {{.*}}3.000000e+00]]], {{.*}}4.000000e+00]], {{.*}}6.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK: rect.conv %[[H]], %[[W2]] : (tensor<?x2x4x4xf32>, tensor<2x2x1x1xf32>) -> tensor<?x2x4x4xf32>
func.func @conv_conv(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x2x4x4xf32> {
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[-1.0]], [[-1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<3x2x1x1xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  %w2 = rect.constant dense<[[[[1.0]], [[2.0]], [[3.0]]], [[[4.0]], [[5.0]], [[6.0]]]]> : tensor<2x3x1x1xf32>
  %1 = rect.conv %0, %w2 : (tensor<?x3x4x4xf32>, tensor<2x3x1x1xf32>) -> tensor<?x2x4x4xf32>
  return %1 : tensor<?x2x4x4xf32>
}

// -----

// Through a max pool into a padded 3x3 conv: a dead ReLU channel is 0, so
// the padding does not matter.
// CHECK-LABEL: func.func @conv_pool_conv
// CHECK: %[[H:.*]] = rect.conv {{.*}} -> tensor<?x2x4x4xf32>
// CHECK: %[[P:.*]] = rect.max_pool %[[H]] {{.*}} : tensor<?x2x4x4xf32> -> tensor<?x2x2x2xf32>
// CHECK: %[[W2:.*]] = rect.constant dense<1.000000e+00> : tensor<1x2x3x3xf32>
// CHECK: rect.conv %[[P]], %[[W2]] {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x2x2x2xf32>, tensor<1x2x3x3xf32>) -> tensor<?x1x2x2xf32>
func.func @conv_pool_conv(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x1x2x2xf32> {
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[-1.0]], [[-1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<3x2x1x1xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  %1 = rect.max_pool %0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x3x4x4xf32> -> tensor<?x3x2x2xf32>
  %w2 = rect.constant dense<1.0> : tensor<1x3x3x3xf32>
  %2 = rect.conv %1, %w2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x2x2xf32>, tensor<1x3x3x3xf32>) -> tensor<?x1x2x2xf32>
  return %2 : tensor<?x1x2x2xf32>
}

// -----

// Through flatten: channel c owns the columns c*H*W .. (c+1)*H*W-1 (here
// columns 2 and 3 of the linear).
// CHECK-LABEL: func.func @conv_flatten_linear
// CHECK: %[[H:.*]] = rect.conv {{.*}} -> tensor<?x2x1x2xf32>
// CHECK: %[[F:.*]] = rect.flatten %[[H]] : tensor<?x2x1x2xf32> -> tensor<?x4xf32>
// CHECK: %[[W2:.*]] = rect.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<1x4xf32>
// CHECK: rect.linear %[[F]], %[[W2]] : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x1xf32>
func.func @conv_flatten_linear(%x: tensor<?x2x1x2xf32> {rect.name = "x"}) -> tensor<?x1xf32> {
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[-1.0]], [[-1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<3x2x1x1xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x1x2xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x1x2xf32>
  %1 = rect.flatten %0 : tensor<?x3x1x2xf32> -> tensor<?x6xf32>
  %w2 = rect.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]> : tensor<1x6xf32>
  %2 = rect.linear %1, %w2 : (tensor<?x6xf32>, tensor<1x6xf32>) -> tensor<?x1xf32>
  return %2 : tensor<?x1xf32>
}

// -----

// Through concat: the pruned conv's channels sit at offset 2, so the
// consumer loses input channel 2 + 1.
// CHECK-LABEL: func.func @concat
// CHECK: %[[H:.*]] = rect.conv {{.*}} -> tensor<?x2x4x4xf32>
// CHECK: %[[C:.*]] = rect.concat %arg0, %[[H]] {axis = 1 : i64} : (tensor<?x2x4x4xf32>, tensor<?x2x4x4xf32>) -> tensor<?x4x4x4xf32>
// CHECK: %[[W2:.*]] = rect.constant dense<{{.*}}1.000000e+00]], {{.*}}2.000000e+00]], {{.*}}3.000000e+00]], {{.*}}5.000000e+00]]]]> : tensor<1x4x1x1xf32>
// CHECK: rect.conv %[[C]], %[[W2]] : (tensor<?x4x4x4xf32>, tensor<1x4x1x1xf32>) -> tensor<?x1x4x4xf32>
func.func @concat(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x1x4x4xf32> {
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[-1.0]], [[-1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<3x2x1x1xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  %1 = rect.concat %x, %0 {axis = 1 : i64} : (tensor<?x2x4x4xf32>, tensor<?x3x4x4xf32>) -> tensor<?x5x4x4xf32>
  %w2 = rect.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]], [[5.0]]]]> : tensor<1x5x1x1xf32>
  %2 = rect.conv %1, %w2 : (tensor<?x5x4x4xf32>, tensor<1x5x1x1xf32>) -> tensor<?x1x4x4xf32>
  return %2 : tensor<?x1x4x4xf32>
}

// -----

// Through batch_norm (sliced per channel), global average pooling and
// flatten: the dead channel's 0 becomes (0 + 1) / 2 * 2 + 1 = 2 after the
// batch norm, folded into the linear's bias: 0.5 + 2 * 10 = 20.5.
// CHECK-LABEL: func.func @bn_gap_linear
// CHECK: %[[H:.*]] = rect.conv {{.*}} -> tensor<?x2x4x4xf32>
// CHECK: %[[N:.*]] = rect.batch_norm %[[H]], {{.*}} : tensor<?x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
// CHECK: %[[G:.*]] = rect.global_avg_pool %[[N]] : tensor<?x2x4x4xf32> -> tensor<?x2x1x1xf32>
// CHECK: %[[F:.*]] = rect.flatten %[[G]] : tensor<?x2x1x1xf32> -> tensor<?x2xf32>
// CHECK-DAG: %[[W2:.*]] = rect.constant dense<{{\[}}[1.000000e+00, 1.000000e+02]]> : tensor<1x2xf32>
// CHECK-DAG: %[[B2:.*]] = rect.constant dense<2.050000e+01> : tensor<1xf32>
// CHECK: rect.linear %[[F]], %[[W2]] bias(%[[B2]])
func.func @bn_gap_linear(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x1xf32> {
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[-1.0]], [[-1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<3x2x1x1xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  %s = rect.constant dense<[1.0, 2.0, 1.0]> : tensor<3xf32>
  %bb = rect.constant dense<[0.0, 1.0, 0.0]> : tensor<3xf32>
  %m = rect.constant dense<[0.0, -1.0, 0.0]> : tensor<3xf32>
  %v = rect.constant dense<[1.0, 4.0, 1.0]> : tensor<3xf32>
  %1 = rect.batch_norm %0, %s, %bb, %m, %v {epsilon = 0.0 : f32} : tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
  %2 = rect.global_avg_pool %1 : tensor<?x3x4x4xf32> -> tensor<?x3x1x1xf32>
  %3 = rect.flatten %2 : tensor<?x3x1x1xf32> -> tensor<?x3xf32>
  %w2 = rect.constant dense<[[1.0, 10.0, 100.0]]> : tensor<1x3xf32>
  %b2 = rect.constant dense<[0.5]> : tensor<1xf32>
  %4 = rect.linear %3, %w2 bias(%b2) : (tensor<?x3xf32>, tensor<1x3xf32>, tensor<1xf32>) -> tensor<?x1xf32>
  return %4 : tensor<?x1xf32>
}

// -----

// Negative: after the add, the dead channel is the constant 2, which the
// consumer's zero padding would not see at the borders: folding it would be
// inexact, so nothing is pruned.
// CHECK-LABEL: func.func @nonzero_padding
// CHECK: rect.conv {{.*}} -> tensor<?x3x4x4xf32>
// CHECK: rect.add {{.*}} -> tensor<?x3x4x4xf32>
// CHECK: rect.conv {{.*}} : (tensor<?x3x4x4xf32>, tensor<1x3x3x3xf32>) -> tensor<?x1x4x4xf32>
// REMARK: remark: dead channels kept: 'rect.conv': a removed nonzero channel meets zero padding
func.func @nonzero_padding(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x1x4x4xf32> {
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[-1.0]], [[-1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<3x2x1x1xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  %c = rect.constant dense<[[[0.0]], [[2.0]], [[0.0]]]> : tensor<3x1x1xf32>
  %1 = rect.add %0, %c : tensor<?x3x4x4xf32>, tensor<3x1x1xf32> -> tensor<?x3x4x4xf32>
  %w2 = rect.constant dense<1.0> : tensor<1x3x3x3xf32>
  %2 = rect.conv %1, %w2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x4x4xf32>, tensor<1x3x3x3xf32>) -> tensor<?x1x4x4xf32>
  return %2 : tensor<?x1x4x4xf32>
}

// -----

// Without padding the constant 2 is exact everywhere: 2 * (sum of the 3x3
// weights of channel 1) = 18 joins the consumer's bias.
// CHECK-LABEL: func.func @nonzero_no_padding
// CHECK: %[[H:.*]] = rect.conv {{.*}} -> tensor<?x2x4x4xf32>
// CHECK: %[[C:.*]] = rect.constant dense<0.000000e+00> : tensor<2x1x1xf32>
// CHECK: %[[A:.*]] = rect.add %[[H]], %[[C]] : tensor<?x2x4x4xf32>, tensor<2x1x1xf32> -> tensor<?x2x4x4xf32>
// CHECK-DAG: %[[W2:.*]] = rect.constant dense<1.000000e+00> : tensor<1x2x3x3xf32>
// CHECK-DAG: %[[B2:.*]] = rect.constant dense<1.800000e+01> : tensor<1xf32>
// CHECK: rect.conv %[[A]], %[[W2]] bias(%[[B2]]) : {{.*}} -> tensor<?x1x2x2xf32>
func.func @nonzero_no_padding(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x1x2x2xf32> {
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[-1.0]], [[-1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<3x2x1x1xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  %c = rect.constant dense<[[[0.0]], [[2.0]], [[0.0]]]> : tensor<3x1x1xf32>
  %1 = rect.add %0, %c : tensor<?x3x4x4xf32>, tensor<3x1x1xf32> -> tensor<?x3x4x4xf32>
  %w2 = rect.constant dense<1.0> : tensor<1x3x3x3xf32>
  %2 = rect.conv %1, %w2 : (tensor<?x3x4x4xf32>, tensor<1x3x3x3xf32>) -> tensor<?x1x2x2xf32>
  return %2 : tensor<?x1x2x2xf32>
}

// -----

// Negative: channel 0 (x0 - x1 - 0.5) is alive at the corner x = (1, 0) of
// the box; nothing is pruned.
// CHECK-LABEL: func.func @alive_corner
// CHECK: rect.conv {{.*}} -> tensor<?x2x4x4xf32>
// CHECK: rect.conv {{.*}} : (tensor<?x2x4x4xf32>, tensor<1x2x1x1xf32>) -> tensor<?x1x4x4xf32>
func.func @alive_corner(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x1x4x4xf32> {
  %w = rect.constant dense<[[[[1.0]], [[-1.0]]], [[[1.0]], [[1.0]]]]> : tensor<2x2x1x1xf32>
  %b = rect.constant dense<[-0.5, 0.0]> : tensor<2xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<?x2x4x4xf32>
  %w2 = rect.constant dense<1.0> : tensor<1x2x1x1xf32>
  %1 = rect.conv %0, %w2 : (tensor<?x2x4x4xf32>, tensor<1x2x1x1xf32>) -> tensor<?x1x4x4xf32>
  return %1 : tensor<?x1x4x4xf32>
}

// -----

// Negative: depthwise (grouped) convs are barriers; a dead channel that
// feeds one stays.
// CHECK-LABEL: func.func @depthwise_consumer
// CHECK: rect.conv {{.*}} -> tensor<?x3x4x4xf32>
// CHECK: rect.conv {{.*}}group = 3 : i64{{.*}} -> tensor<?x3x4x4xf32>
// REMARK: remark: dead channels kept: grouped conv consumers are barriers
func.func @depthwise_consumer(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x3x4x4xf32> {
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[-1.0]], [[-1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<3x2x1x1xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  %w2 = rect.constant dense<1.0> : tensor<3x1x3x3xf32>
  %1 = rect.conv %0, %w2 {group = 3 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x4x4xf32>, tensor<3x1x3x3xf32>) -> tensor<?x3x4x4xf32>
  return %1 : tensor<?x3x4x4xf32>
}

// -----

// Negative: a dead channel of a depthwise conv is not pruned either.
// CHECK-LABEL: func.func @depthwise_producer
// CHECK: rect.conv {{.*}}group = 2 : i64{{.*}} -> tensor<?x2x4x4xf32>
// REMARK: remark: dead channels kept: grouped convs are barriers
func.func @depthwise_producer(%x: tensor<?x2x4x4xf32> {rect.name = "x"}) -> tensor<?x1x4x4xf32> {
  %w = rect.constant dense<[[[[-1.0]]], [[[1.0]]]]> : tensor<2x1x1x1xf32>
  %0 = rect.conv %x, %w {group = 2 : i64, activation = #rect.act<relu>} : (tensor<?x2x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<?x2x4x4xf32>
  %w2 = rect.constant dense<1.0> : tensor<1x2x1x1xf32>
  %1 = rect.conv %0, %w2 : (tensor<?x2x4x4xf32>, tensor<1x2x1x1xf32>) -> tensor<?x1x4x4xf32>
  return %1 : tensor<?x1x4x4xf32>
}

// -----

// All-zero weights with a bias <= 0 are dead for any input, even an
// undeclared (unbounded) one, and even with zero padding.
// CHECK-LABEL: func.func @zero_weights_unbounded
// CHECK: %[[H:.*]] = rect.conv %arg0, {{.*}} -> tensor<?x1x6x6xf32>
// CHECK: %[[W2:.*]] = rect.constant dense<4.000000e+00> : tensor<1x1x1x1xf32>
// CHECK: rect.conv %[[H]], %[[W2]]
func.func @zero_weights_unbounded(%u: tensor<?x2x4x4xf32> {rect.name = "u"}) -> tensor<?x1x6x6xf32> {
  %w = rect.constant dense<[[[[0.0]], [[0.0]]], [[[1.0]], [[1.0]]]]> : tensor<2x2x1x1xf32>
  %b = rect.constant dense<[-0.25, 0.0]> : tensor<2xf32>
  %0 = rect.conv %u, %w bias(%b) {activation = #rect.act<relu>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x2x4x4xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<?x2x6x6xf32>
  %w2 = rect.constant dense<[[[[3.0]], [[4.0]]]]> : tensor<1x2x1x1xf32>
  %1 = rect.conv %0, %w2 : (tensor<?x2x6x6xf32>, tensor<1x2x1x1xf32>) -> tensor<?x1x6x6xf32>
  return %1 : tensor<?x1x6x6xf32>
}
