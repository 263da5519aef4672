// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// layer_norm: a sum, a sum of squared deviations (both reductions over the
// normalized dims), then (x - mean) / sqrt(var + eps) * scale + bias.
// log_softmax: max, sum of exp(x - max), then x - max - log(sum).

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$OUTER:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$LAST:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @layer_norm(
// CHECK-SAME: %[[X:.*]]: tensor<?x4x8xf32>, %[[S:.*]]: tensor<8xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK: %[[N:.*]] = arith.constant 8.000000e+00 : f32
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$OUTER]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] : tensor<?x4x8xf32>)
// CHECK: %[[SQ:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$OUTER]], #[[$OUTER]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[SUM]] : tensor<?x4x8xf32>, tensor<?x4xf32>)
// CHECK: arith.mulf
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$OUTER]], #[[$OUTER]], #[[$LAST]], #[[$LAST]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]], %[[SUM]], %[[SQ]], %[[S]], %[[B]] :
// CHECK: %[[EPS:.*]] = arith.constant 9.99999974E-6 : f32
// CHECK: arith.addf %{{.*}}, %[[EPS]] : f32
// CHECK: math.sqrt
// CHECK: arith.subf
// CHECK: arith.divf
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @layer_norm(%x: tensor<?x4x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x4x8xf32> {
  %0 = rect.layer_norm %x, %s bias(%b) : (tensor<?x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
  return %0 : tensor<?x4x8xf32>
}

// -----

// Two normalized dims; a scalar scale is read without indices, no bias.
// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<(d0, d1, d2) -> ()>
// CHECK-LABEL: func.func @layer_norm_two_dims(
// CHECK: arith.constant 3.200000e+01 : f32
// CHECK: iterator_types = ["parallel", "reduction", "reduction"]
// CHECK: linalg.generic {indexing_maps = [{{.*}}, #[[$SCALAR]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel"]}
func.func @layer_norm_two_dims(%x: tensor<2x4x8xf32>, %s: tensor<f32>) -> tensor<2x4x8xf32> {
  %0 = rect.layer_norm %x, %s {axis = 1 : i64} : (tensor<2x4x8xf32>, tensor<f32>) -> tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// CHECK-LABEL: func.func @log_softmax(
// CHECK: arith.maximumf
// CHECK: arith.subf
// CHECK-NEXT: math.exp
// CHECK-NEXT: arith.addf
// CHECK: %[[SH:.*]] = arith.subf
// CHECK-NEXT: %[[LS:.*]] = math.log
// CHECK-NEXT: arith.subf %[[SH]], %[[LS]] : f32
func.func @log_softmax(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = rect.log_softmax %x : tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}
