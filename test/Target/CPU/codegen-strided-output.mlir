// RUN: rectify-opt %s --rectify-cpu-codegen | FileCheck %s

// A model whose output is a column slice of its input: the copy into the
// caller's buffer is strided, and compiles to plain loads and stores, not a
// call into MLIR's runner utilities.
// CHECK-LABEL: llvm.func @column_slice
// CHECK-NOT: memrefCopy
func.func @column_slice(%x: tensor<4x4xf32>) -> tensor<4x2xf32> {
  %s = tensor.extract_slice %x[0, 0] [4, 2] [1, 1] : tensor<4x4xf32> to tensor<4x2xf32>
  return %s : tensor<4x2xf32>
}
