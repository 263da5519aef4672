// RUN: rectify-opt %s -split-input-file -rect-prune-dead-neurons="input-ranges=x=0:1" | FileCheck %s

// Neuron 1 (weights -1, -1, bias -0.5) is dead on [0,1]^2: its weight row
// and bias entry go, and the consumer loses weight column 1.
// CHECK-LABEL: func.func @prune_rows_and_columns
// CHECK-DAG: %[[W:.*]] = rect.constant dense<{{\[}}[1.000000e+00, 1.000000e+00], [1.000000e+00, -1.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[B:.*]] = rect.constant dense<[5.000000e-01, 0.000000e+00]> : tensor<2xf32>
// CHECK: %[[H:.*]] = rect.linear %arg0, %[[W]] bias(%[[B]]) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
// CHECK: %[[W2:.*]] = rect.constant dense<{{\[}}[1.000000e+00, 3.000000e+00], [4.000000e+00, 6.000000e+00]]> : tensor<2x2xf32>
// CHECK: rect.linear %[[H]], %[[W2]] : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
func.func @prune_rows_and_columns(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  %w = rect.constant dense<[[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]]> : tensor<3x2xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %w2 = rect.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %1 = rect.linear %0, %w2 : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// Through an elementwise op with a per-feature constant: the dead neuron's
// value after `add` is its constant (2.0), folded into the consumer's bias
// (1 + 2 * 2 = 5 and 0 + 2 * 3 = 6).
// CHECK-LABEL: func.func @through_add
// CHECK: %[[H:.*]] = rect.linear {{.*}} -> tensor<?x1xf32>
// CHECK: %[[C:.*]] = rect.constant dense<1.000000e+00> : tensor<1xf32>
// CHECK: %[[A:.*]] = rect.add %[[H]], %[[C]] : tensor<?x1xf32>, tensor<1xf32> -> tensor<?x1xf32>
// CHECK-DAG: %[[W2:.*]] = rect.constant dense<{{\[}}[1.000000e+00], [4.000000e+00]]> : tensor<2x1xf32>
// CHECK-DAG: %[[B2:.*]] = rect.constant dense<[5.000000e+00, 6.000000e+00]> : tensor<2xf32>
// CHECK: rect.linear %[[A]], %[[W2]] bias(%[[B2]]) : (tensor<?x1xf32>, tensor<2x1xf32>, tensor<2xf32>) -> tensor<?x2xf32>
func.func @through_add(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  %w = rect.constant dense<[[1.0, 1.0], [-1.0, -1.0]]> : tensor<2x2xf32>
  %0 = rect.linear %x, %w {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %c = rect.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = rect.add %0, %c : tensor<?x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  %w2 = rect.constant dense<[[1.0, 2.0], [4.0, 3.0]]> : tensor<2x2xf32>
  %b2 = rect.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %2 = rect.linear %1, %w2 bias(%b2) : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  return %2 : tensor<?x2xf32>
}

// -----

// Negative: the neuron is alive at one corner (x = (1, 0) gives 1 - 0.5 > 0).
// CHECK-LABEL: func.func @alive_corner
// CHECK: rect.linear {{.*}} -> tensor<?x2xf32>
// CHECK: rect.linear {{.*}} (tensor<?x2xf32>, tensor<1x2xf32>) -> tensor<?x1xf32>
func.func @alive_corner(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x1xf32> {
  %w = rect.constant dense<[[1.0, 1.0], [1.0, -1.0]]> : tensor<2x2xf32>
  %b = rect.constant dense<[0.0, -0.5]> : tensor<2xf32>
  %0 = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %w2 = rect.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %1 = rect.linear %0, %w2 : (tensor<?x2xf32>, tensor<1x2xf32>) -> tensor<?x1xf32>
  return %1 : tensor<?x1xf32>
}

// -----

// Zero weights and bias <= 0: dead with no declared range (y is unbounded).
// CHECK-LABEL: func.func @zero_weights_unbounded
// CHECK: rect.linear %arg0, {{.*}} -> tensor<?x1xf32>
// CHECK: rect.linear {{.*}} (tensor<?x1xf32>, tensor<1x1xf32>) -> tensor<?x1xf32>
func.func @zero_weights_unbounded(%y: tensor<?x2xf32>) -> tensor<?x1xf32> {
  %w = rect.constant dense<[[0.0, 0.0], [1.0, 2.0]]> : tensor<2x2xf32>
  %b = rect.constant dense<[-0.0, 0.0]> : tensor<2xf32>
  %0 = rect.linear %y, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %w2 = rect.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %1 = rect.linear %0, %w2 : (tensor<?x2xf32>, tensor<1x2xf32>) -> tensor<?x1xf32>
  return %1 : tensor<?x1xf32>
}

// -----

// Negative: the layer's output is a function result, so its shape stays.
// CHECK-LABEL: func.func @returned
// CHECK: rect.linear {{.*}} -> tensor<?x2xf32>
func.func @returned(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  %w = rect.constant dense<[[1.0, 1.0], [-1.0, -1.0]]> : tensor<2x2xf32>
  %0 = rect.linear %x, %w {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}
