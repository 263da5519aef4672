// RUN: rectify-opt %s -split-input-file -verify-diagnostics

// Verifier and type inference errors of rect.resize.

func.func @scale_count(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+2 {{'rect.resize' op has 2 scales for rank 4}}
  // expected-error @+1 {{'rect.resize' op failed to infer returned types}}
  %0 = rect.resize %x {scales = array<f64: 2.0, 2.0>, mode = #rect.resize_mode<nearest>, coordinates = #rect.resize_coordinates<asymmetric>} : tensor<1x3x4x4xf32> -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @negative_scale(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{'rect.resize' op scale -1.000000e+00 of dim 0 must be positive}}
  // expected-error @+1 {{'rect.resize' op failed to infer returned types}}
  %0 = rect.resize %x {scales = array<f64: -1.0>, mode = #rect.resize_mode<nearest>, coordinates = #rect.resize_coordinates<asymmetric>} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @empty_output(%x: tensor<4xf32>) -> tensor<1xf32> {
  // expected-error @+2 {{'rect.resize' op resizes dim 0 of size 4 to 0 elements}}
  // expected-error @+1 {{'rect.resize' op failed to infer returned types}}
  %0 = rect.resize %x {scales = array<f64: 0.2>, mode = #rect.resize_mode<nearest>, coordinates = #rect.resize_coordinates<asymmetric>} : tensor<4xf32> -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @wrong_result(%x: tensor<4xf32>) -> tensor<7xf32> {
  // expected-error @+2 {{'rect.resize' op inferred type(s) 'tensor<8xf32>' are incompatible with return type(s) of operation 'tensor<7xf32>'}}
  // expected-error @+1 {{'rect.resize' op failed to infer returned types}}
  %0 = rect.resize %x {scales = array<f64: 2.0>, mode = #rect.resize_mode<linear>, coordinates = #rect.resize_coordinates<half_pixel>} : tensor<4xf32> -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

func.func @dynamic_resized(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'rect.resize' op dynamic dim 0 can only be copied (scale 1 and an identity mapping)}}
  %0 = rect.resize %x {scales = array<f64: 2.0, 1.0>, mode = #rect.resize_mode<linear>, coordinates = #rect.resize_coordinates<half_pixel>} : tensor<?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @dynamic_shifted(%x: tensor<?x4xf32>) -> tensor<?x8xf32> {
  // tf_half_pixel_for_nn maps i to i + 0.5, which ceil rounds to i + 1.
  // expected-error @+1 {{'rect.resize' op dynamic dim 0 can only be copied}}
  %0 = rect.resize %x {scales = array<f64: 1.0, 2.0>, mode = #rect.resize_mode<nearest>, nearest_mode = #rect.nearest_mode<ceil>, coordinates = #rect.resize_coordinates<tf_half_pixel_for_nn>} : tensor<?x4xf32> -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

func.func @dynamic_size(%x: tensor<?x4xf32>) -> tensor<?x8xf32> {
  // expected-error @+2 {{'rect.resize' op size of dynamic dim 0 must be -1}}
  // expected-error @+1 {{'rect.resize' op failed to infer returned types}}
  %0 = rect.resize %x {scales = array<f64: 1.0, 2.0>, sizes = array<i64: 2, 8>, mode = #rect.resize_mode<nearest>, coordinates = #rect.resize_coordinates<asymmetric>} : tensor<?x4xf32> -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

func.func @crop_without_roi(%x: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'rect.resize' op tf_crop_and_resize needs a roi}}
  %0 = rect.resize %x {scales = array<f64: 2.0>, mode = #rect.resize_mode<linear>, coordinates = #rect.resize_coordinates<tf_crop_and_resize>} : tensor<4xf32> -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @roi_without_crop(%x: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'rect.resize' op a roi is only used by tf_crop_and_resize}}
  %0 = rect.resize %x {scales = array<f64: 2.0>, roi = array<f64: 0.0, 1.0>, mode = #rect.resize_mode<linear>, coordinates = #rect.resize_coordinates<half_pixel>} : tensor<4xf32> -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @roi_size(%x: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+2 {{'rect.resize' op roi has 1 entries, expected 2 (starts then ends)}}
  // expected-error @+1 {{'rect.resize' op failed to infer returned types}}
  %0 = rect.resize %x {scales = array<f64: 2.0>, roi = array<f64: 0.0>, mode = #rect.resize_mode<linear>, coordinates = #rect.resize_coordinates<tf_crop_and_resize>} : tensor<4xf32> -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
