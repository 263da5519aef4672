// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file -verify-diagnostics | FileCheck %s

// rect.rnn lowers to ONE linalg.matmul projecting the input of every time
// step and direction ([T*B, I] x [D*H, I]^T, plus Wb + Rb in an epilogue),
// then per direction an scf.for over time carrying h and Y as iter_args:
// linalg.matmul h x R_d^T, a linalg.generic adding the projection and
// applying clip + activation that writes the slice Y[t, d] (inserted back),
// and a linalg.copy of the new h over the old one (in place). final_h is
// one linalg.generic reading Y at each direction's last step.

// CHECK-DAG: #[[$LAST_FWD:.*]] = affine_map<(d0, d1, d2) -> (4, d0, d1, d2)>
// CHECK-LABEL: func.func @forward_bias(
// CHECK-SAME: %[[X:.*]]: tensor<5x?x3xf32>, %[[W:.*]]: tensor<1x4x3xf32>, %[[R:.*]]: tensor<1x4x4xf32>, %[[B:.*]]: tensor<1x8xf32>)
// CHECK: %[[BATCH:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<5x?x3xf32>
// CHECK: %[[XM:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<5x?x3xf32> into tensor<?x3xf32>
// CHECK: %[[WM:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0, 1], [2]] : tensor<1x4x3xf32> into tensor<4x3xf32>
// CHECK: %[[XW:.*]] = linalg.matmul {{.*}} ins(%[[XM]], %[[WM]] : tensor<?x3xf32>, tensor<4x3xf32>) outs(%{{.*}} : tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[WB:.*]] = tensor.extract_slice %[[B]][0, 0] [1, 4] [1, 1] : tensor<1x8xf32> to tensor<1x4xf32>
// CHECK: %[[RB:.*]] = tensor.extract_slice %[[B]][0, 4] [1, 4] [1, 1] : tensor<1x8xf32> to tensor<1x4xf32>
// CHECK: %[[BSUM:.*]] = linalg.generic {{.*}} ins(%[[WB]], %[[RB]] : tensor<1x4xf32>, tensor<1x4xf32>)
// CHECK: %[[BFLAT:.*]] = tensor.collapse_shape %[[BSUM]]
// CHECK: %[[PROJ:.*]] = linalg.generic {{.*}} ins(%[[XW]], %[[BFLAT]] : tensor<?x4xf32>, tensor<4xf32>)
// CHECK: %[[P:.*]] = tensor.expand_shape %[[PROJ]] {{\[}}[0, 1], [2, 3]] output_shape [5, %[[BATCH]], 1, 4] : tensor<?x4xf32> into tensor<5x?x1x4xf32>
// CHECK: %[[Y0:.*]] = tensor.empty(%[[BATCH]]) : tensor<5x1x?x4xf32>
// CHECK: %[[H0:.*]] = tensor.empty(%[[BATCH]]) : tensor<1x?x4xf32>
// CHECK: %[[R0:.*]] = tensor.extract_slice %[[R]][0, 0, 0] [1, 4, 4] [1, 1, 1] : tensor<1x4x4xf32> to tensor<4x4xf32>
// CHECK: %[[ZERO_H:.*]] = linalg.fill {{.*}} -> tensor<?x4xf32>
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[H:.*]] = %[[ZERO_H]], %[[Y:.*]] = %[[Y0]]) -> (tensor<?x4xf32>, tensor<5x1x?x4xf32>) {
// CHECK:   %[[PT:.*]] = tensor.extract_slice %[[P]][%[[T]], 0, 0, 0] [1, %[[BATCH]], 1, 4] [1, 1, 1, 1] : tensor<5x?x1x4xf32> to tensor<?x4xf32>
// CHECK:   %[[HR:.*]] = linalg.matmul {{.*}} ins(%[[H]], %[[R0]] : tensor<?x4xf32>, tensor<4x4xf32>)
// CHECK:   %[[YS:.*]] = tensor.extract_slice %[[Y]][%[[T]], 0, 0, 0] [1, 1, %[[BATCH]], 4] [1, 1, 1, 1] : tensor<5x1x?x4xf32> to tensor<?x4xf32>
// CHECK:   %[[NEXT:.*]] = linalg.generic {{.*}} ins(%[[HR]], %[[PT]] : tensor<?x4xf32>, tensor<?x4xf32>) outs(%[[YS]] : tensor<?x4xf32>)
// CHECK:     arith.addf
// CHECK-NEXT: arith.constant 0.000000e+00 : f32
// CHECK-NEXT: arith.maximumf
// CHECK:   %[[YT:.*]] = tensor.insert_slice %[[NEXT]] into %[[Y]][%[[T]], 0, 0, 0] [1, 1, %[[BATCH]], 4] [1, 1, 1, 1] : tensor<?x4xf32> into tensor<5x1x?x4xf32>
// CHECK:   %[[HN:.*]] = linalg.copy ins(%[[NEXT]] : tensor<?x4xf32>) outs(%[[H]] : tensor<?x4xf32>)
// CHECK:   scf.yield %[[HN]], %[[YT]] : tensor<?x4xf32>, tensor<5x1x?x4xf32>
// CHECK: %[[FINAL:.*]] = linalg.generic {indexing_maps = [#[[$LAST_FWD]], #{{.*}}]{{.*}} ins(%[[LOOP]]#1 : tensor<5x1x?x4xf32>) outs(%[[H0]] : tensor<1x?x4xf32>)
// CHECK: return %[[LOOP]]#1, %[[FINAL]]
func.func @forward_bias(%x: tensor<5x?x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %b: tensor<1x8xf32>)
    -> (tensor<5x1x?x4xf32>, tensor<1x?x4xf32>) {
  %y, %h = rect.rnn %x, %w, %r bias(%b) {direction = #rect.direction<forward>, activations = [#rect.act<relu>]}
      : (tensor<5x?x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<1x8xf32>) -> (tensor<5x1x?x4xf32>, tensor<1x?x4xf32>)
  return %y, %h : tensor<5x1x?x4xf32>, tensor<1x?x4xf32>
}

// -----

// Without a bias the projection has no epilogue; reverse runs t' = T-1-t;
// h starts as a copy of initial_h[0]; clip bounds the pre-activation;
// final_h reads Y at time 0.
// CHECK-DAG: #[[$LAST_REV:.*]] = affine_map<(d0, d1, d2) -> (0, d0, d1, d2)>
// CHECK-LABEL: func.func @reverse_initial_clip(
// CHECK-SAME: %[[X:.*]]: tensor<5x2x3xf32>, %[[W:.*]]: tensor<1x4x3xf32>, %[[R:.*]]: tensor<1x4x4xf32>, %[[H0:.*]]: tensor<1x2x4xf32>)
// CHECK: %[[XW:.*]] = linalg.matmul
// CHECK-NOT: linalg.generic
// CHECK: %[[P:.*]] = tensor.expand_shape %[[XW]]
// CHECK: %[[LAST:.*]] = arith.subi
// CHECK: %[[H0D:.*]] = tensor.extract_slice %[[H0]][0, 0, 0] [1, 2, 4] [1, 1, 1] : tensor<1x2x4xf32> to tensor<2x4xf32>
// CHECK: %[[INIT:.*]] = linalg.copy ins(%[[H0D]] : tensor<2x4xf32>)
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[T:.*]] = {{.*}} iter_args(%{{.*}} = %[[INIT]], %{{.*}} = %{{.*}})
// CHECK:   %[[TIME:.*]] = arith.subi %[[LAST]], %[[T]] : index
// CHECK:   tensor.extract_slice %[[P]][%[[TIME]], 0, 0, 0]
// CHECK:   linalg.generic
// CHECK:     arith.addf
// CHECK:     arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK:     arith.minimumf %{{.*}}, %{{.*}} : f32
// CHECK:     math.tanh
// CHECK:   tensor.insert_slice %{{.*}} into %{{.*}}[%[[TIME]], 0, 0, 0]
// CHECK: linalg.generic {indexing_maps = [#[[$LAST_REV]], #{{.*}}]{{.*}} ins(%[[LOOP]]#1
func.func @reverse_initial_clip(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %h0: tensor<1x2x4xf32>)
    -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %h = rect.rnn %x, %w, %r initial_h(%h0) {direction = #rect.direction<reverse>, activations = [#rect.act<tanh>], clip = 2.0 : f32}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<1x2x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %h : tensor<5x1x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// Bidirectional: one projection for both directions ([T*B, 2H]), then the
// forward loop and the reverse loop, chained through Y; final_h reads
// Y[4, 0] and Y[0, 1] through (4 - 4 * d0, d0, ...).
// CHECK-DAG: #[[$LAST_BI:.*]] = affine_map<(d0, d1, d2) -> (d0 * -4 + 4, d0, d1, d2)>
// CHECK-LABEL: func.func @bidirectional(
// CHECK: linalg.matmul {{.*}} -> tensor<10x8xf32>
// CHECK: tensor.expand_shape {{.*}} into tensor<5x2x2x4xf32>
// CHECK: %[[FWD:.*]]:2 = scf.for
// CHECK:   tensor.extract_slice %{{.*}}[%{{.*}}, 0, 0, 0] [1, 2, 1, 4]
// CHECK:   arith.maximumf
// CHECK:   tensor.insert_slice %{{.*}} into %{{.*}}[%{{.*}}, 0, 0, 0] [1, 1, 2, 4]
// CHECK: %[[BWD:.*]]:2 = scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %[[FWD]]#1)
// CHECK:   arith.subi
// CHECK:   tensor.extract_slice %{{.*}}[%{{.*}}, 0, 1, 0] [1, 2, 1, 4]
// CHECK:   arith.negf
// CHECK:   tensor.insert_slice %{{.*}} into %{{.*}}[%{{.*}}, 1, 0, 0] [1, 1, 2, 4]
// CHECK: %[[HB:.*]] = linalg.generic {indexing_maps = [#[[$LAST_BI]], #{{.*}}]{{.*}} ins(%[[BWD]]#1
// CHECK: return %[[BWD]]#1, %[[HB]]
func.func @bidirectional(%x: tensor<5x2x3xf32>, %w: tensor<2x4x3xf32>, %r: tensor<2x4x4xf32>)
    -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>) {
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<bidirectional>, activations = [#rect.act<relu>, #rect.act<sigmoid>]}
      : (tensor<5x2x3xf32>, tensor<2x4x3xf32>, tensor<2x4x4xf32>) -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>)
  return %y, %h : tensor<5x2x2x4xf32>, tensor<2x2x4xf32>
}

// -----

// Negative: a dynamic hidden size is not lowered.
func.func @dynamic_hidden(%x: tensor<5x2x3xf32>, %w: tensor<1x?x3xf32>, %r: tensor<1x?x?xf32>)
    -> (tensor<5x1x2x?xf32>, tensor<1x2x?xf32>) {
  // expected-error @+1 {{failed to legalize operation 'rect.rnn'}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<relu>]}
      : (tensor<5x2x3xf32>, tensor<1x?x3xf32>, tensor<1x?x?xf32>) -> (tensor<5x1x2x?xf32>, tensor<1x2x?xf32>)
  return %y, %h : tensor<5x1x2x?xf32>, tensor<1x2x?xf32>
}
