// RUN: rectify-opt %s -split-input-file -verify-diagnostics -rect-print-ranges="input-ranges=x=0:1" -o /dev/null

// Linear: W split into positive and negative parts gives exact bounds over
// the input box; the ReLU clamps the lower bound; a bias shifts.
func.func @linear_relu(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x3xf32> {
  // expected-remark @below {{range [-1, 1] per 3x2}}
  %w = rect.constant dense<[[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]]> : tensor<3x2xf32>
  // expected-remark @below {{range [-0.5, 0.5] per 3: [0.5, 0.5] [-0.5, -0.5] [0, 0]}}
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  // expected-remark @below {{range [0, 2.5] per 1x3: [0.5, 2.5] [0, 0] [0, 1]; pre-activation [-2.5, 2.5] per 3: [0.5, 2.5] [-2.5, -0.5] [-1, 1]}}
  %0 = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// No declaration: unbounded, except what the ops bound themselves.
func.func @unbounded(%y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-remark @below {{range [0, inf]}}
  %0 = rect.relu %y : tensor<?x4xf32>
  // expected-remark @below {{range [0, 6]}}
  %1 = rect.relu6 %y : tensor<?x4xf32>
  // expected-remark @below {{range [0, 1]}}
  %2 = rect.sigmoid %y : tensor<?x4xf32>
  // expected-remark @below {{range [-1, 1]}}
  %3 = rect.tanh %y : tensor<?x4xf32>
  // expected-remark @below {{range [0, 1]}}
  %4 = rect.softmax %y : tensor<?x4xf32>
  // expected-remark @below {{range [-inf, inf]}}
  %5 = rect.add %0, %y : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x4xf32>
  return %5 : tensor<?x4xf32>
}

// -----

// Activations on a box: leaky_relu scales the negative side, clip clamps,
// the valley of silu is included, mul/add with constants per element.
func.func @activations(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  // expected-remark @below {{range [-2, 3] per 2: [-2, -2] [3, 3]}}
  %c = rect.constant dense<[-2.0, 3.0]> : tensor<2xf32>
  // expected-remark @below {{range [-2, 3] per 1x2: [-2, 0] [0, 3]}}
  %0 = rect.mul %x, %c : tensor<?x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  // expected-remark @below {{range [-0.2, 3] per 1x2: [-0.2, 0] [0, 3]}}
  %1 = rect.leaky_relu %0 {alpha = 0.1 : f32} : tensor<?x2xf32>
  // expected-remark @below {{range [-0.1, 1] per 1x2: [-0.1, 0] [0, 1]}}
  %2 = rect.clip %1 {min = -0.1 : f32, max = 1.0 : f32} : tensor<?x2xf32>
  // expected-remark @below {{range [-0.27}}
  %3 = rect.silu %0 : tensor<?x2xf32>
  // expected-remark @below {{range [-0.278568, 3] per 1x2: [-0.278568, 1e-06] [0, 3]}}
  %4 = rect.max %0, %3 : tensor<?x2xf32>, tensor<?x2xf32> -> tensor<?x2xf32>
  return %4 : tensor<?x2xf32>
}

// -----

// Reshape and transpose keep per-element ranges (row-major order).
func.func @shapes(%x: tensor<2x3xf32> {rect.name = "x"}) -> tensor<3x2xf32> {
  // expected-remark @below {{range [0, 5] per 2x3: [0, 0] [1, 1] [2, 2] [3, 3] [4, 4] [5, 5]}}
  %c = rect.constant dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]> : tensor<2x3xf32>
  // expected-remark @below {{range [0, 5] per 3x2: [0, 0] [3, 3] [1, 1] [4, 4] [2, 2] [5, 5]}}
  %0 = rect.transpose %c {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  // expected-remark @below {{range [0, 5] per 6: [0, 0] [3, 3] [1, 1] [4, 4] [2, 2] [5, 5]}}
  %1 = rect.reshape %0 : tensor<3x2xf32> -> tensor<6xf32>
  // expected-remark @below {{range [0, 6] per 2x3: [0, 1] [1, 2] [2, 3] [3, 4] [4, 5] [5, 6]}}
  %2 = rect.add %c, %x : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  // expected-remark @below {{range [0, 5]}}
  %3 = rect.transpose %c {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %3 : tensor<3x2xf32>
}

// -----

// All-zero weights and a bias <= 0: dead whatever the input (unbounded z).
func.func @zero_weights(%z: tensor<?x2xf32>) -> tensor<?x2xf32> {
  // expected-remark @below {{range [0, 0]}}
  %w = rect.constant dense<0.0> : tensor<2x2xf32>
  // expected-remark @below {{range [-1, 0]}}
  %b = rect.constant dense<[0.0, -1.0]> : tensor<2xf32>
  // expected-remark @below {{range [0, 0] per 1x2: [0, 0] [0, 0]; pre-activation [-1, 0] per 2: [0, 0] [-1, -1]}}
  %0 = rect.linear %z, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}
