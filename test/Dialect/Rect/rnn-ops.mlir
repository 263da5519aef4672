// RUN: rectify-opt %s | rectify-opt | FileCheck %s
// RUN: rectify-opt %s -mlir-print-op-generic | rectify-opt | FileCheck %s

// Round trip of rect.rnn: every direction, optional bias and initial_h,
// clip, and result types inferred with a dynamic batch.

// CHECK-LABEL: func.func @forward_minimal
// CHECK-SAME: (%[[X:.*]]: tensor<5x?x3xf32>, %[[W:.*]]: tensor<1x4x3xf32>, %[[R:.*]]: tensor<1x4x4xf32>)
// CHECK: rect.rnn %[[X]], %[[W]], %[[R]] {activations = [#rect.act<tanh>], direction = #rect.direction<forward>} : (tensor<5x?x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x?x4xf32>, tensor<1x?x4xf32>)
func.func @forward_minimal(%x: tensor<5x?x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>)
    -> (tensor<5x1x?x4xf32>, tensor<1x?x4xf32>) {
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<tanh>]}
      : (tensor<5x?x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x?x4xf32>, tensor<1x?x4xf32>)
  return %y, %h : tensor<5x1x?x4xf32>, tensor<1x?x4xf32>
}

// CHECK-LABEL: func.func @reverse_bias_initial_clip
// CHECK-SAME: (%[[X:.*]]: tensor<5x2x3xf32>, %[[W:.*]]: tensor<1x4x3xf32>, %[[R:.*]]: tensor<1x4x4xf32>, %[[B:.*]]: tensor<1x8xf32>, %[[H0:.*]]: tensor<1x2x4xf32>)
// CHECK: rect.rnn %[[X]], %[[W]], %[[R]] bias(%[[B]]) initial_h(%[[H0]]) {activations = [#rect.act<relu>], clip = 2.500000e+00 : f32, direction = #rect.direction<reverse>} : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<1x8xf32>, tensor<1x2x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
func.func @reverse_bias_initial_clip(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>,
                                     %b: tensor<1x8xf32>, %h0: tensor<1x2x4xf32>)
    -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %h = rect.rnn %x, %w, %r bias(%b) initial_h(%h0)
      {direction = #rect.direction<reverse>, activations = [#rect.act<relu>], clip = 2.5 : f32}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<1x8xf32>, tensor<1x2x4xf32>)
      -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %h : tensor<5x1x2x4xf32>, tensor<1x2x4xf32>
}

// CHECK-LABEL: func.func @bidirectional_initial_only
// CHECK: rect.rnn %{{.*}}, %{{.*}}, %{{.*}} initial_h(%{{.*}}) {activations = [#rect.act<relu>, #rect.act<sigmoid>], direction = #rect.direction<bidirectional>} : (tensor<5x?x3xf32>, tensor<2x4x3xf32>, tensor<2x4x4xf32>, tensor<2x?x4xf32>) -> (tensor<5x2x?x4xf32>, tensor<2x?x4xf32>)
func.func @bidirectional_initial_only(%x: tensor<5x?x3xf32>, %w: tensor<2x4x3xf32>, %r: tensor<2x4x4xf32>,
                                      %h0: tensor<2x?x4xf32>)
    -> (tensor<5x2x?x4xf32>, tensor<2x?x4xf32>) {
  %y, %h = rect.rnn %x, %w, %r initial_h(%h0)
      {direction = #rect.direction<bidirectional>, activations = [#rect.act<relu>, #rect.act<sigmoid>]}
      : (tensor<5x?x3xf32>, tensor<2x4x3xf32>, tensor<2x4x4xf32>, tensor<2x?x4xf32>)
      -> (tensor<5x2x?x4xf32>, tensor<2x?x4xf32>)
  return %y, %h : tensor<5x2x?x4xf32>, tensor<2x?x4xf32>
}
