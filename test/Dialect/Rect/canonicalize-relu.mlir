// RUN: rectify-opt %s -canonicalize -split-input-file | FileCheck %s

// ReLU algebra: canonical spellings of max(x, 0), ReLUs that are the identity
// because their producer is never negative, and constant folding.

// CHECK-LABEL: func.func @clip_zero_six_is_relu6
// CHECK: rect.relu6 %arg0
// CHECK-NOT: rect.clip
func.func @clip_zero_six_is_relu6(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_zero_five_stays_clip
// CHECK: rect.clip %arg0 {max = 5.000000e+00 : f32, min = 0.000000e+00 : f32}
// CHECK-NOT: rect.relu
func.func @clip_zero_five_stays_clip(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {min = 0.0 : f32, max = 5.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_zero_unbounded_is_relu
// CHECK-NEXT: %[[R:.*]] = rect.relu %arg0 : tensor<?x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @clip_zero_unbounded_is_relu(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = rect.clip %x {min = 0.0 : f32} : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_zero_inf_is_relu
// CHECK-NEXT: %[[R:.*]] = rect.relu %arg0 : tensor<4xf32>
// CHECK-NEXT: return %[[R]]
func.func @clip_zero_inf_is_relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {min = 0.0 : f32, max = 0x7F800000 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_negative_min_stays_clip
// CHECK: rect.clip %arg0 {min = -1.000000e+00 : f32}
func.func @clip_negative_min_stays_clip(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {min = -1.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @clip_unbounded_is_identity
// CHECK-NEXT: return %arg0
func.func @clip_unbounded_is_identity(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_relu
// CHECK-NEXT: %[[R:.*]] = rect.relu %arg0
// CHECK-NEXT: return %[[R]]
func.func @relu_of_relu(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = rect.relu %x : tensor<?x4xf32>
  %1 = rect.relu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_relu6
// CHECK-NEXT: %[[R:.*]] = rect.relu6 %arg0
// CHECK-NEXT: return %[[R]]
func.func @relu_of_relu6(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.relu6 %x : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_sigmoid
// CHECK-NEXT: %[[R:.*]] = rect.sigmoid %arg0
// CHECK-NEXT: return %[[R]]
func.func @relu_of_sigmoid(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.sigmoid %x : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_softplus
// CHECK-NEXT: %[[R:.*]] = rect.softplus %arg0
// CHECK-NEXT: return %[[R]]
func.func @relu_of_softplus(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.softplus %x : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_softmax
// CHECK-NEXT: %[[R:.*]] = rect.softmax %arg0
// CHECK-NEXT: return %[[R]]
func.func @relu_of_softmax(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = rect.softmax %x : tensor<?x10xf32>
  %1 = rect.relu %0 : tensor<?x10xf32>
  return %1 : tensor<?x10xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_exp
// CHECK-NEXT: %[[R:.*]] = rect.exp %arg0
// CHECK-NEXT: return %[[R]]
func.func @relu_of_exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.exp %x : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_abs
// CHECK-NEXT: %[[R:.*]] = rect.abs %arg0
// CHECK-NEXT: return %[[R]]
func.func @relu_of_abs(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.abs %x : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_hard_sigmoid
// CHECK-NEXT: %[[R:.*]] = rect.hard_sigmoid %arg0
// CHECK-NEXT: return %[[R]]
func.func @relu_of_hard_sigmoid(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.hard_sigmoid %x : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_clip_nonnegative_min
// CHECK-NEXT: %[[R:.*]] = rect.clip %arg0 {max = 5.000000e+00 : f32, min = 1.000000e+00 : f32}
// CHECK-NEXT: return %[[R]]
func.func @relu_of_clip_nonnegative_min(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {min = 1.0 : f32, max = 5.0 : f32} : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_clip_negative_min
// CHECK: rect.clip
// CHECK: rect.relu
func.func @relu_of_clip_negative_min(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.clip %x {min = -1.0 : f32, max = 5.0 : f32} : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_linear_relu
// CHECK-NEXT: %[[R:.*]] = rect.linear %arg0, %arg1 {activation = #rect.act<relu>}
// CHECK-NEXT: return %[[R]]
func.func @relu_of_linear_relu(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w {activation = #rect.act<relu>} : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.relu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_linear_nonnegative_clip
// CHECK-NEXT: %[[R:.*]] = rect.linear %arg0, %arg1 {activation = #rect.act<clip min = 0.000000e+00, max = 4.000000e+00>}
// CHECK-NEXT: return %[[R]]
func.func @relu_of_linear_nonnegative_clip(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w {activation = #rect.act<clip min = 0.0, max = 4.0>} : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.relu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_linear_none_stays
// CHECK: %[[L:.*]] = rect.linear %arg0, %arg1 :
// CHECK: rect.relu %[[L]]
func.func @relu_of_linear_none_stays(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.relu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_linear_tanh_stays
// CHECK: %[[L:.*]] = rect.linear {{.*}}#rect.act<tanh>
// CHECK: rect.relu %[[L]]
func.func @relu_of_linear_tanh_stays(%x: tensor<?x3xf32>, %w: tensor<4x3xf32>) -> tensor<?x4xf32> {
  %0 = rect.linear %x, %w {activation = #rect.act<tanh>} : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  %1 = rect.relu %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_tanh_stays
// CHECK: %[[T:.*]] = rect.tanh %arg0
// CHECK: rect.relu %[[T]]
func.func @relu_of_tanh_stays(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.tanh %x : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_leaky_relu_stays
// CHECK: %[[L:.*]] = rect.leaky_relu %arg0
// CHECK: rect.relu %[[L]]
func.func @relu_of_leaky_relu_stays(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.leaky_relu %x : tensor<4xf32>
  %1 = rect.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @max_zero_is_relu
// CHECK-NEXT: %[[R:.*]] = rect.relu %arg0 : tensor<?x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @max_zero_is_relu(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %zero = rect.constant dense<0.0> : tensor<f32>
  %0 = rect.max %x, %zero : tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @zero_max_is_relu
// CHECK-NEXT: %[[R:.*]] = rect.relu %arg0 : tensor<2x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @zero_max_is_relu(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %zero = rect.constant dense<0.0> : tensor<4xf32>
  %0 = rect.max %zero, %x : tensor<4xf32>, tensor<2x4xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func @max_nonzero_stays
// CHECK: rect.max
// CHECK-NOT: rect.relu
func.func @max_nonzero_stays(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = rect.constant dense<0.1> : tensor<f32>
  %0 = rect.max %x, %c : tensor<4xf32>, tensor<f32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// The zero would broadcast x to a bigger shape: a relu cannot express that.
// CHECK-LABEL: func.func @max_zero_broadcasting_stays
// CHECK: rect.max
// CHECK-NOT: rect.relu
func.func @max_zero_broadcasting_stays(%x: tensor<4xf32>) -> tensor<3x4xf32> {
  %zero = rect.constant dense<0.0> : tensor<3x4xf32>
  %0 = rect.max %x, %zero : tensor<4xf32>, tensor<3x4xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// CHECK-LABEL: func.func @max_non_splat_stays
// CHECK: rect.max
// CHECK-NOT: rect.relu
func.func @max_non_splat_stays(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c = rect.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %0 = rect.max %x, %c : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @leaky_relu_zero_alpha_is_relu
// CHECK-NEXT: %[[R:.*]] = rect.relu %arg0
// CHECK-NEXT: return %[[R]]
func.func @leaky_relu_zero_alpha_is_relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.leaky_relu %x {alpha = 0.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @leaky_relu_nonzero_alpha_stays
// CHECK: rect.leaky_relu %arg0 {alpha = 1.000000e-01 : f32}
// CHECK-NOT: rect.relu
func.func @leaky_relu_nonzero_alpha_stays(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.leaky_relu %x {alpha = 0.1 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_constant_folds
// CHECK-NEXT: %[[C:.*]] = rect.constant dense<[0.000000e+00, 0.000000e+00, 2.000000e+00, 0x7FC00000]> : tensor<4xf32>
// CHECK-NEXT: return %[[C]]
func.func @relu_of_constant_folds() -> tensor<4xf32> {
  %c = rect.constant dense<[-1.0, 0.0, 2.0, 0x7FC00000]> : tensor<4xf32>
  %0 = rect.relu %c : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_splat_constant_folds
// CHECK-NEXT: %[[C:.*]] = rect.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @relu_of_splat_constant_folds() -> tensor<2x3xf32> {
  %c = rect.constant dense<-3.0> : tensor<2x3xf32>
  %0 = rect.relu %c : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A resource blob is not read element by element: the relu stays.
// CHECK-LABEL: func.func @relu_of_resource_stays
// CHECK: %[[C:.*]] = rect.constant dense_resource<blob>
// CHECK: rect.relu %[[C]]
func.func @relu_of_resource_stays() -> tensor<2xf32> {
  %c = rect.constant dense_resource<blob> : tensor<2xf32>
  %0 = rect.relu %c : tensor<2xf32>
  return %0 : tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x04000000000080BF00000040"
    }
  }
#-}

// -----

// CHECK-LABEL: func.func @relu_difference_is_identity
// CHECK-NEXT: return %arg0
func.func @relu_difference_is_identity(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %p = rect.relu %x : tensor<?x4xf32>
  %n = rect.neg %x : tensor<?x4xf32>
  %q = rect.relu %n : tensor<?x4xf32>
  %0 = rect.sub %p, %q : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_difference_of_other_values_stays
// CHECK: rect.sub
func.func @relu_difference_of_other_values_stays(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %p = rect.relu %x : tensor<4xf32>
  %n = rect.neg %y : tensor<4xf32>
  %q = rect.relu %n : tensor<4xf32>
  %0 = rect.sub %p, %q : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_difference_reversed_stays
// CHECK: rect.sub
func.func @relu_difference_reversed_stays(%x: tensor<4xf32>) -> tensor<4xf32> {
  %p = rect.relu %x : tensor<4xf32>
  %n = rect.neg %x : tensor<4xf32>
  %q = rect.relu %n : tensor<4xf32>
  %0 = rect.sub %q, %p : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
