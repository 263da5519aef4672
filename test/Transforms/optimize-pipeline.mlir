// RUN: rectify-opt %s -rect-optimize -split-input-file | FileCheck %s
// RUN: rectify-opt %s -rect-optimize -dump-pass-pipeline -split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=PIPELINE

// The --rect-optimize pipeline, end to end on importer-shaped modules.

// PIPELINE: builtin.module(
// PIPELINE-NEXT: canonicalize
// PIPELINE-NEXT: rect-recognize-activations
// PIPELINE-NEXT: rect-form-linear
// PIPELINE-NEXT: canonicalize
// PIPELINE-NEXT: rect-fold-batch-norm
// PIPELINE-NEXT: rect-fuse-activation
// PIPELINE-NEXT: rect-fuse-conv
// PIPELINE-NEXT: canonicalize
// PIPELINE-NEXT: rect-eliminate-dead-relus
// PIPELINE-NEXT: rect-prune-dead-neurons
// PIPELINE-NEXT: canonicalize
// PIPELINE-NEXT: cse
// PIPELINE-NEXT: )

// An MLP as exported: MatMul + Add + Clip(0, 6), then MatMul + Add + ReLU,
// with a redundant ReLU after it.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32> {rect.name = "input"}) -> (tensor<?x2xf32> {rect.name = "out"})
// CHECK-DAG: %[[W1:.*]] = rect.constant dense_resource<fc1.weight_transposed{{[_0-9]*}}> : tensor<3x4xf32>
// CHECK-DAG: %[[B1:.*]] = rect.constant dense_resource<fc1.bias> : tensor<3xf32>
// CHECK-DAG: %[[W2:.*]] = rect.constant dense<{{.*}}> : tensor<2x3xf32>
// CHECK-DAG: %[[B2:.*]] = rect.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: %[[H:.*]] = rect.linear %[[X]], %[[W1]] bias(%[[B1]]) {activation = #rect.act<relu6>} : (tensor<?x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<?x3xf32>
// The second ReLU is always active (relu6 output >= 0, positive weights,
// bias >= 1): rect-eliminate-dead-relus drops it.
// CHECK: %[[Y:.*]] = rect.linear %[[H]], %[[W2]] bias(%[[B2]]) : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<?x2xf32>
// CHECK-NEXT: return %[[Y]]
func.func @main(%x: tensor<?x4xf32> {rect.name = "input"}) -> (tensor<?x2xf32> {rect.name = "out"}) {
  %w1 = rect.constant dense_resource<fc1.weight> : tensor<4x3xf32>
  %b1 = rect.constant dense_resource<fc1.bias> : tensor<3xf32>
  %w2 = rect.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %b2 = rect.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %0 = rect.matmul %x, %w1 : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
  %1 = rect.add %0, %b1 : tensor<?x3xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %2 = rect.clip %1 {min = 0.0 : f32, max = 6.0 : f32} : tensor<?x3xf32>
  %3 = rect.matmul %2, %w2 : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  %4 = rect.add %b2, %3 : tensor<1x2xf32>, tensor<?x2xf32> -> tensor<?x2xf32>
  %5 = rect.relu %4 : tensor<?x2xf32>
  %6 = rect.relu %5 : tensor<?x2xf32>
  return %6 : tensor<?x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      fc1.weight: "0x040000000000803F0000004000004040000080400000A0400000C0400000E0400000004100001041000020410000304100004041",
      fc1.bias: "0x040000000000803F0000004000004040"
    }
  }
#-}

// -----

// A transformer-style block: Gemm via a transposed weight, the exporter's
// erf-GELU, then max(x, 0) spelled as a binary op; GELU can be negative, so
// the ReLU stays.
// CHECK-LABEL: func.func @gelu_block
// CHECK-SAME: (%[[X:.*]]: tensor<?x16x8xf32>, %[[W:.*]]: tensor<8x8xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) {activation = #rect.act<gelu>} : (tensor<?x16x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<?x16x8xf32>
// CHECK-NEXT: %[[R:.*]] = rect.relu %[[Y]]
// CHECK-NEXT: return %[[R]]
func.func @gelu_block(%x: tensor<?x16x8xf32>, %w: tensor<8x8xf32>, %b: tensor<8xf32>) -> tensor<?x16x8xf32> {
  %sqrt2 = rect.constant dense<1.41421354> : tensor<f32>
  %one = rect.constant dense<1.0> : tensor<f32>
  %half = rect.constant dense<0.5> : tensor<f32>
  %zero = rect.constant dense<0.0> : tensor<f32>
  %wt = rect.transpose %w {permutation = array<i64: 1, 0>} : tensor<8x8xf32> -> tensor<8x8xf32>
  %0 = rect.matmul %x, %wt : tensor<?x16x8xf32>, tensor<8x8xf32> -> tensor<?x16x8xf32>
  %h = rect.add %0, %b : tensor<?x16x8xf32>, tensor<8xf32> -> tensor<?x16x8xf32>
  %1 = rect.div %h, %sqrt2 : tensor<?x16x8xf32>, tensor<f32> -> tensor<?x16x8xf32>
  %2 = rect.erf %1 : tensor<?x16x8xf32>
  %3 = rect.add %2, %one : tensor<?x16x8xf32>, tensor<f32> -> tensor<?x16x8xf32>
  %4 = rect.mul %h, %3 : tensor<?x16x8xf32>, tensor<?x16x8xf32> -> tensor<?x16x8xf32>
  %5 = rect.mul %4, %half : tensor<?x16x8xf32>, tensor<f32> -> tensor<?x16x8xf32>
  %6 = rect.max %5, %zero : tensor<?x16x8xf32>, tensor<f32> -> tensor<?x16x8xf32>
  return %6 : tensor<?x16x8xf32>
}

// -----

// Two heads share one hidden layer: neither activation is fused into it.
// CHECK-LABEL: func.func @shared_hidden_layer
// CHECK: %[[H:.*]] = rect.linear %arg0, %{{.*}} bias(%{{.*}}) :
// CHECK: %[[R:.*]] = rect.relu %[[H]]
// CHECK: %[[S:.*]] = rect.sigmoid %[[H]]
// CHECK: return %[[R]], %[[S]]
func.func @shared_hidden_layer(%x: tensor<?x4xf32>) -> (tensor<?x3xf32>, tensor<?x3xf32>) {
  %w = rect.constant dense<1.0> : tensor<4x3xf32>
  %b = rect.constant dense<0.5> : tensor<3xf32>
  %0 = rect.matmul %x, %w : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
  %1 = rect.add %0, %b : tensor<?x3xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %2 = rect.relu %1 : tensor<?x3xf32>
  %3 = rect.sigmoid %1 : tensor<?x3xf32>
  return %2, %3 : tensor<?x3xf32>, tensor<?x3xf32>
}
