// RUN: rectify-opt %s -rectify-cpu-copies-to-loops | FileCheck %s

// Strided copies must not become calls into MLIR's runner utilities.
// CHECK-LABEL: func.func @strided_copy
// CHECK: linalg.copy ins(%{{.*}} : memref<4x2xf32, strided<[4, 1]>>) outs(%{{.*}} : memref<4x2xf32>)
// CHECK-NOT: memref.copy
func.func @strided_copy(%src: memref<4x4xf32>, %dst: memref<4x2xf32>) {
  %s = memref.subview %src[0, 0] [4, 2] [1, 1] : memref<4x4xf32> to memref<4x2xf32, strided<[4, 1]>>
  memref.copy %s, %dst : memref<4x2xf32, strided<[4, 1]>> to memref<4x2xf32>
  return
}
