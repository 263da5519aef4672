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

// A large copy at the top level (a padding copy: 96 x 112 x 112 floats) has
// its first loop with more than one iteration marked for threads; small
// copies, and copies inside the loops of a tiled op, are not.
// CHECK-LABEL: func.func @large_copy
// CHECK: scf.for %{{.*}} = %c0 to %c1{{.*}} step %c1 {
// CHECK: scf.for %{{.*}} = %c0 to %c96 step %c1 {
// CHECK: scf.for %{{.*}} = %c0 to %c112 step %c1 {
// CHECK: vector.transfer_read {{.*}} vector<112xf32>
// CHECK-NEXT: vector.transfer_write
// CHECK-NEXT: {{^ +\}$}}
// CHECK-NEXT: } {rectify.parallel}
// CHECK-NEXT: {{^ +\}$}}
// CHECK-NEXT: return
func.func @large_copy(%src: memref<1x96x112x112xf32>, %dst: memref<1x96x114x114xf32>) {
  %s = memref.subview %dst[0, 0, 1, 1] [1, 96, 112, 112] [1, 1, 1, 1] : memref<1x96x114x114xf32> to memref<1x96x112x112xf32, strided<[1247616, 12996, 114, 1], offset: 115>>
  memref.copy %src, %s : memref<1x96x112x112xf32> to memref<1x96x112x112xf32, strided<[1247616, 12996, 114, 1], offset: 115>>
  return
}

// CHECK-LABEL: func.func @small_and_nested_copies
// CHECK-NOT: rectify.parallel
// CHECK: return
func.func @small_and_nested_copies(%a: memref<4x8xf32>, %b: memref<4x8xf32>, %src: memref<1x96x112x112xf32>, %dst: memref<1x96x112x112xf32>) {
  memref.copy %a, %b : memref<4x8xf32> to memref<4x8xf32>
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c2 step %c1 {
    memref.copy %src, %dst : memref<1x96x112x112xf32> to memref<1x96x112x112xf32>
  }
  return
}
