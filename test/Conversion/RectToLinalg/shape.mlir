// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// rect.reshape / rect.flatten: tensor.collapse_shape or tensor.expand_shape
// when the new shape merges or splits contiguous groups of dims, tensor.reshape
// with a shape tensor otherwise. rect.transpose: linalg.transpose.
// rect.constant: arith.constant with the same elements attribute.

// CHECK-LABEL: func.func @reshape_collapse(
// CHECK-SAME: %[[A:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[R:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_collapse(%a: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = rect.reshape %a : tensor<2x3x4xf32> -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_collapse_dynamic(
// CHECK-SAME: %[[A:.*]]: tensor<?x3x4xf32>)
// CHECK-NEXT: %[[R:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0], [1, 2]] : tensor<?x3x4xf32> into tensor<?x12xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_collapse_dynamic(%a: tensor<?x3x4xf32>) -> tensor<?x12xf32> {
  %0 = rect.reshape %a : tensor<?x3x4xf32> -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_collapse_all_dynamic(
// CHECK-SAME: %[[A:.*]]: tensor<?x3x4xf32>)
// CHECK-NEXT: %[[R:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1, 2]] : tensor<?x3x4xf32> into tensor<?xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_collapse_all_dynamic(%a: tensor<?x3x4xf32>) -> tensor<?xf32> {
  %0 = rect.reshape %a : tensor<?x3x4xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Trailing unit dims join the last group.
// CHECK-LABEL: func.func @reshape_drop_trailing_unit(
// CHECK-NEXT: %[[R:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2]] : tensor<?x4x1xf32> into tensor<?x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_drop_trailing_unit(%a: tensor<?x4x1xf32>) -> tensor<?x4xf32> {
  %0 = rect.reshape %a : tensor<?x4x1xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_to_rank0(
// CHECK-NEXT: %[[R:.*]] = tensor.collapse_shape %{{.*}} [] : tensor<1x1xf32> into tensor<f32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_to_rank0(%a: tensor<1x1xf32>) -> tensor<f32> {
  %0 = rect.reshape %a : tensor<1x1xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @reshape_from_rank0(
// CHECK-NEXT: %[[R:.*]] = tensor.expand_shape %{{.*}} [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_from_rank0(%a: tensor<f32>) -> tensor<1x1xf32> {
  %0 = rect.reshape %a : tensor<f32> -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_expand_static(
// CHECK-NEXT: %[[R:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_expand_static(%a: tensor<6x4xf32>) -> tensor<2x3x4xf32> {
  %0 = rect.reshape %a : tensor<6x4xf32> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// The dynamic batch stays where it is: its size is the source's.
// CHECK-LABEL: func.func @reshape_expand_dynamic(
// CHECK-SAME: %[[A:.*]]: tensor<?x12xf32>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x12xf32>
// CHECK-NEXT: %[[R:.*]] = tensor.expand_shape %[[A]] {{\[\[}}0], [1, 2]] output_shape [%[[DIM]], 3, 4] : tensor<?x12xf32> into tensor<?x3x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_expand_dynamic(%a: tensor<?x12xf32>) -> tensor<?x3x4xf32> {
  %0 = rect.reshape %a : tensor<?x12xf32> -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

// -----

// Splitting the dynamic dim: its extent is the source size over the static
// sizes of its group.
// CHECK-LABEL: func.func @reshape_expand_split_dynamic(
// CHECK-SAME: %[[A:.*]]: tensor<?x4xf32>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x4xf32>
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[EXT:.*]] = arith.divui %[[DIM]], %[[C2]] : index
// CHECK: %[[R:.*]] = tensor.expand_shape %[[A]] {{\[\[}}0, 1], [2]] output_shape [%[[EXT]], 2, 4] : tensor<?x4xf32> into tensor<?x2x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_expand_split_dynamic(%a: tensor<?x4xf32>) -> tensor<?x2x4xf32> {
  %0 = rect.reshape %a : tensor<?x4xf32> -> tensor<?x2x4xf32>
  return %0 : tensor<?x2x4xf32>
}

// -----

// Neither a collapse nor an expand: tensor.reshape with a shape tensor.
// CHECK-LABEL: func.func @reshape_general(
// CHECK-SAME: %[[A:.*]]: tensor<2x3xf32>)
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[C3]], %[[C2]] : tensor<2xindex>
// CHECK: %[[R:.*]] = tensor.reshape %[[A]](%[[SHAPE]]) : (tensor<2x3xf32>, tensor<2xindex>) -> tensor<3x2xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_general(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = rect.reshape %a : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// General reshape with a dynamic batch: the dynamic extent is the element
// count (tensor.dim times the static sizes) over the static result sizes.
// CHECK-LABEL: func.func @reshape_general_dynamic(
// CHECK-SAME: %[[A:.*]]: tensor<?x6xf32>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x6xf32>
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[C6:.*]] = arith.constant 6 : index
// CHECK: %[[TOTAL:.*]] = arith.muli %[[DIM]], %[[C6]] : index
// CHECK: %[[C2B:.*]] = arith.constant 2 : index
// CHECK: %[[EXT:.*]] = arith.divui %[[TOTAL]], %[[C2B]] : index
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[C2]], %[[EXT]] : tensor<2xindex>
// CHECK: %[[R:.*]] = tensor.reshape %[[A]](%[[SHAPE]]) : (tensor<?x6xf32>, tensor<2xindex>) -> tensor<2x?xf32>
func.func @reshape_general_dynamic(%a: tensor<?x6xf32>) -> tensor<2x?xf32> {
  %0 = rect.reshape %a : tensor<?x6xf32> -> tensor<2x?xf32>
  return %0 : tensor<2x?xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_default_axis(
// CHECK-NEXT: %[[R:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2, 3]] : tensor<?x3x4x5xf32> into tensor<?x60xf32>
// CHECK-NEXT: return %[[R]]
func.func @flatten_default_axis(%a: tensor<?x3x4x5xf32>) -> tensor<?x60xf32> {
  %0 = rect.flatten %a : tensor<?x3x4x5xf32> -> tensor<?x60xf32>
  return %0 : tensor<?x60xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_axis2(
// CHECK-NEXT: %[[R:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<?x3x4xf32> into tensor<?x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @flatten_axis2(%a: tensor<?x3x4xf32>) -> tensor<?x4xf32> {
  %0 = rect.flatten %a {axis = 2} : tensor<?x3x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// axis = 0 adds a leading unit dim: not a pure collapse.
// CHECK-LABEL: func.func @flatten_axis0(
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %{{.*}}, %{{.*}} : tensor<2xindex>
// CHECK: tensor.reshape %{{.*}}(%[[SHAPE]]) : (tensor<2x3xf32>, tensor<2xindex>) -> tensor<1x6xf32>
func.func @flatten_axis0(%a: tensor<2x3xf32>) -> tensor<1x6xf32> {
  %0 = rect.flatten %a {axis = 0} : tensor<2x3xf32> -> tensor<1x6xf32>
  return %0 : tensor<1x6xf32>
}

// -----

// CHECK-LABEL: func.func @transpose(
// CHECK-SAME: %[[A:.*]]: tensor<?x3x4xf32>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x3x4xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[DIM]]) : tensor<4x?x3xf32>
// CHECK: %[[R:.*]] = linalg.transpose ins(%[[A]] : tensor<?x3x4xf32>) outs(%[[EMPTY]] : tensor<4x?x3xf32>) permutation = [2, 0, 1]
// CHECK: return %[[R]]
func.func @transpose(%a: tensor<?x3x4xf32>) -> tensor<4x?x3xf32> {
  %0 = rect.transpose %a {permutation = array<i64: 2, 0, 1>} : tensor<?x3x4xf32> -> tensor<4x?x3xf32>
  return %0 : tensor<4x?x3xf32>
}

// -----

// CHECK-LABEL: func.func @constant_dense(
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @constant_dense() -> tensor<2xf32> {
  %0 = rect.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// A resource blob stays a resource blob.
// CHECK-LABEL: func.func @constant_resource(
// CHECK-NEXT: %[[C:.*]] = arith.constant dense_resource<fc.weight> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
// CHECK: fc.weight: "0x040000000000803F00000040"
func.func @constant_resource() -> tensor<2xf32> {
  %0 = rect.constant dense_resource<fc.weight> : tensor<2xf32>
  return %0 : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      fc.weight: "0x040000000000803F00000040"
    }
  }
#-}
