// RUN: rectify-opt %s -rect-prune-dead-neurons="input-ranges=x=0:1 report=%t.json" -o /dev/null
// RUN: FileCheck %s < %t.json

// The JSON report: per layer neurons, inputs, parameters and FLOPs before and
// after, proven vs calibrated removals; totals.
// CHECK: "layers": [
// CHECK: "flops_after": 10,
// CHECK: "flops_before": 15,
// CHECK: "name": "fc1",
// CHECK: "neurons_after": 2,
// CHECK: "neurons_before": 3,
// CHECK: "parameters_after": 6,
// CHECK: "parameters_before": 9,
// CHECK: "removed_calibrated": 0,
// CHECK: "removed_proven": 1
// CHECK: "inputs_after": 2,
// CHECK: "inputs_before": 3,
// CHECK: "name": "fc2",
// CHECK: "total": {
// CHECK: "parameters_after": 10,
// CHECK: "parameters_before": 15,
// CHECK: "removed_proven": 1
func.func @f(%x: tensor<?x2xf32> {rect.name = "x"}) -> tensor<?x2xf32> {
  %w = rect.constant dense<[[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]]> : tensor<3x2xf32>
  %b = rect.constant dense<[0.5, -0.5, 0.0]> : tensor<3xf32>
  %0 = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>} : (tensor<?x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<?x3xf32> loc("fc1")
  %w2 = rect.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %1 = rect.linear %0, %w2 : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32> loc("fc2")
  return %1 : tensor<?x2xf32>
}
