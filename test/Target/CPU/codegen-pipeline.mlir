// RUN: rectify-opt %s --rectify-cpu-codegen | FileCheck %s

// The whole pipeline reaches the LLVM dialect, with the FMAs of the register
// tile and a C interface wrapper taking memref descriptors.
// CHECK: llvm.func @linear
// CHECK: llvm.intr.fmuladd
// CHECK: llvm.func @_mlir_ciface_linear(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-NOT: linalg.
// CHECK-NOT: vector.contract
func.func @linear(%x: tensor<?x64xf32>) -> tensor<?x32xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<0.5> : tensor<64x32xf32>
  %m = tensor.dim %x, %c0 : tensor<?x64xf32>
  %e = tensor.empty(%m) : tensor<?x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x32xf32>) -> tensor<?x32xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<?x64xf32>, tensor<64x32xf32>) outs(%f : tensor<?x32xf32>) -> tensor<?x32xf32>
  return %mm : tensor<?x32xf32>
}
