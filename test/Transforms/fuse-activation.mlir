// RUN: rectify-opt %s -rect-fuse-activation -split-input-file | FileCheck %s

// rect-fuse-activation: an activation op applied to a rect.linear without an
// activation becomes the linear's activation attribute, when the activation is
// the linear result's only user.

// CHECK-LABEL: func.func @linear_relu
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<relu>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_relu(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.relu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_relu6
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<relu6>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_relu6(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.relu6 %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_leaky_relu
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<leaky_relu alpha = 2.500000e-01>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_leaky_relu(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.leaky_relu %0 {alpha = 2.500000e-01 : f32} : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_clip
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<clip min = -1.000000e+00, max = 1.000000e+00>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_clip(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.clip %0 {min = -1.000000e+00 : f32, max = 1.000000e+00 : f32} : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_clip_upper_only
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<clip max = 2.000000e+00>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_clip_upper_only(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.clip %0 {max = 2.000000e+00 : f32} : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_elu
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<elu alpha = 5.000000e-01>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_elu(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.elu %0 {alpha = 5.000000e-01 : f32} : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_selu
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<selu alpha = 1.67326{{[0-9]*}}, gamma = 1.05070{{[0-9]*}}>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_selu(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.selu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_sigmoid
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<sigmoid>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_sigmoid(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.sigmoid %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_tanh
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<tanh>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_tanh(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.tanh %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_gelu
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<gelu>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_gelu(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.gelu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_gelu_tanh
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<gelu_tanh>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_gelu_tanh(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.gelu %0 {approximate = "tanh"} : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_silu
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<silu>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_silu(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.silu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_softplus
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<softplus>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_softplus(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.softplus %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_hard_sigmoid
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<hard_sigmoid alpha = 2.000000e-01, beta = 5.000000e-01>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_hard_sigmoid(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.hard_sigmoid %0 {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32} : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_hard_swish
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<hard_swish>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_hard_swish(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w bias(%b) : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = rect.hard_swish %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_prelu_per_feature
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[S:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] slope(%[[S]]) {activation = #rect.act<prelu>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @linear_prelu_per_feature(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %s: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.prelu %0, %s : tensor<?x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_prelu_single_slope
// CHECK: rect.linear %arg0, %arg1 slope(%arg2) {activation = #rect.act<prelu>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<1xf32>)
// CHECK-NOT: rect.prelu
func.func @linear_prelu_single_slope(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %s: tensor<1xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.prelu %0, %s : tensor<?x4xf32>, tensor<1xf32> -> tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_prelu_scalar_slope
// CHECK: rect.linear %arg0, %arg1 slope(%arg2) {activation = #rect.act<prelu>} : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<f32>)
// CHECK-NOT: rect.prelu
func.func @linear_prelu_scalar_slope(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>, %s: tensor<f32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.prelu %0, %s : tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// A [1, N] slope is per feature too; it is flattened to [N].
// CHECK-LABEL: func.func @linear_prelu_row_slope
// CHECK: %[[S:.*]] = rect.constant dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf32>
// CHECK: rect.linear %arg0, %arg1 slope(%[[S]]) {activation = #rect.act<prelu>}
// CHECK-NOT: rect.prelu
func.func @linear_prelu_row_slope(%x: tensor<?x3xf32>, %w: tensor<2x3xf32>) -> tensor<?x2xf32> {
  %s = rect.constant dense<[[0.1, 0.2]]> : tensor<1x2xf32>
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  %1 = rect.prelu %0, %s : tensor<?x2xf32>, tensor<1x2xf32> -> tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// A slope that varies along the rows cannot be a per-feature slope.
// CHECK-LABEL: func.func @linear_prelu_per_row_slope_does_not_fuse
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 : (tensor<5x3xf32>, tensor<4x3xf32>) -> tensor<5x4xf32>
// CHECK: rect.prelu %[[L]], %arg2
func.func @linear_prelu_per_row_slope_does_not_fuse(%x: tensor<5x3xf32>, %w: tensor<4x3xf32>, %s: tensor<5x1xf32>) -> tensor<5x4xf32> {
  %0 = rect.linear %x, %w : (tensor<5x3xf32>, tensor<4x3xf32>) -> tensor<5x4xf32>
  %1 = rect.prelu %0, %s : tensor<5x4xf32>, tensor<5x1xf32> -> tensor<5x4xf32>
  return %1 : tensor<5x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_prelu_full_slope_does_not_fuse
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 :
// CHECK: rect.prelu %[[L]], %arg2
func.func @linear_prelu_full_slope_does_not_fuse(%x: tensor<5x3xf32>, %w: tensor<4x3xf32>, %s: tensor<5x4xf32>) -> tensor<5x4xf32> {
  %0 = rect.linear %x, %w : (tensor<5x3xf32>, tensor<4x3xf32>) -> tensor<5x4xf32>
  %1 = rect.prelu %0, %s : tensor<5x4xf32>, tensor<5x4xf32> -> tensor<5x4xf32>
  return %1 : tensor<5x4xf32>
}

// -----

// The linear result has a second user: fusing would change what it sees.
// CHECK-LABEL: func.func @linear_two_users_does_not_fuse
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 :
// CHECK: %[[R:.*]] = rect.relu %[[L]]
// CHECK: %[[T:.*]] = rect.tanh %[[L]]
// CHECK: return %[[R]], %[[T]]
func.func @linear_two_users_does_not_fuse(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.relu %0 : tensor<?x4xf32>
  %2 = rect.tanh %0 : tensor<?x4xf32>
  return %1, %2 : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// The linear result is returned as well as activated.
// CHECK-LABEL: func.func @linear_returned_does_not_fuse
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 :
// CHECK: %[[R:.*]] = rect.relu %[[L]]
// CHECK: return %[[R]], %[[L]]
func.func @linear_returned_does_not_fuse(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.relu %0 : tensor<?x4xf32>
  return %1, %0 : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @linear_with_activation_does_not_fuse
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 {activation = #rect.act<tanh>}
// CHECK: rect.sigmoid %[[L]]
func.func @linear_with_activation_does_not_fuse(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w {activation = #rect.act<tanh>} : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.sigmoid %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Only the first activation of a chain is fused.
// CHECK-LABEL: func.func @activation_chain_fuses_first
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 {activation = #rect.act<relu>}
// CHECK: rect.tanh %[[L]]
func.func @activation_chain_fuses_first(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.relu %0 : tensor<?x4xf32>
  %2 = rect.tanh %1 : tensor<?x4xf32>
  return %2 : tensor<?x4xf32>
}

// -----

// Not an activation: the linear stays as it is.
// CHECK-LABEL: func.func @exp_does_not_fuse
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 :
// CHECK: rect.exp %[[L]]
func.func @exp_does_not_fuse(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.exp %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// An infinite leaky_relu slope has no #rect.act form.
// CHECK-LABEL: func.func @leaky_relu_infinite_alpha_does_not_fuse
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 :
// CHECK: rect.leaky_relu %[[L]]
func.func @leaky_relu_infinite_alpha_does_not_fuse(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.leaky_relu %0 {alpha = 0x7F800000 : f32} : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}
