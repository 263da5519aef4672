// RUN: rectify-opt %s -rectify-cpu-fuse-parallel-loops -split-input-file | FileCheck %s

// A layer writing blocks of 8 channels into the interior of a padded buffer,
// the per-channel fill of its border and a per-channel consumer of the padded
// rows (masked past the row) become one loop over the blocks; the fill and
// the consumer of each channel share one inner loop over the block. The allocation between the
// loops moves above them, the deallocation of the producer's input below.
// CHECK-LABEL: func.func @producer_fill_consumer
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C8:.*]] = arith.constant 8 : index
// CHECK:         %[[PADDED:.*]] = memref.alloc() : memref<16x6xf32>
// CHECK:         %[[OUT:.*]] = memref.alloc() : memref<16x4xf32>
// CHECK:         scf.parallel (%[[B:.*]]) = (%{{.*}}) to (%{{.*}}) step (%[[C8]])
// CHECK:           vector.transfer_write %{{.*}}, %[[PADDED]][%[[B]], %[[C1]]]
// CHECK:           %[[END:.*]] = arith.addi %[[B]], %[[C8]]
// CHECK:           scf.for %[[C:.*]] = %[[B]] to %[[END]] step %[[C1]]
// CHECK:             memref.store %{{.*}}, %[[PADDED]][%[[C]], %{{.*}}]
// CHECK:             memref.store %{{.*}}, %[[PADDED]][%[[C]], %{{.*}}]
// CHECK-NOT:         scf.for
// CHECK:             vector.transfer_read %[[PADDED]][%[[C]], %{{.*}}], %{{.*}}, %{{.*}}
// CHECK:             vector.transfer_write %{{.*}}, %[[OUT]][%[[C]], %{{.*}}], %{{.*}} {in_bounds = [true]} : vector<8xf32>, memref<16x4xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.reduce
// CHECK-NOT:     scf.parallel
// CHECK:         memref.dealloc %{{.*}} : memref<16x4xf32>
// CHECK:         call @sink
func.func private @sink(memref<16x4xf32>)
func.func @producer_fill_consumer() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c5 = arith.constant 5 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %in = memref.alloc() : memref<16x4xf32>
  %padded = memref.alloc() : memref<16x6xf32>
  scf.parallel (%b) = (%c0) to (%c16) step (%c8) {
    %v = vector.transfer_read %in[%b, %c0], %zero {in_bounds = [true, true]} : memref<16x4xf32>, vector<8x4xf32>
    vector.transfer_write %v, %padded[%b, %c1] {in_bounds = [true, true]} : vector<8x4xf32>, memref<16x6xf32>
    scf.reduce
  }
  memref.dealloc %in : memref<16x4xf32>
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    memref.store %zero, %padded[%c, %c0] : memref<16x6xf32>
    memref.store %zero, %padded[%c, %c5] : memref<16x6xf32>
    scf.reduce
  }
  %out = memref.alloc() : memref<16x4xf32>
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %mask = vector.constant_mask [4] : vector<8xi1>
    %left = vector.transfer_read %padded[%c, %c0], %zero, %mask {in_bounds = [true]} : memref<16x6xf32>, vector<8xf32>
    %right = vector.transfer_read %padded[%c, %c2], %zero, %mask {in_bounds = [true]} : memref<16x6xf32>, vector<8xf32>
    %sum = arith.addf %left, %right : vector<8xf32>
    vector.transfer_write %sum, %out[%c, %c0], %mask {in_bounds = [true]} : vector<8xf32>, memref<16x4xf32>
    scf.reduce
  }
  call @sink(%out) : (memref<16x4xf32>) -> ()
  return
}

// -----

