// RUN: rectify-opt %s --split-input-file --rectify-gpu-fuse-parallel-loops | FileCheck %s

// Fill, reduction and epilogue over the same [N, 4] space, passing values
// at the induction variables only: one nest, in program order; the alloc
// between the nests moves above.
// CHECK-LABEL: func.func @layer(
// CHECK: memref.alloc
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) =
// CHECK: memref.store %{{.*}}, %[[T:.*]][%[[I]], %[[J]]]
// CHECK: scf.for
// CHECK: memref.load %[[T]][%[[I]], %[[J]]]
// CHECK: arith.maximumf
// CHECK-NOT: scf.parallel
// CHECK: return
func.func @layer(%x: memref<?x8xf32>, %w: memref<8x4xf32>, %y: memref<?x4xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  %t = memref.alloc(%n) : memref<?x4xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    memref.store %zero, %t[%i, %j] : memref<?x4xf32>
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    scf.for %k = %c0 to %c8 step %c1 {
      %a = memref.load %x[%i, %k] : memref<?x8xf32>
      %b = memref.load %w[%k, %j] : memref<8x4xf32>
      %acc = memref.load %t[%i, %j] : memref<?x4xf32>
      %p = arith.mulf %a, %b : f32
      %s = arith.addf %acc, %p : f32
      memref.store %s, %t[%i, %j] : memref<?x4xf32>
    }
  }
  %out = memref.alloc(%n) : memref<?x4xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    %v = memref.load %t[%i, %j] : memref<?x4xf32>
    %r = arith.maximumf %v, %zero : f32
    memref.store %r, %y[%i, %j] : memref<?x4xf32>
  }
  return
}

// -----

// The next layer reads its input at %k, not at the induction variables: a
// thread would need values other threads compute, so no fusion.
// CHECK-LABEL: func.func @next_layer(
// CHECK: scf.parallel
// CHECK: scf.parallel
func.func @next_layer(%h: memref<?x4xf32>, %w: memref<4x4xf32>, %y: memref<?x4xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    memref.store %zero, %h[%i, %j] : memref<?x4xf32>
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    scf.for %k = %c0 to %c4 step %c1 {
      %a = memref.load %h[%i, %k] : memref<?x4xf32>
      %acc = memref.load %y[%i, %j] : memref<?x4xf32>
      %s = arith.addf %acc, %a : f32
      memref.store %s, %y[%i, %j] : memref<?x4xf32>
    }
  }
  return
}

// -----

// Two views of one buffer, or different bounds, keep the nests apart.
// CHECK-LABEL: func.func @views_and_bounds(
// CHECK-COUNT-3: scf.parallel
func.func @views_and_bounds(%buf: memref<4x4xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %flat = memref.collapse_shape %buf [[0, 1]] : memref<4x4xf32> into memref<16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) {
    memref.store %zero, %buf[%i, %j] : memref<4x4xf32>
  }
  scf.parallel (%i) = (%c0) to (%c16) step (%c1) {
    %v = memref.load %flat[%i] : memref<16xf32>
    memref.store %v, %flat[%i] : memref<16xf32>
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    memref.store %zero, %buf[%i, %j] : memref<4x4xf32>
  }
  return
}

// -----

// Nests that pass no buffer stay apart: the fill of the second layer's
// accumulator does not join the first layer, which it does not read, but
// fuses with the second layer's reduction, whose initial value it becomes.
// CHECK-LABEL: func.func @fill_joins_its_layer(
// CHECK-SAME: %[[H:.*]]: memref<?x4xf32>, %[[ACC:.*]]: memref<?x4xf32>, %[[W:.*]]: memref<4x4xf32>,
// CHECK: scf.parallel
// CHECK-NOT: %[[ACC]]
// CHECK: memref.store %{{.*}}, %[[H]]
// CHECK-NOT: %[[ACC]]
// CHECK: scf.parallel
// CHECK: memref.store %{{.*}}, %[[ACC]]
// CHECK: memref.load %[[ACC]]
func.func @fill_joins_its_layer(%h: memref<?x4xf32>, %acc: memref<?x4xf32>, %w: memref<4x4xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    memref.store %one, %h[%i, %j] : memref<?x4xf32>
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    memref.store %zero, %acc[%i, %j] : memref<?x4xf32>
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    scf.for %k = %c0 to %c4 step %c1 {
      %a = memref.load %h[%i, %k] : memref<?x4xf32>
      %b = memref.load %w[%k, %j] : memref<4x4xf32>
      %p = arith.mulf %a, %b : f32
      %s0 = memref.load %acc[%i, %j] : memref<?x4xf32>
      %s = arith.addf %s0, %p : f32
      memref.store %s, %acc[%i, %j] : memref<?x4xf32>
    }
  }
  return
}
