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

// A fill of a strided box (a padded buffer's side columns: 96 x 113 runs of
// two zeros, a right pad and the next row's left pad) is one vector store
// per run, the channel loop marked for threads (10848 runs, each on its own
// cache line). A contiguous fill, a small one and one inside a tile loop
// are left to LLVM, or stay sequential.
// CHECK-LABEL: func.func @side_columns
// CHECK: %[[Z:.*]] = vector.broadcast %{{.*}} : f32 to vector<2xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c1{{.*}} step %c1 {
// CHECK: scf.for %{{.*}} = %c0 to %c96 step %c1 {
// CHECK: scf.for %[[R:.*]] = %c0 to %c113 step %c1 {
// CHECK: vector.transfer_write %[[Z]], %{{.*}}[%{{.*}}, %{{.*}}, %[[R]], %c0] {in_bounds = [true]} : vector<2xf32>, memref<1x96x113x2xf32, strided<[1247616, 12996, 114, 1], offset: 113>>
// CHECK-NEXT: {{^ +\}$}}
// CHECK-NEXT: } {rectify.parallel}
// CHECK-NOT: linalg.fill
// CHECK: return
func.func @side_columns(%padded: memref<1x96x114x114xf32>) {
  %zero = arith.constant 0.0 : f32
  %flat = memref.collapse_shape %padded [[0], [1], [2, 3]] : memref<1x96x114x114xf32> into memref<1x96x12996xf32>
  %span = memref.subview %flat[0, 0, 113] [1, 96, 12882] [1, 1, 1] : memref<1x96x12996xf32> to memref<1x96x12882xf32, strided<[1247616, 12996, 1], offset: 113>>
  %runs = memref.expand_shape %span [[0], [1], [2, 3]] output_shape [1, 96, 113, 114] : memref<1x96x12882xf32, strided<[1247616, 12996, 1], offset: 113>> into memref<1x96x113x114xf32, strided<[1247616, 12996, 114, 1], offset: 113>>
  %sides = memref.subview %runs[0, 0, 0, 0] [1, 96, 113, 2] [1, 1, 1, 1] : memref<1x96x113x114xf32, strided<[1247616, 12996, 114, 1], offset: 113>> to memref<1x96x113x2xf32, strided<[1247616, 12996, 114, 1], offset: 113>>
  linalg.fill ins(%zero : f32) outs(%sides : memref<1x96x113x2xf32, strided<[1247616, 12996, 114, 1], offset: 113>>)
  return
}

// CHECK-LABEL: func.func @fills_left_alone
// CHECK-NOT: rectify.parallel
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<1x96x114x114xf32>)
// CHECK: vector.transfer_write %{{.*}} : vector<1xf32>, memref<4x6x1xf32, strided<[48, 8, 1], offset: 7>>
// CHECK: scf.for
// CHECK: vector.transfer_write %{{.*}} : vector<2xf32>
// CHECK-NOT: rectify.parallel
// CHECK: return
func.func @fills_left_alone(%padded: memref<1x96x114x114xf32>, %small: memref<4x6x8xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x96x114x114xf32>)
  %column = memref.subview %small[0, 0, 7] [4, 6, 1] [1, 1, 1] : memref<4x6x8xf32> to memref<4x6x1xf32, strided<[48, 8, 1], offset: 7>>
  linalg.fill ins(%zero : f32) outs(%column : memref<4x6x1xf32, strided<[48, 8, 1], offset: 7>>)
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c2 step %c1 {
    %sides = memref.subview %padded[0, 0, 0, 0] [1, 96, 114, 2] [1, 1, 1, 1] : memref<1x96x114x114xf32> to memref<1x96x114x2xf32, strided<[1247616, 12996, 114, 1]>>
    linalg.fill ins(%zero : f32) outs(%sides : memref<1x96x114x2xf32, strided<[1247616, 12996, 114, 1]>>)
  }
  return
}

