// RUN: rectify-opt %s -split-input-file -rect-eliminate-dead-relus="input-ranges=x=0:1" | FileCheck %s

// A relu whose input is <= 0 on the whole box becomes zeros (static shape).
// CHECK-LABEL: func.func @dead_static
// CHECK: %[[Z:.*]] = rect.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK-NOT: rect.relu
// CHECK: return %[[Z]]
func.func @dead_static(%x: tensor<2xf32> {rect.name = "x"}) -> tensor<2xf32> {
  %c = rect.constant dense<-1.0> : tensor<2xf32>
  %0 = rect.sub %x, %c : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  %1 = rect.neg %0 : tensor<2xf32>
  %2 = rect.relu %1 : tensor<2xf32>
  return %2 : tensor<2xf32>
}

// -----

// Dynamic batch: x * 0 (x is finite on the box).
// CHECK-LABEL: func.func @dead_dynamic
// CHECK: %[[Z:.*]] = rect.constant dense<0.000000e+00> : tensor<1x1xf32>
// CHECK: %[[M:.*]] = rect.mul %{{.*}}, %[[Z]]
// CHECK-NOT: rect.relu
// CHECK: return %[[M]]
func.func @dead_dynamic(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  %0 = rect.neg %x : tensor<?x2xf32>
  %1 = rect.relu %0 : tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// Always active (lower bound >= 0): the relu is the identity.
// CHECK-LABEL: func.func @always_active
// CHECK-SAME: (%[[X:.*]]: tensor<?x2xf32>
// CHECK-NOT: rect.relu
// CHECK: return %[[X]]
func.func @always_active(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  %0 = rect.relu %x : tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

// Negative: alive for one corner of the box (x - 0.5 spans [-0.5, 0.5]).
// CHECK-LABEL: func.func @alive_corner
// CHECK: rect.relu
func.func @alive_corner(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  %c = rect.constant dense<0.5> : tensor<2xf32>
  %0 = rect.sub %x, %c : tensor<?x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  %1 = rect.relu %0 : tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// A fused linear whose every neuron is always active loses its activation.
// CHECK-LABEL: func.func @linear_always_active
// CHECK: rect.linear
// CHECK-NOT: activation
// CHECK-SAME: -> tensor<?x2xf32>
func.func @linear_always_active(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  %w = rect.constant dense<[[1.0, 2.0], [0.5, 0.0]]> : tensor<2x2xf32>
  %b = rect.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %0 = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

// Negative: one neuron can be negative at the corner x = (1, 1); the
// activation stays.
// CHECK-LABEL: func.func @linear_mixed
// CHECK: rect.linear {{.*}}activation = #rect.act<relu>
func.func @linear_mixed(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  %w = rect.constant dense<[[1.0, 2.0], [-0.5, -0.5]]> : tensor<2x2xf32>
  %b = rect.constant dense<[0.0, 0.75]> : tensor<2xf32>
  %0 = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

// The safety margin: a bound that is exactly 0 only in real arithmetic but
// reached through rounding-prone sums stays alive (x1 + x2 - 2 <= 0 holds
// on [0,1]^2 with equality at a corner: relu(0) = 0, so dead is right; but
// with bias -1.9999999 the upper bound 1e-7 > 0 keeps it).
// CHECK-LABEL: func.func @margin
// CHECK: rect.linear {{.*}}activation = #rect.act<relu>
func.func @margin(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x1xf32> {
  %w = rect.constant dense<[[1.0, 1.0]]> : tensor<1x2xf32>
  %b = rect.constant dense<[-1.9999999]> : tensor<1xf32>
  %0 = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}
