// RUN: rectify-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @clip_zero_six_is_relu6
// CHECK: rect.relu6 %arg0
// CHECK-NOT: rect.clip
func.func @clip_zero_six_is_relu6(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
