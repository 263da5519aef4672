// RUN: rectify-opt %s --split-input-file --rectify-gpu-promote-accumulators | FileCheck %s

// A matmul's K loop: the output element is loaded once before the loop,
// carried as an iteration argument and stored once after it.
// CHECK-LABEL: func.func @matmul_k_loop(
// CHECK-SAME: %[[A:.*]]: memref<?x8xf32>, %[[B:.*]]: memref<4x8xf32>, %[[C:.*]]: memref<?x4xf32>, %[[I:.*]]: index, %[[J:.*]]: index)
// CHECK: %[[INIT:.*]] = memref.load %[[C]][%[[I]], %[[J]]]
// CHECK: %[[SUM:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[INIT]]) -> (f32) {
// CHECK-NOT: memref.load %[[C]]
// CHECK-NOT: memref.store
// CHECK: %[[NEXT:.*]] = arith.addf %[[ACC]], %{{.*}} : f32
// CHECK: scf.yield %[[NEXT]] : f32
// CHECK: memref.store %[[SUM]], %[[C]][%[[I]], %[[J]]]
func.func @matmul_k_loop(%a: memref<?x8xf32>, %b: memref<4x8xf32>, %c: memref<?x4xf32>, %i: index, %j: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %k = %c0 to %c8 step %c1 {
    %x = memref.load %a[%i, %k] : memref<?x8xf32>
    %w = memref.load %b[%j, %k] : memref<4x8xf32>
    %acc = memref.load %c[%i, %j] : memref<?x4xf32>
    %p = arith.mulf %x, %w : f32
    %s = arith.addf %acc, %p : f32
    memref.store %s, %c[%i, %j] : memref<?x4xf32>
  }
  return
}

// -----

// Two nested window loops share one accumulator, promoted out of both.
// CHECK-LABEL: func.func @window(
// CHECK: %[[INIT:.*]] = memref.load %{{.*}}[%{{.*}}] : memref<4xf32>
// CHECK: %[[OUTER:.*]] = scf.for {{.*}} iter_args(%[[ACC0:.*]] = %[[INIT]]) -> (f32) {
// CHECK: %[[INNER:.*]] = scf.for {{.*}} iter_args(%[[ACC1:.*]] = %[[ACC0]]) -> (f32) {
// CHECK: scf.yield %[[INNER]] : f32
// CHECK: memref.store %[[OUTER]]
func.func @window(%in: memref<4x3x3xf32>, %out: memref<4xf32>, %o: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %h = %c0 to %c3 step %c1 {
    scf.for %w = %c0 to %c3 step %c1 {
      %x = memref.load %in[%o, %h, %w] : memref<4x3x3xf32>
      %acc = memref.load %out[%o] : memref<4xf32>
      %s = arith.addf %acc, %x : f32
      memref.store %s, %out[%o] : memref<4xf32>
    }
  }
  return
}

// -----

// Not promoted: the stored index changes in the loop, or the buffer is also
// read at another index.
// CHECK-LABEL: func.func @not_accumulators(
// CHECK-NOT: iter_args
// CHECK: return
func.func @not_accumulators(%buf: memref<8xf32>, %i: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %k = %c0 to %c8 step %c1 {
    %v = memref.load %buf[%k] : memref<8xf32>
    memref.store %v, %buf[%k] : memref<8xf32>
  }
  scf.for %k = %c0 to %c8 step %c1 {
    %v = memref.load %buf[%i] : memref<8xf32>
    %other = memref.load %buf[%k] : memref<8xf32>
    %s = arith.addf %v, %other : f32
    memref.store %s, %buf[%i] : memref<8xf32>
  }
  return
}
