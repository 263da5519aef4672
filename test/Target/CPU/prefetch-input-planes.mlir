// RUN: rectify-opt %s -split-input-file -rectify-cpu-prefetch-input-planes | FileCheck %s

// mobilenet_v2's 144->24 projection on 56x56, pixels in the lanes: each
// reduction step reads 16 lanes of 4 channel planes (1.7 MiB in all). Before
// the read, L1 prefetches (locality 3) of the same 4 planes two tiles (32
// lanes) further along the row, wrapping into the next row, the row clamped
// to the last; the weight, a view of a constant, gets none.
// CHECK-DAG: #[[$WRAP:.*]] = affine_map<(d0) -> ((d0 + 32) mod 56)>
// CHECK-DAG: #[[$NEXT_ROW:.*]] = affine_map<(d0, d1) -> (d1 + (d0 + 32) floordiv 56, 55)>
// CHECK-LABEL: func.func @pixel_lanes
// CHECK: scf.for %[[Y:.*]] = %c0 to %c56
// CHECK: scf.for %[[X:.*]] = %c0 to %c48 step %c16
// CHECK: scf.for %[[C:.*]] = %c0 to %c144 step %c4
// CHECK-NOT: memref.prefetch %{{.*}} : memref<144x24xf32>
// CHECK: vector.transfer_read %{{.*}} : memref<144x24xf32>, vector<4x24xf32>
// CHECK: %[[COL:.*]] = affine.apply #[[$WRAP]](%[[X]])
// CHECK: %[[ROW:.*]] = affine.min #[[$NEXT_ROW]](%[[X]], %[[Y]])
// CHECK: memref.prefetch %[[IN:.*]][%c0, %[[C]], %[[ROW]], %[[COL]]], read, locality<3>, data
// CHECK: %[[C1:.*]] = arith.addi %[[C]], %c1
// CHECK: memref.prefetch %[[IN]][%c0, %[[C1]], %[[ROW]], %[[COL]]]
// CHECK-COUNT-2: memref.prefetch %[[IN]]
// CHECK-NOT: memref.prefetch
// CHECK: vector.transfer_read %[[IN]][%c0, %[[C]], %[[Y]], %[[X]]]
// CHECK: } {rectify.reduction_loop}
memref.global "private" constant @w144x24 : memref<1x1x144x24xf32> = uninitialized
func.func @pixel_lanes(%in: memref<1x144x56x56xf32>, %out: memref<1x24x56x56xf32>) {
  %cst = arith.constant dense<0.000000e+00> : vector<24x16xf32>
  %pad = ub.poison : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c48 = arith.constant 48 : index
  %c56 = arith.constant 56 : index
  %c144 = arith.constant 144 : index
  %w = memref.get_global @w144x24 : memref<1x1x144x24xf32>
  %wc = memref.collapse_shape %w [[0, 1, 2], [3]] : memref<1x1x144x24xf32> into memref<144x24xf32>
  scf.for %y = %c0 to %c56 step %c1 {
    scf.for %x = %c0 to %c48 step %c16 {
      %sum = scf.for %c = %c0 to %c144 step %c4 iter_args(%acc = %cst) -> (vector<24x16xf32>) {
        %a = vector.transfer_read %wc[%c, %c0], %pad {in_bounds = [true, true]} : memref<144x24xf32>, vector<4x24xf32>
        %b = vector.transfer_read %in[%c0, %c, %y, %x], %pad {in_bounds = [true, true], permutation_map = affine_map<(d0, d1, d2, d3) -> (d1, d3)>} : memref<1x144x56x56xf32>, vector<4x16xf32>
        %r = vector.contract {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %a, %b, %acc : vector<4x24xf32>, vector<4x16xf32> into vector<24x16xf32>
        scf.yield %r : vector<24x16xf32>
      } {rectify.reduction_loop}
      %t = vector.shape_cast %sum : vector<24x16xf32> to vector<1x24x1x16xf32>
      vector.transfer_write %t, %out[%c0, %c0, %y, %x] {in_bounds = [true, true, true, true]} : vector<1x24x1x16xf32>, memref<1x24x56x56xf32>
    }
  }
  return
}

// -----

// A 2-D [channels, pixels] input (a 1x1 conv lowered as a GEMM), 2 MiB,
// read 32 lanes at a time: one prefetch per line, 64 and 80 lanes ahead,
// clamped to the row's last element since the row above is the channel.
// CHECK-DAG: #[[$AHEAD64:.*]] = affine_map<(d0) -> (d0 + 64, 1023)>
// CHECK-DAG: #[[$AHEAD80:.*]] = affine_map<(d0) -> (d0 + 80, 1023)>
// CHECK-LABEL: func.func @channel_rows
// CHECK: scf.for %[[P:.*]] = %c0 to %c1024 step %c32
// CHECK: scf.for %[[C:.*]] = %c0 to %c512
// CHECK: %[[A:.*]] = affine.min #[[$AHEAD64]](%[[P]])
// CHECK: memref.prefetch %[[IN:.*]][%[[C]], %[[A]]], read, locality<3>, data
// CHECK: %[[B:.*]] = affine.min #[[$AHEAD80]](%[[P]])
// CHECK: memref.prefetch %[[IN]][%[[C]], %[[B]]], read, locality<3>, data
// CHECK-NOT: memref.prefetch
// CHECK: vector.transfer_read %[[IN]][%[[C]], %[[P]]]
func.func @channel_rows(%in: memref<512x1024xf32>, %out: memref<1024xf32>) {
  %cst = arith.constant dense<0.000000e+00> : vector<32xf32>
  %pad = ub.poison : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %c512 = arith.constant 512 : index
  %c1024 = arith.constant 1024 : index
  scf.for %p = %c0 to %c1024 step %c32 {
    %sum = scf.for %c = %c0 to %c512 step %c1 iter_args(%acc = %cst) -> (vector<32xf32>) {
      %v = vector.transfer_read %in[%c, %p], %pad {in_bounds = [true]} : memref<512x1024xf32>, vector<32xf32>
      %r = arith.addf %acc, %v : vector<32xf32>
      scf.yield %r : vector<32xf32>
    } {rectify.reduction_loop}
    vector.transfer_write %sum, %out[%p] {in_bounds = [true]} : vector<32xf32>, memref<1024xf32>
  }
  return
}

// -----

// No prefetches: an input that stays in L2 (144 x 28 x 28, 441 KiB); lanes
// along the reduction (each step a new position, the stream the hardware
// follows), alone or with the channel (a window's taps); a read outside
// reduction loops; whole rows; a 2 MiB constant weight, read through a view.
// CHECK-LABEL: func.func @not_planes
// CHECK-NOT: memref.prefetch
memref.global "private" constant @w1024x512 : memref<1x1x1024x512xf32> = uninitialized
func.func @not_planes(%small: memref<1x144x28x28xf32>, %rows: memref<512x1024xf32>,
                      %whole: memref<4096x16xf32>, %out: memref<16xf32>,
                      %big: memref<1x144x56x56xf32>) {
  %cst = arith.constant dense<0.000000e+00> : vector<16xf32>
  %pad = ub.poison : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c144 = arith.constant 144 : index
  %c512 = arith.constant 512 : index
  %c1024 = arith.constant 1024 : index
  %c4096 = arith.constant 4096 : index
  %s = scf.for %c = %c0 to %c144 step %c1 iter_args(%acc = %cst) -> (vector<16xf32>) {
    %v = vector.transfer_read %small[%c0, %c, %c0, %c0], %pad {in_bounds = [true]} : memref<1x144x28x28xf32>, vector<16xf32>
    %r = arith.addf %acc, %v : vector<16xf32>
    scf.yield %r : vector<16xf32>
  } {rectify.reduction_loop}
  %k = scf.for %i = %c0 to %c1024 step %c16 iter_args(%acc = %s) -> (vector<16xf32>) {
    %v = vector.transfer_read %rows[%c1, %i], %pad {in_bounds = [true]} : memref<512x1024xf32>, vector<16xf32>
    %r = arith.addf %acc, %v : vector<16xf32>
    scf.yield %r : vector<16xf32>
  } {rectify.reduction_loop}
  %w = scf.for %j = %c0 to %c4096 step %c1 iter_args(%acc = %k) -> (vector<16xf32>) {
    %v = vector.transfer_read %whole[%j, %c0], %pad {in_bounds = [true]} : memref<4096x16xf32>, vector<16xf32>
    %r = arith.addf %acc, %v : vector<16xf32>
    scf.yield %r : vector<16xf32>
  } {rectify.reduction_loop}
  %t = scf.for %c = %c0 to %c144 step %c1 iter_args(%acc = %w) -> (vector<16xf32>) {
    %taps = scf.for %kx = %c0 to %c16 step %c1 iter_args(%acc2 = %acc) -> (vector<16xf32>) {
      %v = vector.transfer_read %big[%c0, %c, %c0, %kx], %pad {in_bounds = [true]} : memref<1x144x56x56xf32>, vector<16xf32>
      %r = arith.addf %acc2, %v : vector<16xf32>
      scf.yield %r : vector<16xf32>
    } {rectify.reduction_loop}
    scf.yield %taps : vector<16xf32>
  } {rectify.reduction_loop}
  %wg = memref.get_global @w1024x512 : memref<1x1x1024x512xf32>
  %wc = memref.collapse_shape %wg [[0, 1, 2], [3]] : memref<1x1x1024x512xf32> into memref<1024x512xf32>
  %g = scf.for %c = %c0 to %c1024 step %c1 iter_args(%acc = %t) -> (vector<16xf32>) {
    %v = vector.transfer_read %wc[%c, %c16], %pad {in_bounds = [true]} : memref<1024x512xf32>, vector<16xf32>
    %r = arith.addf %acc, %v : vector<16xf32>
    scf.yield %r : vector<16xf32>
  } {rectify.reduction_loop}
  vector.transfer_write %g, %out[%c0] {in_bounds = [true]} : vector<16xf32>, memref<16xf32>
  scf.for %c = %c0 to %c512 step %c1 {
    %v = vector.transfer_read %rows[%c, %c0], %pad {in_bounds = [true]} : memref<512x1024xf32>, vector<16xf32>
    vector.transfer_write %v, %out[%c0] {in_bounds = [true]} : vector<16xf32>, memref<16xf32>
  }
  return
}
