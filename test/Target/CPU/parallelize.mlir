// RUN: rectify-opt %s -rectify-cpu-parallelize -split-input-file | FileCheck %s

// A marked loop without results becomes an scf.parallel with the same bounds.
// CHECK-LABEL: func.func @marked
// CHECK: scf.parallel (%[[I:.*]]) = (%c0) to (%c16) step (%c8)
// CHECK:   memref.subview %{{.*}}[%[[I]], 0]
// CHECK:   scf.reduce
// CHECK-NOT: rectify.parallel
func.func @marked(%m: memref<16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c16 step %c8 {
    %s = memref.subview %m[%i, 0] [8, 4] [1, 1] : memref<16x4xf32> to memref<8x4xf32, strided<[4, 1], offset: ?>>
    linalg.fill ins(%zero : f32) outs(%s : memref<8x4xf32, strided<[4, 1], offset: ?>>)
  } {rectify.parallel}
  return
}

// -----

// Unmarked loops, and loops still carrying values, stay sequential.
// CHECK-LABEL: func.func @not_parallel
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK: scf.for
func.func @not_parallel(%m: memref<16xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    memref.store %zero, %m[%i] : memref<16xf32>
  }
  %sum = scf.for %i = %c0 to %c16 step %c1 iter_args(%acc = %zero) -> f32 {
    %v = memref.load %m[%i] : memref<16xf32>
    %a = arith.addf %acc, %v : f32
    scf.yield %a : f32
  } {rectify.parallel}
  return %sum : f32
}

// -----

// Only the outermost of nested marked loops runs in parallel.
// CHECK-LABEL: func.func @nested
// CHECK: scf.parallel
// CHECK-NOT: scf.parallel
// CHECK: scf.for
func.func @nested(%m: memref<16x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c16 step %c1 {
      memref.store %zero, %m[%i, %j] : memref<16x16xf32>
    } {rectify.parallel}
  } {rectify.parallel}
  return
}
