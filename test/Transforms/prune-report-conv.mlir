// RUN: rectify-opt %s -rect-prune-dead-neurons="input-ranges=x=0:1 report=%t.json" -o /dev/null
// RUN: FileCheck %s < %t.json

// The JSON report lists conv layers with channels before and after; a
// conv's parameters are F * C * kh * kw + F and its FLOPs per sample
// OH * OW * (2 * F * C * kh * kw + F): here 2 * (2 * 3 * 2 + 3) = 30 before
// and 2 * (2 * 2 * 2 + 2) = 20 after. The linear reading the flattened
// channels loses the two columns of the dead one.
// CHECK: "layers": [
// CHECK: "channels_after": 2,
// CHECK-NEXT: "channels_before": 3,
// CHECK-NEXT: "flops_after": 20,
// CHECK-NEXT: "flops_before": 30,
// CHECK-NEXT: "inputs_after": 2,
// CHECK-NEXT: "inputs_before": 2,
// CHECK-NEXT: "kind": "conv",
// CHECK-NEXT: "name": "conv1",
// CHECK-NEXT: "parameters_after": 6,
// CHECK-NEXT: "parameters_before": 9,
// CHECK-NEXT: "removed_calibrated": 0,
// CHECK-NEXT: "removed_proven": 1
// CHECK: "flops_after": 8,
// CHECK-NEXT: "flops_before": 12,
// CHECK-NEXT: "inputs_after": 4,
// CHECK-NEXT: "inputs_before": 6,
// CHECK-NEXT: "kind": "linear",
// CHECK-NEXT: "name": "fc",
// CHECK-NEXT: "neurons_after": 1,
// CHECK-NEXT: "neurons_before": 1,
// CHECK: "total": {
// CHECK-NEXT: "channels_after": 2,
// CHECK-NEXT: "channels_before": 3,
// CHECK-NEXT: "flops_after": 28,
// CHECK-NEXT: "flops_before": 42,
// CHECK-NEXT: "neurons_after": 1,
// CHECK-NEXT: "neurons_before": 1,
// CHECK-NEXT: "parameters_after": 10,
// CHECK-NEXT: "parameters_before": 15,
// CHECK-NEXT: "removed_calibrated": 0,
// CHECK-NEXT: "removed_proven": 1
func.func @f(%x: tensor<?x2x1x2xf32> {rect.name = "x"}) -> tensor<?x1xf32> {
  %w = rect.constant dense<[[[[1.0]], [[1.0]]], [[[-1.0]], [[-1.0]]], [[[1.0]], [[-1.0]]]]> : tensor<3x2x1x1xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.conv %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2x1x2xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<?x3x1x2xf32> loc("conv1")
  %1 = rect.flatten %0 : tensor<?x3x1x2xf32> -> tensor<?x6xf32>
  %w2 = rect.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]> : tensor<1x6xf32>
  %2 = rect.linear %1, %w2 : (tensor<?x6xf32>, tensor<1x6xf32>) -> tensor<?x1xf32> loc("fc")
  return %2 : tensor<?x1xf32>
}
