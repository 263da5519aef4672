// RUN: rectify-opt %s -rect-recognize-activations -split-input-file | FileCheck %s

// rect-recognize-activations: hard_swish and hard_sigmoid spelled with
// clip/relu6 and affine arithmetic.

// x * clip(x + 3, 0, 6) / 6.
// CHECK-LABEL: func.func @hard_swish_clip_div
// CHECK-NEXT: %[[R:.*]] = rect.hard_swish %arg0 : tensor<?x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @hard_swish_clip_div(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %three = rect.constant dense<3.0> : tensor<f32>
  %six = rect.constant dense<6.0> : tensor<f32>
  %0 = rect.add %x, %three : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<?x8xf32>
  %2 = rect.mul %x, %1 : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
  %3 = rect.div %2, %six : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  return %3 : tensor<?x8xf32>
}

// -----

// x * relu6(x + 3) * (1/6), operands swapped.
// CHECK-LABEL: func.func @hard_swish_relu6_mul
// CHECK-NEXT: %[[R:.*]] = rect.hard_swish %arg0 : tensor<2x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @hard_swish_relu6_mul(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %three = rect.constant dense<3.0> : tensor<f32>
  %sixth = rect.constant dense<0.166666672> : tensor<f32>
  %0 = rect.add %three, %x : tensor<f32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %1 = rect.relu6 %0 : tensor<2x8xf32>
  %2 = rect.mul %1, %x : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %3 = rect.mul %sixth, %2 : tensor<f32>, tensor<2x8xf32> -> tensor<2x8xf32>
  return %3 : tensor<2x8xf32>
}

// -----

// x * (relu6(x + 3) / 6): the inner division is a hard_sigmoid first, then
// x * hard_sigmoid(x) is a hard_swish.
// CHECK-LABEL: func.func @hard_swish_via_hard_sigmoid
// CHECK-NEXT: %[[R:.*]] = rect.hard_swish %arg0 : tensor<2x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @hard_swish_via_hard_sigmoid(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %three = rect.constant dense<3.0> : tensor<f32>
  %six = rect.constant dense<6.0> : tensor<f32>
  %0 = rect.add %x, %three : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %1 = rect.relu6 %0 : tensor<2x8xf32>
  %2 = rect.div %1, %six : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %3 = rect.mul %x, %2 : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  return %3 : tensor<2x8xf32>
}

// -----

// x * hard_sigmoid(x) with PyTorch's alpha = 1/6.
// CHECK-LABEL: func.func @hard_swish_of_hard_sigmoid
// CHECK-NEXT: %[[R:.*]] = rect.hard_swish %arg0 : tensor<2x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @hard_swish_of_hard_sigmoid(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = rect.hard_sigmoid %x {alpha = 0.166666672 : f32, beta = 0.5 : f32} : tensor<2x8xf32>
  %1 = rect.mul %x, %0 : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  return %1 : tensor<2x8xf32>
}

// -----

// Negative: the offset is 2, not 3 -- the product stays.
// CHECK-LABEL: func.func @no_hard_swish_wrong_offset
// CHECK-NOT: rect.hard_swish
// CHECK: rect.relu6
// CHECK: rect.mul
func.func @no_hard_swish_wrong_offset(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %two = rect.constant dense<2.0> : tensor<f32>
  %six = rect.constant dense<6.0> : tensor<f32>
  %0 = rect.add %x, %two : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %1 = rect.relu6 %0 : tensor<2x8xf32>
  %2 = rect.mul %x, %1 : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %3 = rect.div %2, %six : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  return %3 : tensor<2x8xf32>
}

// -----

// Negative: the gate reads another value than the one it multiplies.
// CHECK-LABEL: func.func @no_hard_swish_other_value
// CHECK-NOT: rect.hard_swish
// CHECK: rect.mul
func.func @no_hard_swish_other_value(%x: tensor<2x8xf32>, %y: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %three = rect.constant dense<3.0> : tensor<f32>
  %six = rect.constant dense<6.0> : tensor<f32>
  %0 = rect.add %y, %three : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %1 = rect.relu6 %0 : tensor<2x8xf32>
  %2 = rect.mul %x, %1 : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %3 = rect.div %2, %six : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  return %3 : tensor<2x8xf32>
}

// -----

// Negative: the clipped value has another user, so it must stay.
// CHECK-LABEL: func.func @no_hard_swish_gate_reused
// CHECK-NOT: rect.hard_swish
// CHECK: rect.relu6
func.func @no_hard_swish_gate_reused(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %three = rect.constant dense<3.0> : tensor<f32>
  %six = rect.constant dense<6.0> : tensor<f32>
  %0 = rect.add %x, %three : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %1 = rect.relu6 %0 : tensor<2x8xf32>
  %2 = rect.mul %x, %1 : tensor<2x8xf32>, tensor<2x8xf32> -> tensor<2x8xf32>
  %3 = rect.div %2, %six : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  return %3, %1 : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// clip(x / 6 + 0.5, 0, 1).
// CHECK-LABEL: func.func @hard_sigmoid_clip
// CHECK-NEXT: %[[R:.*]] = rect.hard_sigmoid %arg0 {alpha = 0.166666672 : f32} : tensor<?x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @hard_sigmoid_clip(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %six = rect.constant dense<6.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %0 = rect.div %x, %six : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %1 = rect.add %0, %half : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
  %2 = rect.clip %1 {min = 0.0 : f32, max = 1.0 : f32} : tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}

// -----

// relu6(x + 3) / 6.
// CHECK-LABEL: func.func @hard_sigmoid_relu6
// CHECK-NEXT: %[[R:.*]] = rect.hard_sigmoid %arg0 {alpha = 0.166666672 : f32} : tensor<2x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @hard_sigmoid_relu6(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %three = rect.constant dense<3.0> : tensor<f32>
  %six = rect.constant dense<6.0> : tensor<f32>
  %0 = rect.add %x, %three : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %1 = rect.relu6 %0 : tensor<2x8xf32>
  %2 = rect.div %1, %six : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  return %2 : tensor<2x8xf32>
}

// -----

// Negative: clip(x, 0, 1) alone is a clip, and relu6(x + 3) / 3 does not
// reach 1.
// CHECK-LABEL: func.func @no_hard_sigmoid
// CHECK-NOT: rect.hard_sigmoid
// CHECK: rect.clip
// CHECK: rect.relu6
// CHECK: rect.div
func.func @no_hard_sigmoid(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %three = rect.constant dense<3.0> : tensor<f32>
  %0 = rect.clip %x {min = 0.0 : f32, max = 1.0 : f32} : tensor<2x8xf32>
  %1 = rect.add %x, %three : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  %2 = rect.relu6 %1 : tensor<2x8xf32>
  %3 = rect.div %2, %three : tensor<2x8xf32>, tensor<f32> -> tensor<2x8xf32>
  return %0, %3 : tensor<2x8xf32>, tensor<2x8xf32>
}
