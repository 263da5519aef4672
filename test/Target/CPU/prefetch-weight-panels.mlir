// RUN: rectify-opt %s -split-input-file -rectify-cpu-prefetch-weight-panels | FileCheck %s

// A 9 MiB packed weight read a panel at a time (dim 0) in the reduction
// loops, the panel fixed across the 7 row tiles: the reduction loops are
// versioned on the second row tile, whose copy prefetches into L2 (locality
// 2) the 8 lines of the next panel that each 4 x 32 read covers; the other
// row tiles run the loops unchanged. The last panel prefetches itself.
// CHECK-LABEL: func.func @panels_reused_by_rows
// CHECK: scf.for %[[F:.*]] = %c0 to %c512 step %c32
// CHECK: scf.for %[[Y:.*]] = %c0 to %c7 step %c1
// CHECK: %[[SECOND:.*]] = arith.addi %c0, %c1
// CHECK: %[[IS:.*]] = arith.cmpi eq, %[[Y]], %[[SECOND]]
// CHECK: scf.if %[[IS]] -> (vector<4x32xf32>)
// CHECK: scf.for %[[K:.*]] = {{.*}} iter_args
// CHECK: %[[P:.*]] = affine.apply #{{.*}}(%[[F]])
// CHECK: %[[NEXT:.*]] = arith.addi %[[P]], %{{.*}}
// CHECK: %[[CLAMP:.*]] = arith.minsi %[[NEXT]], %{{.*}}
// CHECK: memref.prefetch %[[W:.*]][%[[CLAMP]], %[[K]], %c0], read, locality<2>, data
// CHECK: memref.prefetch %[[W]][%[[CLAMP]], %[[K]], %{{.*}}], read, locality<2>, data
// CHECK-COUNT-6: memref.prefetch %[[W]][%[[CLAMP]], %{{.*}}, %{{.*}}], read, locality<2>, data
// CHECK: vector.transfer_read %[[W]][%[[P]], %[[K]], %c0]
// CHECK: } {rectify.reduction_loop}
// CHECK: } else {
// CHECK-NOT: memref.prefetch
// CHECK: } {rectify.reduction_loop}
memref.global "private" constant @panels : memref<16x4608x32xf32> = uninitialized
func.func @panels_reused_by_rows(%x: memref<7x4608xf32>, %out: memref<7x512xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c7 = arith.constant 7 : index
  %c32 = arith.constant 32 : index
  %c512 = arith.constant 512 : index
  %c4608 = arith.constant 4608 : index
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : vector<4x32xf32>
  %w = memref.get_global @panels : memref<16x4608x32xf32>
  scf.for %f = %c0 to %c512 step %c32 {
    scf.for %y = %c0 to %c7 step %c1 {
      %sum = scf.for %k = %c0 to %c4608 step %c4 iter_args(%acc = %acc0) -> (vector<4x32xf32>) {
        %p = affine.apply affine_map<(d0) -> (d0 floordiv 32)>(%f)
        %panel = vector.transfer_read %w[%p, %k, %c0], %zero {in_bounds = [true, true]} : memref<16x4608x32xf32>, vector<4x32xf32>
        %next = arith.addf %acc, %panel : vector<4x32xf32>
        scf.yield %next : vector<4x32xf32>
      } {rectify.reduction_loop}
      %row = vector.extract %sum[0] : vector<32xf32> from vector<4x32xf32>
      vector.transfer_write %row, %out[%y, %f] {in_bounds = [true]} : vector<32xf32>, memref<7x512xf32>
    }
  }
  return
}

// -----

// When the panel changes with the nearest loop of several iterations (one
// row tile, as at batch 1), each panel is read once, in order: a stream the
// hardware prefetcher follows. No prefetches.
// CHECK-LABEL: func.func @panels_inside_rows
// CHECK-NOT: memref.prefetch
// CHECK: return
memref.global "private" constant @panels : memref<16x4608x32xf32> = uninitialized
func.func @panels_inside_rows(%out: memref<7x512xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c7 = arith.constant 7 : index
  %c32 = arith.constant 32 : index
  %c512 = arith.constant 512 : index
  %c4608 = arith.constant 4608 : index
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : vector<4x32xf32>
  %w = memref.get_global @panels : memref<16x4608x32xf32>
  scf.for %y = %c0 to %c7 step %c1 {
    scf.for %f = %c0 to %c512 step %c32 {
      %sum = scf.for %k = %c0 to %c4608 step %c4 iter_args(%acc = %acc0) -> (vector<4x32xf32>) {
        %p = affine.apply affine_map<(d0) -> (d0 floordiv 32)>(%f)
        %panel = vector.transfer_read %w[%p, %k, %c0], %zero {in_bounds = [true, true]} : memref<16x4608x32xf32>, vector<4x32xf32>
        %next = arith.addf %acc, %panel : vector<4x32xf32>
        scf.yield %next : vector<4x32xf32>
      } {rectify.reduction_loop}
      %row = vector.extract %sum[0] : vector<32xf32> from vector<4x32xf32>
      vector.transfer_write %row, %out[%y, %f] {in_bounds = [true]} : vector<32xf32>, memref<7x512xf32>
    }
  }
  return
}

// -----

// Weights under 1 MiB stay cached between runs, and reads outside any
// reduction loop, or whose panel changes inside it, are not panel reads:
// no prefetches.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: memref.prefetch
// CHECK: return
memref.global "private" constant @small : memref<4x1024x32xf32> = uninitialized
memref.global "private" constant @panels : memref<16x4608x32xf32> = uninitialized
func.func @left_alone(%out: memref<4x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c1024 = arith.constant 1024 : index
  %zero = arith.constant 0.0 : f32
  %acc0 = arith.constant dense<0.0> : vector<4x32xf32>
  %small = memref.get_global @small : memref<4x1024x32xf32>
  %w = memref.get_global @panels : memref<16x4608x32xf32>
  %s = scf.for %k = %c0 to %c1024 step %c4 iter_args(%acc = %acc0) -> (vector<4x32xf32>) {
    %v = vector.transfer_read %small[%c1, %k, %c0], %zero {in_bounds = [true, true]} : memref<4x1024x32xf32>, vector<4x32xf32>
    %next = arith.addf %acc, %v : vector<4x32xf32>
    scf.yield %next : vector<4x32xf32>
  } {rectify.reduction_loop}
  %t = scf.for %p = %c0 to %c16 step %c1 iter_args(%acc = %s) -> (vector<4x32xf32>) {
    %v = vector.transfer_read %w[%p, %c0, %c0], %zero {in_bounds = [true, true]} : memref<16x4608x32xf32>, vector<4x32xf32>
    %next = arith.addf %acc, %v : vector<4x32xf32>
    scf.yield %next : vector<4x32xf32>
  } {rectify.reduction_loop}
  %u = vector.transfer_read %w[%c1, %c0, %c0], %zero {in_bounds = [true, true]} : memref<16x4608x32xf32>, vector<4x32xf32>
  %sum = arith.addf %t, %u : vector<4x32xf32>
  vector.transfer_write %sum, %out[%c0, %c0] {in_bounds = [true, true]} : vector<4x32xf32>, memref<4x32xf32>
  return
}
