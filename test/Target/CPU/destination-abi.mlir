// RUN: rectify-opt %s -rectify-cpu-destination-abi -split-input-file | FileCheck %s

// Inputs are read through restrict to_tensor, results are written into
// trailing output buffers, and names are dropped.
// CHECK-LABEL: func.func @two_outputs
// CHECK-SAME: (%[[X:.*]]: memref<?x4xf32>, %[[A:.*]]: memref<?x4xf32>, %[[B:.*]]: memref<?x4xf32>)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK-NOT: rect.name
// CHECK: %[[T:.*]] = bufferization.to_tensor %[[X]] restrict
// CHECK: %[[R:.*]] = math.exp %[[T]]
// CHECK: bufferization.materialize_in_destination %[[R]] in restrict writable %[[A]]
// CHECK: bufferization.materialize_in_destination %[[T]] in restrict writable %[[B]]
// CHECK: return{{$}}
func.func @two_outputs(%x: tensor<?x4xf32> {rect.name = "x"})
    -> (tensor<?x4xf32> {rect.name = "y"}, tensor<?x4xf32>) {
  %0 = math.exp %x : tensor<?x4xf32>
  return %0, %x : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// Private helpers keep their tensor signature.
// CHECK-LABEL: func.func private @helper
// CHECK-SAME: (%{{.*}}: tensor<4xf32>) -> tensor<4xf32>
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
