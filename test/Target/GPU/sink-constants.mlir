// RUN: rectify-opt %s --pass-pipeline="builtin.module(func.func(rectify-gpu-sink-constants))" | FileCheck %s

// Constants used in the body move in; the constant block size becomes a
// constant in the body; memref.dim and other host values stay outside.
// CHECK-LABEL: func.func @launch(
// CHECK: %[[N:.*]] = memref.dim
// CHECK: gpu.launch
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: arith.muli %{{.*}}, %[[C4]] : index
// CHECK: arith.cmpi ult, %{{.*}}, %[[N]] : index
// CHECK: memref.store %[[HALF]]
func.func @launch(%buffer: memref<?xf32>, %grid: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %half = arith.constant 0.5 : f32
  %n = memref.dim %buffer, %c0 : memref<?xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %grid, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
    %base = arith.muli %bx, %sx : index
    %i = arith.addi %base, %tx : index
    %inside = arith.cmpi ult, %i, %n : index
    scf.if %inside {
      memref.store %half, %buffer[%i] : memref<?xf32>
    }
    gpu.terminator
  }
  return
}

// -----

// A block size only known at run time stays an argument of the body.
// CHECK-LABEL: func.func @dynamic_block(
// CHECK: gpu.launch {{.*}} threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%[[SX:.*]] = %arg1
// CHECK: arith.muli %{{.*}}, %[[SX]] : index
func.func @dynamic_block(%buffer: memref<?xf32>, %threads: index) {
  %c1 = arith.constant 1 : index
  %half = arith.constant 0.5 : f32
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %threads, %sy = %c1, %sz = %c1) {
    %base = arith.muli %bx, %sx : index
    %i = arith.addi %base, %tx : index
    memref.store %half, %buffer[%i] : memref<?xf32>
    gpu.terminator
  }
  return
}
