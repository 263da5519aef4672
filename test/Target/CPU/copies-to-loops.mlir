// RUN: rectify-opt %s -rectify-cpu-copies-to-loops | FileCheck %s

// Copies must not become calls into MLIR's runner utilities. Rows contiguous
// on both sides are copied one vector per row, in loops over the other dims.
// CHECK-LABEL: func.func @strided_copy
// CHECK: scf.for %[[R:.*]] = %c0 to %c4 step %c1
// CHECK: %[[ROW:.*]] = vector.transfer_read %{{.*}}[%[[R]], %c0], %{{.*}} {in_bounds = [true]} : memref<4x2xf32, strided<[4, 1]>>, vector<2xf32>
// CHECK: vector.transfer_write %[[ROW]], %{{.*}}[%[[R]], %c0] {in_bounds = [true]} : vector<2xf32>, memref<4x2xf32>
// CHECK-NOT: memref.copy
func.func @strided_copy(%src: memref<4x4xf32>, %dst: memref<4x2xf32>) {
  %s = memref.subview %src[0, 0] [4, 2] [1, 1] : memref<4x4xf32> to memref<4x2xf32, strided<[4, 1]>>
  memref.copy %s, %dst : memref<4x2xf32, strided<[4, 1]>> to memref<4x2xf32>
  return
}

// Rows that are strided, of dynamic length or longer than 256 elements stay
// linalg.copy (lowered to loops later).
// CHECK-LABEL: func.func @strided_rows
// CHECK: linalg.copy ins(%{{.*}} : memref<4x2xf32, strided<[4, 2]>>) outs(%{{.*}} : memref<4x2xf32>)
// CHECK-NOT: vector.transfer_read
func.func @strided_rows(%src: memref<4x4xf32>, %dst: memref<4x2xf32>) {
  %s = memref.subview %src[0, 0] [4, 2] [1, 2] : memref<4x4xf32> to memref<4x2xf32, strided<[4, 2]>>
  memref.copy %s, %dst : memref<4x2xf32, strided<[4, 2]>> to memref<4x2xf32>
  return
}

// CHECK-LABEL: func.func @dynamic_rows
// CHECK: linalg.copy
// CHECK-NOT: vector.transfer_read
func.func @dynamic_rows(%src: memref<4x?xf32>, %dst: memref<4x?xf32>) {
  memref.copy %src, %dst : memref<4x?xf32> to memref<4x?xf32>
  return
}

// CHECK-LABEL: func.func @long_rows
// CHECK: linalg.copy
// CHECK-NOT: vector.transfer_read
func.func @long_rows(%src: memref<2x257xf32>, %dst: memref<2x257xf32>) {
  memref.copy %src, %dst : memref<2x257xf32> to memref<2x257xf32>
  return
}
