// RUN: rectify-opt %s | rectify-opt | FileCheck %s

// rect.resize round-trips; its result type is checked against the scales
// (floor(in * scale)) or the sizes, and dynamic dims stay dynamic.

// CHECK-LABEL: func.func @scales
func.func @scales(%x: tensor<?x3x4x6xf32>) -> tensor<?x3x8x3xf32> {
  // CHECK: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<half_pixel>, mode = #rect.resize_mode<linear>, scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 5.000000e-01>} : tensor<?x3x4x6xf32> -> tensor<?x3x8x3xf32>
  %0 = rect.resize %x {scales = array<f64: 1.0, 1.0, 2.0, 0.5>,
                       mode = #rect.resize_mode<linear>,
                       coordinates = #rect.resize_coordinates<half_pixel>}
      : tensor<?x3x4x6xf32> -> tensor<?x3x8x3xf32>
  return %0 : tensor<?x3x8x3xf32>
}

// CHECK-LABEL: func.func @floor_of_scaled_size
func.func @floor_of_scaled_size(%x: tensor<1x1x2x4xf32>) -> tensor<1x1x1x2xf32> {
  // CHECK: rect.resize {{.*}} -> tensor<1x1x1x2xf32>
  %0 = rect.resize %x {scales = array<f64: 1.0, 1.0, 0.6, 0.6>,
                       mode = #rect.resize_mode<nearest>,
                       coordinates = #rect.resize_coordinates<asymmetric>,
                       nearest_mode = #rect.nearest_mode<ceil>}
      : tensor<1x1x2x4xf32> -> tensor<1x1x1x2xf32>
  return %0 : tensor<1x1x1x2xf32>
}

// CHECK-LABEL: func.func @sizes_and_crop
func.func @sizes_and_crop(%x: tensor<?x1x4x4xf32>) -> tensor<?x1x3x3xf32> {
  // CHECK: rect.resize {{.*}}coordinates = #rect.resize_coordinates<tf_crop_and_resize>{{.*}}roi = array<f64: 0.000000e+00, 0.000000e+00, 4.000000e-01, 6.000000e-01, 1.000000e+00, 1.000000e+00, 6.000000e-01, 8.000000e-01>{{.*}}sizes = array<i64: -1, 1, 3, 3>} : tensor<?x1x4x4xf32> -> tensor<?x1x3x3xf32>
  %0 = rect.resize %x {scales = array<f64: 1.0, 1.0, 0.75, 0.75>,
                       sizes = array<i64: -1, 1, 3, 3>,
                       roi = array<f64: 0.0, 0.0, 0.4, 0.6, 1.0, 1.0, 0.6, 0.8>,
                       extrapolation_value = 10.0 : f32,
                       mode = #rect.resize_mode<linear>,
                       coordinates = #rect.resize_coordinates<tf_crop_and_resize>}
      : tensor<?x1x4x4xf32> -> tensor<?x1x3x3xf32>
  return %0 : tensor<?x1x3x3xf32>
}

// CHECK-LABEL: func.func @cubic
func.func @cubic(%x: tensor<5xf32>) -> tensor<10xf32> {
  // CHECK: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<align_corners>, cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = true, mode = #rect.resize_mode<cubic>, scales = array<f64: 2.000000e+00>} : tensor<5xf32> -> tensor<10xf32>
  %0 = rect.resize %x {scales = array<f64: 2.0>, cubic_coeff_a = -0.5 : f32,
                       exclude_outside = true,
                       mode = #rect.resize_mode<cubic>,
                       coordinates = #rect.resize_coordinates<align_corners>}
      : tensor<5xf32> -> tensor<10xf32>
  return %0 : tensor<10xf32>
}
