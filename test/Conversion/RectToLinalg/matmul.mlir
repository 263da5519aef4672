// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// rect.matmul has numpy semantics: 1-D operands are promoted with a unit dim
// that is collapsed away afterwards, an unbatched rhs folds the lhs batch dims
// into M, and batched operands are broadcast to the common batch shape and
// multiplied with linalg.batch_matmul.

// CHECK-LABEL: func.func @matmul_2d(
// CHECK-SAME: %[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<4x5xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<3x5xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<3x5xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4x5xf32>) outs(%[[FILL]] : tensor<3x5xf32>)
// CHECK: return %[[MM]]
func.func @matmul_2d(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = rect.matmul %a, %b : tensor<3x4xf32>, tensor<4x5xf32> -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// Unbatched rhs: [B, M, K] x [K, N] is one [B*M, K] x [K, N] matmul.
// CHECK-LABEL: func.func @matmul_batched_lhs(
// CHECK-SAME: %[[A:.*]]: tensor<?x3x4xf32>, %[[B:.*]]: tensor<4x5xf32>)
// CHECK: %[[BATCH:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x3x4xf32>
// CHECK: %[[A2:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1], [2]] : tensor<?x3x4xf32> into tensor<?x4xf32>
// CHECK: %[[ROWS:.*]] = tensor.dim %[[A2]], %{{.*}} : tensor<?x4xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[ROWS]]) : tensor<?x5xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<?x5xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A2]], %[[B]] : tensor<?x4xf32>, tensor<4x5xf32>) outs(%[[FILL]] : tensor<?x5xf32>)
// CHECK: %[[RES:.*]] = tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2]] output_shape [%[[BATCH]], 3, 5] : tensor<?x5xf32> into tensor<?x3x5xf32>
// CHECK: return %[[RES]]
func.func @matmul_batched_lhs(%a: tensor<?x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<?x3x5xf32> {
  %0 = rect.matmul %a, %b : tensor<?x3x4xf32>, tensor<4x5xf32> -> tensor<?x3x5xf32>
  return %0 : tensor<?x3x5xf32>
}

// -----

// Same batch dims on both sides: linalg.batch_matmul directly.
// CHECK-LABEL: func.func @matmul_batched(
// CHECK-SAME: %[[A:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<2x4x5xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x3x5xf32>)
// CHECK: %[[MM:.*]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<2x3x4xf32>, tensor<2x4x5xf32>) outs(%[[FILL]] : tensor<2x3x5xf32>)
// CHECK: return %[[MM]]
func.func @matmul_batched(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = rect.matmul %a, %b : tensor<2x3x4xf32>, tensor<2x4x5xf32> -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// Broadcast batch dims: [?, 1, 3, 4] x [6, 4, 5] -> [?, 6, 3, 5]. Both
// operands are materialised at batch shape [?, 6] (the size-1 dim read at 0,
// the missing one dropped), collapsed to one batch dim, multiplied, and
// expanded back.
// CHECK-DAG: #[[$LHS_B:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$RHS_B:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-LABEL: func.func @matmul_broadcast(
// CHECK-SAME: %[[A:.*]]: tensor<?x1x3x4xf32>, %[[B:.*]]: tensor<6x4x5xf32>)
// CHECK: %[[BATCH:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x1x3x4xf32>
// CHECK: %[[EA:.*]] = tensor.empty(%[[BATCH]]) : tensor<?x6x3x4xf32>
// CHECK: %[[BA:.*]] = linalg.generic {indexing_maps = [#[[$LHS_B]], #[[$ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[A]] : tensor<?x1x3x4xf32>) outs(%[[EA]] : tensor<?x6x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
// CHECK: %[[EB:.*]] = tensor.empty(%[[BATCH]]) : tensor<?x6x4x5xf32>
// CHECK: %[[BB:.*]] = linalg.generic {indexing_maps = [#[[$RHS_B]], #[[$ID4]]], {{.*}} ins(%[[B]] : tensor<6x4x5xf32>) outs(%[[EB]] : tensor<?x6x4x5xf32>)
// CHECK: %[[CA:.*]] = tensor.collapse_shape %[[BA]] {{\[\[}}0, 1], [2], [3]] : tensor<?x6x3x4xf32> into tensor<?x3x4xf32>
// CHECK: %[[CB:.*]] = tensor.collapse_shape %[[BB]] {{\[\[}}0, 1], [2], [3]] : tensor<?x6x4x5xf32> into tensor<?x4x5xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x3x5xf32>)
// CHECK: %[[MM:.*]] = linalg.batch_matmul ins(%[[CA]], %[[CB]] : tensor<?x3x4xf32>, tensor<?x4x5xf32>) outs(%[[FILL]] : tensor<?x3x5xf32>)
// CHECK: %[[RES:.*]] = tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2], [3]] output_shape [%[[BATCH]], 6, 3, 5] : tensor<?x3x5xf32> into tensor<?x6x3x5xf32>
// CHECK: return %[[RES]]
func.func @matmul_broadcast(%a: tensor<?x1x3x4xf32>, %b: tensor<6x4x5xf32>) -> tensor<?x6x3x5xf32> {
  %0 = rect.matmul %a, %b : tensor<?x1x3x4xf32>, tensor<6x4x5xf32> -> tensor<?x6x3x5xf32>
  return %0 : tensor<?x6x3x5xf32>
}

// -----

// Vector . vector: [1, K] x [K, 1] then both unit dims collapse to rank 0.
// CHECK-LABEL: func.func @matmul_dot(
// CHECK-SAME: %[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[A2:.*]] = tensor.expand_shape %[[A]] {{\[\[}}0, 1]] output_shape [1, 4] : tensor<4xf32> into tensor<1x4xf32>
// CHECK: %[[B2:.*]] = tensor.expand_shape %[[B]] {{\[\[}}0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A2]], %[[B2]] : tensor<1x4xf32>, tensor<4x1xf32>) outs(%{{.*}} : tensor<1x1xf32>)
// CHECK: %[[RES:.*]] = tensor.collapse_shape %[[MM]] [] : tensor<1x1xf32> into tensor<f32>
// CHECK: return %[[RES]]
func.func @matmul_dot(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<f32> {
  %0 = rect.matmul %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Vector x matrix.
// CHECK-LABEL: func.func @matmul_vecmat(
// CHECK: %[[A2:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, 4] : tensor<4xf32> into tensor<1x4xf32>
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A2]], %{{.*}} : tensor<1x4xf32>, tensor<4x5xf32>) outs(%{{.*}} : tensor<1x5xf32>)
// CHECK: %[[RES:.*]] = tensor.collapse_shape %[[MM]] {{\[\[}}0, 1]] : tensor<1x5xf32> into tensor<5xf32>
// CHECK: return %[[RES]]
func.func @matmul_vecmat(%a: tensor<4xf32>, %b: tensor<4x5xf32>) -> tensor<5xf32> {
  %0 = rect.matmul %a, %b : tensor<4xf32>, tensor<4x5xf32> -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// Batched matrix x vector: the rhs is [K, 1], so the lhs batch folds into M.
// CHECK-LABEL: func.func @matmul_batched_matvec(
// CHECK-SAME: %[[A:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[B2:.*]] = tensor.expand_shape %[[B]] {{\[\[}}0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
// CHECK: %[[A2:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A2]], %[[B2]] : tensor<6x4xf32>, tensor<4x1xf32>) outs(%{{.*}} : tensor<6x1xf32>)
// CHECK: %[[E:.*]] = tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2]] output_shape [2, 3, 1] : tensor<6x1xf32> into tensor<2x3x1xf32>
// CHECK: %[[RES:.*]] = tensor.collapse_shape %[[E]] {{\[\[}}0], [1, 2]] : tensor<2x3x1xf32> into tensor<2x3xf32>
// CHECK: return %[[RES]]
func.func @matmul_batched_matvec(%a: tensor<2x3x4xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  %0 = rect.matmul %a, %b : tensor<2x3x4xf32>, tensor<4xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Vector x batched matrix: the promoted [1, K] lhs is broadcast over the
// batch, and the unit M dim is collapsed away.
// CHECK-DAG: #[[$BCAST:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @matmul_vec_batched(
// CHECK: %[[A2:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, 4] : tensor<4xf32> into tensor<1x4xf32>
// CHECK: %[[BA:.*]] = linalg.generic {indexing_maps = [#[[$BCAST]], #{{.*}}], {{.*}} ins(%[[A2]] : tensor<1x4xf32>) outs(%{{.*}} : tensor<2x1x4xf32>)
// CHECK: %[[MM:.*]] = linalg.batch_matmul ins(%[[BA]], %{{.*}} : tensor<2x1x4xf32>, tensor<2x4x5xf32>) outs(%{{.*}} : tensor<2x1x5xf32>)
// CHECK: %[[RES:.*]] = tensor.collapse_shape %[[MM]] {{\[\[}}0, 1], [2]] : tensor<2x1x5xf32> into tensor<2x5xf32>
// CHECK: return %[[RES]]
func.func @matmul_vec_batched(%a: tensor<4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x5xf32> {
  %0 = rect.matmul %a, %b : tensor<4xf32>, tensor<2x4x5xf32> -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// Rank-4 batches with equal batch dims: collapse to one batch dim, no copy.
// CHECK-LABEL: func.func @matmul_rank4(
// CHECK-SAME: %[[A:.*]]: tensor<2x3x4x5xf32>, %[[B:.*]]: tensor<2x3x5x6xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[CA:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1], [2], [3]] : tensor<2x3x4x5xf32> into tensor<6x4x5xf32>
// CHECK: %[[CB:.*]] = tensor.collapse_shape %[[B]] {{\[\[}}0, 1], [2], [3]] : tensor<2x3x5x6xf32> into tensor<6x5x6xf32>
// CHECK: %[[MM:.*]] = linalg.batch_matmul ins(%[[CA]], %[[CB]] : tensor<6x4x5xf32>, tensor<6x5x6xf32>) outs(%{{.*}} : tensor<6x4x6xf32>)
// CHECK: %[[RES:.*]] = tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2], [3]] output_shape [2, 3, 4, 6] : tensor<6x4x6xf32> into tensor<2x3x4x6xf32>
// CHECK: return %[[RES]]
func.func @matmul_rank4(%a: tensor<2x3x4x5xf32>, %b: tensor<2x3x5x6xf32>) -> tensor<2x3x4x6xf32> {
  %0 = rect.matmul %a, %b : tensor<2x3x4x5xf32>, tensor<2x3x5x6xf32> -> tensor<2x3x4x6xf32>
  return %0 : tensor<2x3x4x6xf32>
}
