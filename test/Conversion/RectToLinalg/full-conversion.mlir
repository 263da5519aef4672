// RUN: rectify-opt %s -convert-rect-to-linalg | FileCheck %s

// A whole model: after the pass no rect op remains, and the function keeps its
// tensor signature and its rect.name argument and result attributes.

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[X:.*]]: tensor<?x1x28x28xf32> {rect.name = "input"}) -> (tensor<?x10xf32> {rect.name = "probs"})
// CHECK: arith.constant dense_resource<fc1.weight> : tensor<32x784xf32>
// CHECK: tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2, 3]] : tensor<?x1x28x28xf32> into tensor<?x784xf32>
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK: return %{{.*}} : tensor<?x10xf32>
// CHECK-NOT: rect.{{[a-z_0-9]+}} %
func.func @main(%x: tensor<?x1x28x28xf32> {rect.name = "input"}) -> (tensor<?x10xf32> {rect.name = "probs"}) {
  %w1 = rect.constant dense_resource<fc1.weight> : tensor<32x784xf32>
  %b1 = rect.constant dense<0.5> : tensor<32xf32>
  %w2 = rect.constant dense<0.25> : tensor<10x32xf32>
  %flat = rect.flatten %x : tensor<?x1x28x28xf32> -> tensor<?x784xf32>
  %h = rect.linear %flat, %w1 bias(%b1) {activation = #rect.act<relu>} : (tensor<?x784xf32>, tensor<32x784xf32>, tensor<32xf32>) -> tensor<?x32xf32>
  %logits = rect.linear %h, %w2 : (tensor<?x32xf32>, tensor<10x32xf32>) -> tensor<?x10xf32>
  %probs = rect.softmax %logits : tensor<?x10xf32>
  return %probs : tensor<?x10xf32>
}
{-#
  dialect_resources: {
    builtin: {
      fc1.weight: "0x04000000"
    }
  }
#-}
