// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// Reductions: one linalg.generic with reduction iterators over a filled
// accumulator of the kept dims; mean divides by the count; keepdims puts the
// unit dims back with tensor.expand_shape.

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$KEEP0:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @reduce_mean_keepdims(
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$KEEP0]]], iterator_types = ["parallel", "reduction", "reduction"]} ins(%arg0 : tensor<?x4x5xf32>) outs(%[[F]] : tensor<?xf32>)
// CHECK: arith.addf
// CHECK: %[[N:.*]] = arith.constant 2.000000e+01 : f32
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK: arith.divf %{{.*}}, %[[N]] : f32
// CHECK: %[[R:.*]] = tensor.expand_shape %[[MEAN]] {{\[\[}}0, 1, 2]] output_shape [%{{.*}}, 1, 1] : tensor<?xf32> into tensor<?x1x1xf32>
// CHECK: return %[[R]]
func.func @reduce_mean_keepdims(%x: tensor<?x4x5xf32>) -> tensor<?x1x1xf32> {
  %0 = rect.reduce_mean %x {axes = array<i64: 1, 2>} : tensor<?x4x5xf32> -> tensor<?x1x1xf32>
  return %0 : tensor<?x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_max_dropped(
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<?x5xf32>)
// CHECK: iterator_types = ["parallel", "reduction", "parallel"]
// CHECK: arith.maximumf
// CHECK-NOT: tensor.expand_shape
func.func @reduce_max_dropped(%x: tensor<?x4x5xf32>) -> tensor<?x5xf32> {
  %0 = rect.reduce_max %x {axes = array<i64: 1>, keepdims = false} : tensor<?x4x5xf32> -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_min_all(
// CHECK: %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK: linalg.fill ins(%[[INF]] : f32) outs(%{{.*}} : tensor<f32>)
// CHECK: arith.minimumf
// CHECK: tensor.expand_shape %{{.*}} [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
func.func @reduce_min_all(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  %0 = rect.reduce_min %x {axes = array<i64: 0, 1>} : tensor<2x3xf32> -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// A mean over the dynamic dim divides by its run-time size.
// CHECK-LABEL: func.func @reduce_sum_and_mean_dynamic(
// CHECK: arith.addf
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x4xf32>
// CHECK: %[[I:.*]] = arith.index_cast %[[D]] : index to i64
// CHECK: %[[F:.*]] = arith.sitofp %[[I]] : i64 to f32
// CHECK: arith.divf %{{.*}}, %[[F]] : f32
func.func @reduce_sum_and_mean_dynamic(%x: tensor<?x4xf32>) -> tensor<4xf32> {
  %0 = rect.reduce_mean %x {axes = array<i64: 0>, keepdims = false} : tensor<?x4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
