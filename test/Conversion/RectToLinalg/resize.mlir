// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// rect.resize is one linalg.generic over the output: copied dims read the
// output index, resized dims map it to an f64 input coordinate, round or
// weigh its neighbours, clamp their indices and read them with
// tensor.extract.

// Nearest, asymmetric, floor: x / 2 rounded down, clamped to [0, 3] and
// [0, 5]; the dynamic batch and the channels are read at the output index.
// CHECK-LABEL: func.func @nearest(
// CHECK-SAME: %[[X:.*]]: tensor<?x3x4x6xf32>)
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3x4x6xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x3x8x12xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%[[E]] : tensor<?x3x8x12xf32>)
// CHECK: %[[N:.*]] = linalg.index 0 : index
// CHECK: %[[C:.*]] = linalg.index 1 : index
// CHECK: %[[H:.*]] = linalg.index 2 : index
// CHECK: %[[W:.*]] = linalg.index 3 : index
// CHECK: %[[HI:.*]] = arith.index_cast %[[H]] : index to i64
// CHECK: %[[HF:.*]] = arith.sitofp %[[HI]] : i64 to f64
// CHECK: %[[HS:.*]] = arith.divf %[[HF]], %{{.*}} : f64
// CHECK: %[[HR:.*]] = math.floor %[[HS]] : f64
// CHECK: %[[HN:.*]] = arith.fptosi %[[HR]] : f64 to i64
// CHECK: arith.maxsi %[[HN]], %{{.*}} : i64
// CHECK: %[[C3:.*]] = arith.constant 3 : i64
// CHECK: arith.minsi %{{.*}}, %[[C3]] : i64
// CHECK: %[[HX:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: %[[C5:.*]] = arith.constant 5 : i64
// CHECK: %[[WX:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: %[[V:.*]] = tensor.extract %[[X]][%[[N]], %[[C]], %[[HX]], %[[WX]]] : tensor<?x3x4x6xf32>
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @nearest(%x: tensor<?x3x4x6xf32>) -> tensor<?x3x8x12xf32> {
  %0 = rect.resize %x {scales = array<f64: 1.0, 1.0, 2.0, 2.0>, mode = #rect.resize_mode<nearest>, coordinates = #rect.resize_coordinates<asymmetric>, nearest_mode = #rect.nearest_mode<floor>} : tensor<?x3x4x6xf32> -> tensor<?x3x8x12xf32>
  return %0 : tensor<?x3x8x12xf32>
}

// -----

// round_prefer_floor is ceil(x - 0.5); half_pixel is (i + 0.5) / s - 0.5.
// CHECK-LABEL: func.func @round_prefer_floor(
// CHECK: %[[I:.*]] = arith.sitofp %{{.*}} : i64 to f64
// CHECK: %[[HALF:.*]] = arith.constant 5.000000e-01 : f64
// CHECK: %[[A:.*]] = arith.addf %[[I]], %[[HALF]] : f64
// CHECK: %[[S:.*]] = arith.constant 3.000000e+00 : f64
// CHECK: %[[B:.*]] = arith.divf %[[A]], %[[S]] : f64
// CHECK: %[[X:.*]] = arith.subf %[[B]], %{{.*}} : f64
// CHECK: %[[Y:.*]] = arith.subf %[[X]], %{{.*}} : f64
// CHECK: math.ceil %[[Y]] : f64
// CHECK-COUNT-1: tensor.extract
// CHECK-NOT: tensor.extract
func.func @round_prefer_floor(%x: tensor<4xf32>) -> tensor<12xf32> {
  %0 = rect.resize %x {scales = array<f64: 3.0>, mode = #rect.resize_mode<nearest>, coordinates = #rect.resize_coordinates<half_pixel>} : tensor<4xf32> -> tensor<12xf32>
  return %0 : tensor<12xf32>
}

// -----

// Bilinear over H and W of NCHW: two neighbours per resized dim, weights
// 1 - t and t multiplied in f64, truncated to f32, four reads summed.
// CHECK-LABEL: func.func @bilinear(
// CHECK-SAME: %[[X:.*]]: tensor<1x2x3x3xf32>)
// CHECK: linalg.generic
// CHECK: %[[N:.*]] = linalg.index 0 : index
// CHECK: %[[C:.*]] = linalg.index 1 : index
// CHECK: %[[FH:.*]] = math.floor %{{.*}} : f64
// CHECK: %[[TH:.*]] = arith.subf %{{.*}}, %[[FH]] : f64
// CHECK: %[[FW:.*]] = math.floor %{{.*}} : f64
// CHECK: %[[TW:.*]] = arith.subf %{{.*}}, %[[FW]] : f64
// CHECK: %[[W00:.*]] = arith.mulf %{{.*}}, %{{.*}} : f64
// CHECK: %[[V00:.*]] = tensor.extract %[[X]][%[[N]], %[[C]], %{{.*}}, %{{.*}}] : tensor<1x2x3x3xf32>
// CHECK: %[[T00:.*]] = arith.truncf %[[W00]] : f64 to f32
// CHECK: %[[P00:.*]] = arith.mulf %[[T00]], %[[V00]] : f32
// CHECK: %[[W01:.*]] = arith.mulf %{{.*}}, %[[TW]] : f64
// CHECK: tensor.extract %[[X]]
// CHECK: %[[S1:.*]] = arith.addf %[[P00]], %{{.*}} : f32
// CHECK: %[[W10:.*]] = arith.mulf %[[TH]], %{{.*}} : f64
// CHECK: tensor.extract %[[X]]
// CHECK: %[[S2:.*]] = arith.addf %[[S1]], %{{.*}} : f32
// CHECK: %[[W11:.*]] = arith.mulf %[[TH]], %[[TW]] : f64
// CHECK: tensor.extract %[[X]]
// CHECK: %[[S3:.*]] = arith.addf %[[S2]], %{{.*}} : f32
// CHECK-NEXT: linalg.yield %[[S3]] : f32
func.func @bilinear(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32> {
  %0 = rect.resize %x {scales = array<f64: 1.0, 1.0, 2.0, 2.0>, mode = #rect.resize_mode<linear>, coordinates = #rect.resize_coordinates<half_pixel>} : tensor<1x2x3x3xf32> -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

// tf_crop_and_resize: an output whose coordinate leaves [0, in - 1] in any
// dim takes the extrapolation value.
// CHECK-LABEL: func.func @crop(
// CHECK: %[[LO:.*]] = arith.cmpf ult, %{{.*}}, %{{.*}} : f64
// CHECK: %[[HI:.*]] = arith.cmpf ugt, %{{.*}}, %{{.*}} : f64
// CHECK: %[[OUT:.*]] = arith.ori %[[LO]], %[[HI]] : i1
// CHECK: %[[SUM:.*]] = arith.addf
// CHECK: %[[EXTRA:.*]] = arith.constant 1.000000e+01 : f32
// CHECK: %[[R:.*]] = arith.select %[[OUT]], %[[EXTRA]], %[[SUM]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @crop(%x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = rect.resize %x {scales = array<f64: 0.75>, sizes = array<i64: 3>, roi = array<f64: 0.4, 1.2>, extrapolation_value = 10.0 : f32, mode = #rect.resize_mode<linear>, coordinates = #rect.resize_coordinates<tf_crop_and_resize>} : tensor<4xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Bicubic: four neighbours per resized dim, sixteen reads; exclude_outside
// zeroes the neighbours outside the input and renormalises.
// CHECK-LABEL: func.func @bicubic(
// CHECK-COUNT-4: arith.select %{{.*}}, %{{.*}}, %{{.*}} : f64
// CHECK-COUNT-16: tensor.extract
// CHECK-NOT: tensor.extract
func.func @bicubic(%x: tensor<5x5xf32>) -> tensor<10x10xf32> {
  %0 = rect.resize %x {scales = array<f64: 2.0, 2.0>, exclude_outside = true, mode = #rect.resize_mode<cubic>, coordinates = #rect.resize_coordinates<half_pixel>} : tensor<5x5xf32> -> tensor<10x10xf32>
  return %0 : tensor<10x10xf32>
}
