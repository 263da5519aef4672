// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s

// softmax = exp(x - max) / sum(exp(x - max)) along the axis: a max-reduce
// from -inf, exp of the shifted input, a sum-reduce from 0, and a divide.

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax_last_axis(
// CHECK-SAME: %[[X:.*]]: tensor<?x10xf32>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x10xf32>
// CHECK: %[[E0:.*]] = tensor.empty(%[[DIM]]) : tensor<?xf32>
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[F0:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%[[E0]] : tensor<?xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<?x10xf32>) outs(%[[F0]] : tensor<?xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[M:.*]] = arith.maximumf %[[IN]], %[[ACC]] : f32
// CHECK-NEXT: linalg.yield %[[M]] : f32
// CHECK: %[[E1:.*]] = tensor.empty(%[[DIM]]) : tensor<?x10xf32>
// CHECK: %[[EXPS:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[MAX]] : tensor<?x10xf32>, tensor<?xf32>) outs(%[[E1]] : tensor<?x10xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[MX:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SH:.*]] = arith.subf %[[IN]], %[[MX]] : f32
// CHECK-NEXT: %[[EX:.*]] = math.exp %[[SH]] : f32
// CHECK-NEXT: linalg.yield %[[EX]] : f32
// CHECK: %[[E2:.*]] = tensor.empty(%[[DIM]]) : tensor<?xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F2:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E2]] : tensor<?xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[EXPS]] : tensor<?x10xf32>) outs(%[[F2]] : tensor<?xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[IN]], %[[ACC]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: %[[E3:.*]] = tensor.empty(%[[DIM]]) : tensor<?x10xf32>
// CHECK: %[[RES:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[EXPS]], %[[SUM]] : tensor<?x10xf32>, tensor<?xf32>) outs(%[[E3]] : tensor<?x10xf32>)
// CHECK-NEXT: ^bb0(%[[EV:.*]]: f32, %[[SV:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[D:.*]] = arith.divf %[[EV]], %[[SV]] : f32
// CHECK-NEXT: linalg.yield %[[D]] : f32
// CHECK: return %[[RES]]
func.func @softmax_last_axis(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = rect.softmax %x : tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// -----

// A middle axis: reductions run over d1 and the reduced tensors drop it.
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$RED:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @softmax_middle_axis(
// CHECK: linalg.generic {indexing_maps = [#[[$ID3]], #[[$RED]]], iterator_types = ["parallel", "reduction", "parallel"]} {{.*}} outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: arith.maximumf
// CHECK: linalg.generic {indexing_maps = [#[[$ID3]], #[[$RED]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK: math.exp
// CHECK: linalg.generic {indexing_maps = [#[[$ID3]], #[[$RED]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[$ID3]], #[[$RED]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK: arith.divf
func.func @softmax_middle_axis(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = rect.softmax %x {axis = 1} : tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Negative axis counts from the end; rank 1 reduces to rank 0.
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[$ALL:.*]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @softmax_rank1(
// CHECK: tensor.empty() : tensor<f32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID1]], #[[$ALL]]], iterator_types = ["reduction"]}
func.func @softmax_rank1(%x: tensor<5xf32>) -> tensor<5xf32> {
  %0 = rect.softmax %x {axis = -1} : tensor<5xf32>
  return %0 : tensor<5xf32>
}
