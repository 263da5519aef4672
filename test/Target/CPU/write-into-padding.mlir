// RUN: rectify-opt %s -split-input-file -pass-pipeline="builtin.module(func.func(rectify-cpu-write-into-padding))" | FileCheck %s

// The padded tensor (border filled, interior inserted) is built before the
// epilogue that computes the interior, from a buffer of its own, and the
// epilogue writes its interior slice: no copy into the padding.
// CHECK-LABEL: func.func @epilogue_into_padding
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() : tensor<1x2x6x6xf32>
// CHECK: %[[TOP:.*]] = tensor.extract_slice %[[BUF]][0, 0, 0, 0] [1, 2, 1, 6]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[TOP]] : tensor<1x2x1x6xf32>)
// CHECK: %[[PADDED:.*]] = tensor.insert_slice %{{.*}} into %[[BUF]][0, 0, 0, 0] [1, 2, 1, 6]
// CHECK: %[[SLOT:.*]] = tensor.extract_slice %[[PADDED]][0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1] : tensor<1x2x6x6xf32> to tensor<1x2x4x4xf32>
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1x2x4x4xf32>) outs(%[[SLOT]] : tensor<1x2x4x4xf32>)
// CHECK: arith.maximumf
// CHECK: %[[R:.*]] = tensor.insert_slice %[[Y]] into %[[PADDED]][0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1]
// CHECK: return %[[R]]
#id = affine_map<(n, c, y, x) -> (n, c, y, x)>
func.func @epilogue_into_padding(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x6x6xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x4x4xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x2x4x4xf32>) outs(%e : tensor<1x2x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %a, %z : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x4xf32>
  %p = tensor.empty() : tensor<1x2x6x6xf32>
  %top = tensor.extract_slice %p[0, 0, 0, 0] [1, 2, 1, 6] [1, 1, 1, 1] : tensor<1x2x6x6xf32> to tensor<1x2x1x6xf32>
  %topf = linalg.fill ins(%z : f32) outs(%top : tensor<1x2x1x6xf32>) -> tensor<1x2x1x6xf32>
  %p1 = tensor.insert_slice %topf into %p[0, 0, 0, 0] [1, 2, 1, 6] [1, 1, 1, 1] : tensor<1x2x1x6xf32> into tensor<1x2x6x6xf32>
  %r = tensor.insert_slice %y into %p1[0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1] : tensor<1x2x4x4xf32> into tensor<1x2x6x6xf32>
  return %r : tensor<1x2x6x6xf32>
}

// -----

// The lowering's order: the interior inserted into a fresh tensor, then the
// border filled. Only the fresh tensor moves before the epilogue (as its
// own buffer); the fills stay after it, where the rows they touch are
// already in cache.
// CHECK-LABEL: func.func @interior_first
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() : tensor<1x2x6x6xf32>
// CHECK: %[[SLOT:.*]] = tensor.extract_slice %[[BUF]][0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1]
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} outs(%[[SLOT]] : tensor<1x2x4x4xf32>)
// CHECK: %[[IN:.*]] = tensor.insert_slice %[[Y]] into %[[BUF]][0, 0, 1, 1]
// CHECK: %[[TOP:.*]] = tensor.extract_slice %[[IN]][0, 0, 0, 0] [1, 2, 1, 6]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[TOP]] : tensor<1x2x1x6xf32>)
#id3 = affine_map<(n, c, y, x) -> (n, c, y, x)>
func.func @interior_first(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x6x6xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x4x4xf32>
  %y = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x2x4x4xf32>) outs(%e : tensor<1x2x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %a, %z : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x4xf32>
  %p = tensor.empty() : tensor<1x2x6x6xf32>
  %p1 = tensor.insert_slice %y into %p[0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1] : tensor<1x2x4x4xf32> into tensor<1x2x6x6xf32>
  %top = tensor.extract_slice %p1[0, 0, 0, 0] [1, 2, 1, 6] [1, 1, 1, 1] : tensor<1x2x6x6xf32> to tensor<1x2x1x6xf32>
  %topf = linalg.fill ins(%z : f32) outs(%top : tensor<1x2x1x6xf32>) -> tensor<1x2x1x6xf32>
  %r = tensor.insert_slice %topf into %p1[0, 0, 0, 0] [1, 2, 1, 6] [1, 1, 1, 1] : tensor<1x2x1x6xf32> into tensor<1x2x6x6xf32>
  return %r : tensor<1x2x6x6xf32>
}

// -----

