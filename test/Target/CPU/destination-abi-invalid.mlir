// RUN: rectify-opt %s -rectify-cpu-destination-abi -verify-diagnostics

// expected-error @below {{argument #0 is not a ranked tensor}}
func.func @scalar_argument(%x: f32) -> tensor<4xf32> {
  %0 = tensor.empty() : tensor<4xf32>
  return %0 : tensor<4xf32>
}
