// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// Binary ops broadcast numpy-style inside one all-parallel linalg.generic: a
// static size-1 dim facing a larger (or dynamic) result dim is read at index
// 0, and missing leading dims are dropped from the operand's map. Dynamic
// result sizes come from tensor.dim of the operand that is not 1 there.

// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_same_shape(
// CHECK-SAME: %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[RES:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ID2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<2x3xf32>) outs(%[[EMPTY]] : tensor<2x3xf32>)
// CHECK-NEXT: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[L]], %[[R]] : f32
// CHECK-NEXT: linalg.yield %[[SUM]] : f32
// CHECK: return %[[RES]]
func.func @add_same_shape(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = rect.add %a, %b : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @sub(
// CHECK: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = arith.subf %[[L]], %[[R]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @sub(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.sub %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @mul(
// CHECK: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = arith.mulf %[[L]], %[[R]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @mul(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.mul %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @div(
// CHECK: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = arith.divf %[[L]], %[[R]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @div(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.div %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// max/min propagate NaN (IEEE 754-2019 maximum/minimum), like numpy and torch.
// CHECK-LABEL: func.func @max(
// CHECK: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = arith.maximumf %[[L]], %[[R]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @max(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.max %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @min(
// CHECK: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RES:.*]] = arith.minimumf %[[L]], %[[R]] : f32
// CHECK-NEXT: linalg.yield %[[RES]] : f32
func.func @min(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = rect.min %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A bias-like [4] operand over [2, 3, 4]: the missing leading dims are dropped.
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$LAST:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @add_rank_extension(
// CHECK: linalg.generic {indexing_maps = [#[[$ID3]], #[[$LAST]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: outs(%{{.*}} : tensor<2x3x4xf32>)
func.func @add_rank_extension(%a: tensor<2x3x4xf32>, %b: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %0 = rect.add %a, %b : tensor<2x3x4xf32>, tensor<4xf32> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Both operands broadcast: [2, 1] and [1, 3] give [2, 3].
// CHECK-DAG: #[[$COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_outer(
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$COL]], #[[$ROW]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: outs(%[[EMPTY]] : tensor<2x3xf32>)
func.func @add_outer(%a: tensor<2x1xf32>, %b: tensor<1x3xf32>) -> tensor<2x3xf32> {
  %0 = rect.add %a, %b : tensor<2x1xf32>, tensor<1x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Dynamic batch against a size-1 dim: the size-1 operand reads index 0, the
// result's batch size is the dynamic operand's.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @mul_dynamic_batch(
// CHECK-SAME: %[[A:.*]]: tensor<?x4xf32>, %[[B:.*]]: tensor<1x4xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[DIM:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x4xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[DIM]]) : tensor<?x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x4xf32>, tensor<1x4xf32>) outs(%[[EMPTY]] : tensor<?x4xf32>)
// CHECK: arith.mulf
func.func @mul_dynamic_batch(%a: tensor<?x4xf32>, %b: tensor<1x4xf32>) -> tensor<?x4xf32> {
  %0 = rect.mul %a, %b : tensor<?x4xf32>, tensor<1x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// The dynamic dim is on the rhs: its size comes from the rhs.
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[$COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @div_dynamic_rhs(
// CHECK-SAME: %[[A:.*]]: tensor<1x4xf32>, %[[B:.*]]: tensor<?x1xf32>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[B]], %{{.*}} : tensor<?x1xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[DIM]]) : tensor<?x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ROW]], #[[$COL]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: outs(%[[EMPTY]] : tensor<?x4xf32>)
// CHECK: arith.divf
func.func @div_dynamic_rhs(%a: tensor<1x4xf32>, %b: tensor<?x1xf32>) -> tensor<?x4xf32> {
  %0 = rect.div %a, %b : tensor<1x4xf32>, tensor<?x1xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Dynamic batch over rank 4 against a per-channel [C, 1, 1] operand.
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CHAN:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
// CHECK-LABEL: func.func @sub_dynamic_batch_channel(
// CHECK-SAME: %[[A:.*]]: tensor<?x3x4x4xf32>
// CHECK: %[[DIM:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x3x4x4xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[DIM]]) : tensor<?x3x4x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID4]], #[[$CHAN]], #[[$ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
func.func @sub_dynamic_batch_channel(%a: tensor<?x3x4x4xf32>, %b: tensor<3x1x1xf32>) -> tensor<?x3x4x4xf32> {
  %0 = rect.sub %a, %b : tensor<?x3x4x4xf32>, tensor<3x1x1xf32> -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// -----

// Two dynamic dims facing each other are the same size: no broadcast.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_dynamic_both(
// CHECK-SAME: %[[A:.*]]: tensor<?x4xf32>, %[[B:.*]]: tensor<?x4xf32>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x4xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[DIM]]) : tensor<?x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ID2]], #[[$ID2]]]
func.func @add_dynamic_both(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = rect.add %a, %b : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A rank-0 operand broadcast over everything.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @max_scalar(
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$SCALAR]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<?x4xf32>, tensor<f32>)
// CHECK: arith.maximumf
func.func @max_scalar(%a: tensor<?x4xf32>, %b: tensor<f32>) -> tensor<?x4xf32> {
  %0 = rect.max %a, %b : tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Rank 0 on both sides: a generic with no loops.
// CHECK-DAG: #[[$ID0:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @min_rank0(
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<f32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID0]], #[[$ID0]], #[[$ID0]]], iterator_types = []}
// CHECK-SAME: outs(%[[EMPTY]] : tensor<f32>)
// CHECK: arith.minimumf
func.func @min_rank0(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = rect.min %a, %b : tensor<f32>, tensor<f32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Rank 1 with a [1] operand.
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$ZERO:.*]] = affine_map<(d0) -> (0)>
// CHECK-LABEL: func.func @add_rank1(
// CHECK: linalg.generic {indexing_maps = [#[[$ID1]], #[[$ZERO]], #[[$ID1]]], iterator_types = ["parallel"]}
// CHECK: arith.addf
func.func @add_rank1(%a: tensor<5xf32>, %b: tensor<1xf32>) -> tensor<5xf32> {
  %0 = rect.add %a, %b : tensor<5xf32>, tensor<1xf32> -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// Size-1 dims on both sides stay size 1 and are read through d0.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$LAST:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @mul_unit_result(
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$LAST]], #[[$ID2]]]
// CHECK-SAME: outs(%{{.*}} : tensor<1x3xf32>)
func.func @mul_unit_result(%a: tensor<1x3xf32>, %b: tensor<3xf32>) -> tensor<1x3xf32> {
  %0 = rect.mul %a, %b : tensor<1x3xf32>, tensor<3xf32> -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}