// Unchanged: a producer that reads its output (it accumulates into it), and
// a padding whose size depends on the producer's result.
// CHECK-LABEL: func.func @not_rewritten
// CHECK-NOT: bufferization.alloc_tensor
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x4x4xf32>)
// CHECK: tensor.insert_slice %[[Y]]
// CHECK: %[[E2:.*]] = tensor.empty(%{{.*}}) : tensor<?x2x4x4xf32>
// CHECK: %[[W:.*]] = linalg.generic {{.*}} outs(%[[E2]] : tensor<?x2x4x4xf32>)
// CHECK: tensor.dim %[[W]]
#id2 = affine_map<(n, c, y, x) -> (n, c, y, x)>
func.func @not_rewritten(%x: tensor<1x2x4x4xf32>, %v: tensor<?x2x4x4xf32>) -> (tensor<1x2x6x6xf32>, tensor<?x2x6x6xf32>) {
  %z = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %e = tensor.empty() : tensor<1x2x4x4xf32>
  %y = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x2x4x4xf32>) outs(%e : tensor<1x2x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %a, %o : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x4xf32>
  %p = tensor.empty() : tensor<1x2x6x6xf32>
  %f = linalg.fill ins(%z : f32) outs(%p : tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  %r = tensor.insert_slice %y into %f[0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1] : tensor<1x2x4x4xf32> into tensor<1x2x6x6xf32>
  %n = tensor.dim %v, %c0 : tensor<?x2x4x4xf32>
  %e2 = tensor.empty(%n) : tensor<?x2x4x4xf32>
  %w = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v : tensor<?x2x4x4xf32>) outs(%e2 : tensor<?x2x4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.maximumf %a, %z : f32
    linalg.yield %s : f32
  } -> tensor<?x2x4x4xf32>
  %m = tensor.dim %w, %c0 : tensor<?x2x4x4xf32>
  %q = tensor.empty(%m) : tensor<?x2x6x6xf32>
  %g = linalg.fill ins(%z : f32) outs(%q : tensor<?x2x6x6xf32>) -> tensor<?x2x6x6xf32>
  %s = tensor.insert_slice %w into %g[0, 0, 1, 1] [%m, 2, 4, 4] [1, 1, 1, 1] : tensor<?x2x4x4xf32> into tensor<?x2x6x6xf32>
  return %r, %s : tensor<1x2x6x6xf32>, tensor<?x2x6x6xf32>
}

// -----

// A concatenation (each input inserted into a fresh tensor): both epilogues
// write their slices of one buffer, the second into the tensor the first
// insert produced, so bufferization copies neither.
// CHECK-LABEL: func.func @epilogues_into_concat
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() : tensor<1x5x4x4xf32>
// CHECK: %[[SLOT0:.*]] = tensor.extract_slice %[[BUF]][0, 0, 0, 0] [1, 2, 4, 4]
// CHECK: %[[A:.*]] = linalg.generic {{.*}} outs(%[[SLOT0]] : tensor<1x2x4x4xf32>)
// CHECK: %[[C0:.*]] = tensor.insert_slice %[[A]] into %[[BUF]][0, 0, 0, 0] [1, 2, 4, 4]
// CHECK: %[[SLOT1:.*]] = tensor.extract_slice %[[C0]][0, 2, 0, 0] [1, 3, 4, 4]
// CHECK: %[[B:.*]] = linalg.generic {{.*}} outs(%[[SLOT1]] : tensor<1x3x4x4xf32>)
// CHECK: %[[C1:.*]] = tensor.insert_slice %[[B]] into %[[C0]][0, 2, 0, 0] [1, 3, 4, 4]
// CHECK: return %[[C1]]
#id4 = affine_map<(n, c, y, x) -> (n, c, y, x)>
func.func @epilogues_into_concat(%x: tensor<1x2x4x4xf32>, %y: tensor<1x3x4x4xf32>) -> tensor<1x5x4x4xf32> {
  %z = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x2x4x4xf32>
  %a = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x2x4x4xf32>) outs(%e0 : tensor<1x2x4x4xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.maximumf %v, %z : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x4xf32>
  %e1 = tensor.empty() : tensor<1x3x4x4xf32>
  %b = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y : tensor<1x3x4x4xf32>) outs(%e1 : tensor<1x3x4x4xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.maximumf %v, %z : f32
    linalg.yield %r : f32
  } -> tensor<1x3x4x4xf32>
  %c = tensor.empty() : tensor<1x5x4x4xf32>
  %c0 = tensor.insert_slice %a into %c[0, 0, 0, 0] [1, 2, 4, 4] [1, 1, 1, 1] : tensor<1x2x4x4xf32> into tensor<1x5x4x4xf32>
  %c1 = tensor.insert_slice %b into %c0[0, 2, 0, 0] [1, 3, 4, 4] [1, 1, 1, 1] : tensor<1x3x4x4xf32> into tensor<1x5x4x4xf32>
  return %c1 : tensor<1x5x4x4xf32>
}
