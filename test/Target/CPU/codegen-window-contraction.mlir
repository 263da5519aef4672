// RUN: rectify-opt %s --rectify-cpu-codegen | FileCheck %s

// A convolution read in place, through the whole pipeline: the 8 x 32
// accumulator tile is transposed for its NCHW store by one shuffle of the
// flattened tile (vector-transpose-lowering=shuffle1d), not 256 element
// extracts and inserts.
// CHECK: llvm.func @window_contraction
// CHECK: llvm.intr.fmuladd
// CHECK: llvm.shufflevector %{{.*}}, %{{.*}} [0, 32, 64, 96, 128, 160, 192, 224, 1, 33, 65, 97, {{.*}}] : vector<256xf32>
// CHECK-NOT: linalg.
// CHECK-NOT: vector.transpose
#in = affine_map<(n, y, x, f, i, j, c) -> (n, c, y + i, x + j)>
#w = affine_map<(n, y, x, f, i, j, c) -> (i, j, c, f)>
#acc = affine_map<(n, y, x, f, i, j, c) -> (n, y, x, f)>
#id = affine_map<(n, y, x, f) -> (n, y, x, f)>
#ch = affine_map<(n, y, x, f) -> (f)>
#nchw = affine_map<(n, y, x, f) -> (n, f, y, x)>
func.func @window_contraction(%p: tensor<1x8x10x18xf32>, %b: tensor<64xf32>) -> tensor<1x64x8x16xf32> {
  %w = arith.constant dense<0.5> : tensor<3x3x8x64xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x16x64xf32>
  %a = linalg.fill ins(%z : f32) outs(%e : tensor<1x8x16x64xf32>) -> tensor<1x8x16x64xf32>
  %s = linalg.generic {indexing_maps = [#in, #w, #acc], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%p, %w : tensor<1x8x10x18xf32>, tensor<3x3x8x64xf32>) outs(%a : tensor<1x8x16x64xf32>) {
  ^bb0(%x: f32, %k: f32, %o: f32):
    %m = arith.mulf %x, %k : f32
    %r = arith.addf %o, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x8x16x64xf32>
  %e2 = tensor.empty() : tensor<1x64x8x16xf32>
  %y = linalg.generic {indexing_maps = [#id, #ch, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s, %b : tensor<1x8x16x64xf32>, tensor<64xf32>) outs(%e2 : tensor<1x64x8x16xf32>) {
  ^bb0(%v: f32, %bb: f32, %o: f32):
    %t = arith.addf %v, %bb : f32
    %u = arith.maximumf %t, %z : f32
    linalg.yield %u : f32
  } -> tensor<1x64x8x16xf32>
  return %y : tensor<1x64x8x16xf32>
}
