// RUN: rectify-opt %s --split-input-file --rectify-gpu-forward-stores | FileCheck %s

// The load after the store at the same indices takes the stored value; the
// temporary is then write-only and disappears.
// CHECK-LABEL: func.func @through_temporary(
// CHECK-SAME: %[[X:.*]]: memref<4xf32>, %[[Y:.*]]: memref<4xf32>, %[[I:.*]]: index)
// CHECK-NOT: memref.alloc
// CHECK: %[[V:.*]] = memref.load %[[X]][%[[I]]]
// CHECK: %[[R:.*]] = arith.negf %[[V]]
// CHECK: memref.store %[[R]], %[[Y]][%[[I]]]
// CHECK-NEXT: return
func.func @through_temporary(%x: memref<4xf32>, %y: memref<4xf32>, %i: index) {
  %t = memref.alloc() : memref<4xf32>
  %v = memref.load %x[%i] : memref<4xf32>
  memref.store %v, %t[%i] : memref<4xf32>
  %w = memref.load %t[%i] : memref<4xf32>
  %r = arith.negf %w : f32
  memref.store %r, %y[%i] : memref<4xf32>
  return
}

// -----

// Not forwarded: another index, a write through a view in between, or a
// loop that writes the buffer; the buffers are read, so they stay.
// CHECK-LABEL: func.func @kept(
// CHECK: memref.alloc
// CHECK-COUNT-3: memref.load %{{.*}}[%arg
func.func @kept(%y: memref<4xf32>, %i: index, %j: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %one = arith.constant 1.0 : f32
  %t = memref.alloc() : memref<4xf32>
  memref.store %one, %t[%i] : memref<4xf32>
  %a = memref.load %t[%j] : memref<4xf32>
  %view = memref.cast %t : memref<4xf32> to memref<?xf32>
  memref.store %one, %t[%i] : memref<4xf32>
  memref.store %a, %view[%i] : memref<?xf32>
  %b = memref.load %t[%i] : memref<4xf32>
  memref.store %one, %t[%i] : memref<4xf32>
  scf.for %k = %c0 to %c4 step %c1 {
    memref.store %b, %t[%k] : memref<4xf32>
  }
  %c = memref.load %t[%i] : memref<4xf32>
  memref.store %c, %y[%i] : memref<4xf32>
  return
}