// The second loop reads the next channel, which another block of the first
// loop writes: the loops stay apart.
// CHECK-LABEL: func.func @neighbour_channel
// CHECK: scf.parallel
// CHECK: scf.parallel
func.func private @sink(memref<16x4xf32>)
func.func @neighbour_channel(%in: memref<16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c15 = arith.constant 15 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %mid = memref.alloc() : memref<16x4xf32>
  %out = memref.alloc() : memref<16x4xf32>
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %v = vector.transfer_read %in[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %mid[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  scf.parallel (%c) = (%c0) to (%c15) step (%c1) {
    %next = arith.addi %c, %c1 : index
    %v = vector.transfer_read %mid[%next, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %out[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  call @sink(%out) : (memref<16x4xf32>) -> ()
  return
}

// -----

// The second loop reads every channel of what the first writes (a 1x1 conv
// after a depthwise one): the loops stay apart.
// CHECK-LABEL: func.func @all_channels
// CHECK: scf.parallel
// CHECK: scf.parallel
func.func private @sink(memref<16x4xf32>)
func.func @all_channels(%in: memref<16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %mid = memref.alloc() : memref<16x4xf32>
  %out = memref.alloc() : memref<16x4xf32>
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %v = vector.transfer_read %in[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %mid[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %sum = scf.for %k = %c0 to %c16 step %c1 iter_args(%acc = %zero) -> f32 {
      %x = memref.load %mid[%k, %c0] : memref<16x4xf32>
      %a = arith.addf %acc, %x : f32
      scf.yield %a : f32
    }
    memref.store %sum, %out[%c, %c0] : memref<16x4xf32>
    scf.reduce
  }
  call @sink(%out) : (memref<16x4xf32>) -> ()
  return
}

// -----

// Different bounds, a second step that does not divide the first, and a
// write through an argument while another argument is read (they may
// alias) keep loops apart.
// CHECK-LABEL: func.func @not_fusable
// CHECK-COUNT-4: scf.parallel
func.func @not_fusable(%in: memref<16x4xf32>, %out: memref<16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c12 = arith.constant 12 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %a = memref.alloc() : memref<16x4xf32>
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %v = vector.transfer_read %in[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %a[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  scf.parallel (%c) = (%c0) to (%c12) step (%c1) {
    memref.store %zero, %a[%c, %c0] : memref<16x4xf32>
    scf.reduce
  }
  scf.parallel (%c) = (%c0) to (%c12) step (%c8) {
    %v = vector.transfer_read %a[%c, %c0], %zero {in_bounds = [true, true]} : memref<16x4xf32>, vector<8x4xf32>
    vector.transfer_write %v, %a[%c, %c0] {in_bounds = [true, true]} : vector<8x4xf32>, memref<16x4xf32>
    scf.reduce
  }
  scf.parallel (%c) = (%c0) to (%c12) step (%c1) {
    %v = vector.transfer_read %a[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    %w = vector.transfer_read %in[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    %s = arith.addf %v, %w : vector<4xf32>
    vector.transfer_write %s, %out[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  memref.dealloc %a : memref<16x4xf32>
  return
}

// -----

// A tile loop stops at its last step below the bound (x = 0, 2), so the
// producer stays inside its block of rows; an index the analysis cannot
// bound (iv floordiv 8) only matters for buffers a loop writes, not for a
// constant weight both loops merely read.
// CHECK-LABEL: func.func @tile_loop_and_readonly_weight
// CHECK:     scf.parallel
// CHECK:       scf.for
// CHECK-NOT: scf.parallel
memref.global "private" constant @weight : memref<2x4xf32> = dense<1.0>
func.func private @sink(memref<16x4xf32>)
func.func @tile_loop_and_readonly_weight(%in: memref<16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %weight = memref.get_global @weight : memref<2x4xf32>
  %mid = memref.alloc() : memref<16x4xf32>
  %out = memref.alloc() : memref<16x4xf32>
  scf.parallel (%b) = (%c0) to (%c16) step (%c8) {
    %block = affine.apply affine_map<(d0) -> (d0 floordiv 8)>(%b)
    scf.for %x = %c0 to %c4 step %c2 {
      %w = vector.transfer_read %weight[%block, %x], %zero {in_bounds = [true]} : memref<2x4xf32>, vector<2xf32>
      %v = vector.transfer_read %in[%b, %x], %zero {in_bounds = [true, true]} : memref<16x4xf32>, vector<8x2xf32>
      %wb = vector.broadcast %w : vector<2xf32> to vector<8x2xf32>
      %p = arith.mulf %v, %wb : vector<8x2xf32>
      vector.transfer_write %p, %mid[%b, %x] {in_bounds = [true, true]} : vector<8x2xf32>, memref<16x4xf32>
    }
    scf.reduce
  }
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %v = vector.transfer_read %mid[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %out[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  call @sink(%out) : (memref<16x4xf32>) -> ()
  return
}

// -----

// A contraction (its reduction loop marked by the tiling) does not join the
// loop before it, even over the same blocks of filters.
// CHECK-LABEL: func.func @contraction_after
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK: rectify.reduction_loop
func.func private @sink(memref<16x4xf32>)
func.func @contraction_after(%in: memref<16x4xf32>, %w: memref<16x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %mid = memref.alloc() : memref<16x4xf32>
  %out = memref.alloc() : memref<16x4xf32>
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %v = vector.transfer_read %in[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %mid[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %v = vector.transfer_read %mid[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    %sum = scf.for %k = %c0 to %c16 step %c1 iter_args(%acc = %v) -> vector<4xf32> {
      %s = memref.load %w[%c, %k] : memref<16x16xf32>
      %b = vector.broadcast %s : f32 to vector<4xf32>
      %a = arith.addf %acc, %b : vector<4xf32>
      scf.yield %a : vector<4xf32>
    } {rectify.reduction_loop}
    vector.transfer_write %sum, %out[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  call @sink(%out) : (memref<16x4xf32>) -> ()
  return
}

// -----

// 12 channels in blocks of 8: the last block's inner loop stops at 12.
// CHECK-LABEL: func.func @partial_block
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C12:.*]] = arith.constant 12 : index
// CHECK:     scf.parallel (%[[B:.*]]) = (%{{.*}}) to (%[[C12]]) step (%[[C8]])
// CHECK:       %[[NEXT:.*]] = arith.addi %[[B]], %[[C8]]
// CHECK:       %[[END:.*]] = arith.minsi %[[NEXT]], %[[C12]]
// CHECK:       scf.for %{{.*}} = %[[B]] to %[[END]]
// CHECK-NOT: scf.parallel
func.func private @sink(memref<16x4xf32>)
func.func @partial_block(%in: memref<16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c12 = arith.constant 12 : index
  %zero = arith.constant 0.0 : f32
  %mid = memref.alloc() : memref<16x4xf32>
  %out = memref.alloc() : memref<16x4xf32>
  scf.parallel (%b) = (%c0) to (%c12) step (%c8) {
    %v = vector.transfer_read %in[%b, %c0], %zero {in_bounds = [true, true]} : memref<16x4xf32>, vector<8x4xf32>
    vector.transfer_write %v, %mid[%b, %c0] {in_bounds = [true, true]} : vector<8x4xf32>, memref<16x4xf32>
    scf.reduce
  }
  scf.parallel (%c) = (%c0) to (%c12) step (%c1) {
    %v = vector.transfer_read %mid[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %out[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  call @sink(%out) : (memref<16x4xf32>) -> ()
  return
}

// -----

// A memref.view shifts its base by bytes, so its offsets do not count from
// the buffer's: loops touching one keep apart.
// CHECK-LABEL: func.func @byte_view
// CHECK: scf.parallel
// CHECK: scf.parallel
func.func private @sink(memref<16x4xf32>)
func.func @byte_view(%in: memref<16x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %bytes = memref.alloc() : memref<320xi8>
  %mid = memref.view %bytes[%c64][] : memref<320xi8> to memref<16x4xf32>
  %out = memref.alloc() : memref<16x4xf32>
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %v = vector.transfer_read %in[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %mid[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  scf.parallel (%c) = (%c0) to (%c16) step (%c1) {
    %v = vector.transfer_read %mid[%c, %c0], %zero {in_bounds = [true]} : memref<16x4xf32>, vector<4xf32>
    vector.transfer_write %v, %out[%c, %c0] {in_bounds = [true]} : vector<4xf32>, memref<16x4xf32>
    scf.reduce
  }
  call @sink(%out) : (memref<16x4xf32>) -> ()
  return
}