// The border of one padded buffer (the top row, the bottom row and the side
// columns as runs of two; only views between the fills) is written in one
// loop nest over the images and channels, each part's rows inside, so one
// parallel region fills it and each plane's border is written by one
// thread. A fill after an op with memory effects starts a new group.
// CHECK-LABEL: func.func @border_group
// CHECK-DAG: %[[PAIR:.*]] = vector.broadcast %{{.*}} : f32 to vector<2xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c1{{.*}} step %c1 {
// CHECK: scf.for %[[C:.*]] = %c0 to %c384 step %c1 {
// CHECK: vector.transfer_write %{{.*}}, %{{.*}}[%{{.*}}, %[[C]], %{{.*}}, %c0{{.*}}] {{.*}} : vector<16xf32>, memref<1x384x1x16xf32, strided<[98304, 256, 16, 1]>>
// CHECK: vector.transfer_write %{{.*}}, %{{.*}}[%{{.*}}, %[[C]], %{{.*}}, %c0{{.*}}] {{.*}} : vector<16xf32>, memref<1x384x1x16xf32, strided<[98304, 256, 16, 1], offset: 240>>
// CHECK: scf.for %[[R:.*]] = %c0{{.*}} to %c15 step %c1
// CHECK-NEXT: vector.transfer_write %[[PAIR]], %{{.*}}[%{{.*}}, %[[C]], %[[R]], %c0{{.*}}] {{.*}} : vector<2xf32>
// CHECK: } {rectify.parallel}
// CHECK: vector.transfer_read %arg2
// CHECK: scf.for
// CHECK: vector.transfer_write {{.*}} : vector<2xf32>, memref<1x384x16x2xf32
// CHECK: } {rectify.parallel}
// CHECK: return
func.func @border_group(%padded: memref<1x384x16x16xf32>, %other: memref<1x384x16x16xf32>, %src: memref<4xf32>, %dst: memref<4xf32>) {
  %zero = arith.constant 0.0 : f32
  %top = memref.subview %padded[0, 0, 0, 0] [1, 384, 1, 16] [1, 1, 1, 1] : memref<1x384x16x16xf32> to memref<1x384x1x16xf32, strided<[98304, 256, 16, 1]>>
  linalg.fill ins(%zero : f32) outs(%top : memref<1x384x1x16xf32, strided<[98304, 256, 16, 1]>>)
  %bottom = memref.subview %padded[0, 0, 15, 0] [1, 384, 1, 16] [1, 1, 1, 1] : memref<1x384x16x16xf32> to memref<1x384x1x16xf32, strided<[98304, 256, 16, 1], offset: 240>>
  linalg.fill ins(%zero : f32) outs(%bottom : memref<1x384x1x16xf32, strided<[98304, 256, 16, 1], offset: 240>>)
  %flat = memref.collapse_shape %padded [[0], [1], [2, 3]] : memref<1x384x16x16xf32> into memref<1x384x256xf32>
  %span = memref.subview %flat[0, 0, 15] [1, 384, 240] [1, 1, 1] : memref<1x384x256xf32> to memref<1x384x240xf32, strided<[98304, 256, 1], offset: 15>>
  %runs = memref.expand_shape %span [[0], [1], [2, 3]] output_shape [1, 384, 15, 16] : memref<1x384x240xf32, strided<[98304, 256, 1], offset: 15>> into memref<1x384x15x16xf32, strided<[98304, 256, 16, 1], offset: 15>>
  %sides = memref.subview %runs[0, 0, 0, 0] [1, 384, 15, 2] [1, 1, 1, 1] : memref<1x384x15x16xf32, strided<[98304, 256, 16, 1], offset: 15>> to memref<1x384x15x2xf32, strided<[98304, 256, 16, 1], offset: 15>>
  linalg.fill ins(%zero : f32) outs(%sides : memref<1x384x15x2xf32, strided<[98304, 256, 16, 1], offset: 15>>)
  memref.copy %src, %dst : memref<4xf32> to memref<4xf32>
  %left = memref.subview %other[0, 0, 0, 0] [1, 384, 16, 2] [1, 1, 1, 1] : memref<1x384x16x16xf32> to memref<1x384x16x2xf32, strided<[98304, 256, 16, 1]>>
  linalg.fill ins(%zero : f32) outs(%left : memref<1x384x16x2xf32, strided<[98304, 256, 16, 1]>>)
  return
}
