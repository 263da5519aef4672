// RUN: rectify-opt %s --split-input-file --rectify-gpu-tile-contractions --canonicalize --cse | FileCheck %s
// RUN: rectify-opt %s --split-input-file --rectify-gpu-tile-contractions="tile-x=8 tile-y=8 tile-k=4 regs-x=1 regs-y=2" --canonicalize --cse | FileCheck %s --check-prefix=SMALL
// RUN: rectify-opt %s --split-input-file --rectify-gpu-tile-contractions="mma=tf32x3" --canonicalize --cse | FileCheck %s --check-prefix=MMA
// RUN: rectify-opt %s --split-input-file --rectify-gpu-tile-contractions="mma=tf32" --canonicalize --cse | FileCheck %s --check-prefix=TF32

// A linear layer with a bias + ReLU epilogue and a dynamic batch. Side x
// holds the output features (the innermost dimension: W's side), side y the
// batch rows. Each 32x32 output tile is one workgroup of 16x8 threads, each
// keeping 4x2 accumulators; both operands' 16-step K slices are staged in
// workgroup memory, zero outside [0, 4) features, [0, N) rows and [0, 8)
// reduction steps, between two barriers; each accumulator in range runs the
// epilogue once.
// CHECK-LABEL: func.func @linear(
// CHECK-SAME: %[[X:.*]]: memref<?x8xf32>, %[[W:.*]]: memref<8x4xf32>, %[[B:.*]]: memref<4xf32>, %[[Y:.*]]: memref<?x4xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[N:.*]] = memref.dim %[[X]]
// CHECK: %[[ROUND:.*]] = arith.addi %[[N]], %c31
// CHECK: %[[GRIDY:.*]] = arith.divui %[[ROUND]], %c32
// CHECK: gpu.launch blocks(%{{.*}}, %[[BY:.*]], %{{.*}}) in (%{{.*}} = %c1, %{{.*}} = %[[GRIDY]], %{{.*}} = %c1) threads(%[[TX:.*]], %[[TY:.*]], %{{.*}}) in (%{{.*}} = %c16, %{{.*}} = %c8, %{{.*}} = %c1) workgroup(%[[WS:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>, %[[XS:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>)
// The guard of a staged W element: feature < 4 and k < 8.
// CHECK: %[[KK:.*]] = arith.remui %{{.*}}, %c16
// CHECK: %[[T:.*]] = arith.divui %{{.*}}, %c16
// CHECK: %[[INF:.*]] = arith.cmpi ult, %[[T]], %c4
// CHECK: %[[INK:.*]] = arith.cmpi ult, %[[KK]], %c8
// CHECK: %[[IN:.*]] = arith.andi %[[INF]], %[[INK]]
// CHECK: %[[WV:.*]] = scf.if %[[IN]] -> (f32) {
// CHECK:   memref.load %[[W]][%[[KK]], %[[T]]]
// CHECK: } else {
// CHECK:   scf.yield %[[ZERO]]
// CHECK: memref.store %[[WV]], %[[WS]][%[[KK]], %[[T]]]
// The guard of a staged X element: row < N.
// CHECK: arith.cmpi ult, %{{.*}}, %[[N]]
// CHECK: scf.if
// CHECK:   memref.load %[[X]]
// CHECK: memref.store %{{.*}}, %[[XS]]
// CHECK: gpu.barrier
// CHECK: %[[ACC:.*]]:8 = scf.for %[[K:.*]] = %c0 to %c16 step %c1 iter_args({{.*}}) -> (f32, f32, f32, f32, f32, f32, f32, f32) {
// CHECK:   memref.load %[[WS]][%[[K]], %[[TX]]]
// CHECK:   memref.load %[[XS]][%[[K]], %[[TY]]]
// CHECK-COUNT-8: arith.mulf
// CHECK: gpu.barrier
// The epilogue on registers, guarded, once per accumulator.
// CHECK: %[[INX:.*]] = arith.cmpi ult, %[[TX]], %c4
// CHECK: %[[INY:.*]] = arith.cmpi ult, %{{.*}}, %[[N]]
// CHECK: %[[OUT:.*]] = arith.andi %[[INX]], %[[INY]]
// CHECK: scf.if %[[OUT]] {
// CHECK:   %[[BIAS:.*]] = memref.load %[[B]][%[[TX]]]
// CHECK:   %[[SUM:.*]] = arith.addf %[[ACC]]#0, %[[BIAS]]
// CHECK:   %[[RELU:.*]] = arith.maximumf %[[SUM]], %[[ZERO]]
// CHECK:   memref.store %[[RELU]], %[[Y]]
// CHECK-COUNT-7: memref.store %{{.*}}, %[[Y]]
// CHECK-NOT: scf.parallel

// With smaller tiles: 8x4 threads, two accumulators each, one staged element
// of each operand per thread and 4-step K slices: the K loop over 8 steps
// remains.
// SMALL-LABEL: func.func @linear(
// SMALL: threads({{.*}}) in (%{{.*}} = %c8, %{{.*}} = %c4, %{{.*}} = %c1) workgroup(%{{.*}} : memref<4x8xf32, #gpu.address_space<workgroup>>, %{{.*}} : memref<4x8xf32, #gpu.address_space<workgroup>>)
// SMALL: scf.for %{{.*}} = %c0 to %c8 step %c4 iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (f32, f32)
// SMALL: gpu.barrier
// SMALL: gpu.barrier
// With tensor cores (mma=tf32x3): the same staging, then per 8-step slice
// each warp loads its A fragment (4 values of the x rows from the y-side
// buffer) and, per 16x8 tile, a B fragment (2 values), splits them into
// tf32 parts (bits & -8192) and remainders, and issues three m16n8k8 MMAs
// on 2x2 accumulator fragments that start at the splat initial value; the
// epilogue extracts each accumulator element under its guard.
// MMA-LABEL: func.func @linear(
// MMA: %[[SPLAT:.*]] = arith.constant dense<0.000000e+00> : vector<2x2xf32>
// MMA: gpu.launch {{.*}} threads({{.*}}) in (%{{.*}} = %c16, %{{.*}} = %c8, %{{.*}} = %c1) workgroup(%[[WS:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>, %[[XS:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>)
// MMA: gpu.barrier
// MMA: %[[FRAGS:.*]]:2 = scf.for %[[K:.*]] = %c0 to %c16 step %c8 iter_args(%[[C0:.*]] = %[[SPLAT]], %[[C1:.*]] = %[[SPLAT]]) -> (vector<2x2xf32>, vector<2x2xf32>) {
// MMA-COUNT-4: memref.load %[[XS]]
// MMA: %[[A:.*]] = vector.from_elements {{.*}} : vector<4x1xf32>
// MMA-COUNT-2: memref.load %[[WS]]
// MMA: %[[B:.*]] = vector.from_elements {{.*}} : vector<2x1xf32>
// MMA: arith.andi %{{.*}}, %{{.*}} : vector<4x1xi32>
// MMA: %[[ALO:.*]] = arith.subf %[[A]], %{{.*}} : vector<4x1xf32>
// MMA: %[[BLO:.*]] = arith.subf %[[B]], %{{.*}} : vector<2x1xf32>
// MMA: %[[D0:.*]] = nvgpu.mma.sync(%[[ALO]], %{{.*}}, %[[C0]]) {mmaShape = [16, 8, 8], tf32Enabled} : (vector<4x1xf32>, vector<2x1xf32>, vector<2x2xf32>) -> vector<2x2xf32>
// MMA: %[[D1:.*]] = nvgpu.mma.sync(%{{.*}}, %[[BLO]], %[[D0]])
// MMA: nvgpu.mma.sync(%{{.*}}, %{{.*}}, %[[D1]])
// MMA-COUNT-3: nvgpu.mma.sync
// MMA: scf.yield
// MMA: gpu.barrier
// MMA: scf.if
// MMA: vector.extract %[[FRAGS]]#0[0, 0] : f32 from vector<2x2xf32>
// MMA: arith.maximumf
// MMA: memref.store
// MMA-COUNT-7: vector.extract
// TF32-LABEL: func.func @linear(
// TF32-NOT: vector<4x1xi32>
// TF32-COUNT-2: nvgpu.mma.sync
// TF32-NOT: nvgpu.mma.sync
// TF32: gpu.barrier
func.func @linear(%x: memref<?x8xf32>, %w: memref<8x4xf32>, %b: memref<4xf32>, %y: memref<?x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  %n = memref.dim %x, %c0 : memref<?x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c4) step (%c1, %c1) {
    %acc = scf.for %k = %c0 to %c8 step %c1 iter_args(%a = %zero) -> (f32) {
      %xv = memref.load %x[%i, %k] : memref<?x8xf32>
      %wv = memref.load %w[%k, %j] : memref<8x4xf32>
      %p = arith.mulf %xv, %wv : f32
      %s = arith.addf %a, %p : f32
      scf.yield %s : f32
    }
    %bias = memref.load %b[%j] : memref<4xf32>
    %v = arith.addf %acc, %bias : f32
    %r = arith.maximumf %v, %zero : f32
    memref.store %r, %y[%i, %j] : memref<?x4xf32>
    scf.reduce
  }
  return
}

// -----

// A 3x3 convolution (NCHW, 2 -> 3 channels, 6x6 -> 4x4) with a residual
// add: side x is the linearized (n, oh, ow) positions, side y the 3 output
// channels, K the linearized (c, kh, kw) window of 18 steps. The staged
// image element delinearizes its row into (n, oh, ow) and its k into
// (c, kh, kw).
// CHECK-LABEL: func.func @conv(
// CHECK-SAME: %[[IMG:.*]]: memref<?x2x6x6xf32>, %[[FLT:.*]]: memref<3x2x3x3xf32>, %[[RES:.*]]: memref<?x3x4x4xf32>, %[[OUT:.*]]: memref<?x3x4x4xf32>)
// CHECK: %[[N:.*]] = memref.dim %[[IMG]], %c0
// CHECK: %[[ROWS:.*]] = arith.muli %[[N]], %c16
// CHECK: gpu.launch {{.*}} workgroup(%[[IS:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>, %[[FS:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>)
// CHECK: scf.for %{{.*}} = %c0 to %c18 step %c16
// CHECK: arith.cmpi ult, %{{.*}}, %[[ROWS]]
// CHECK: arith.cmpi ult, %{{.*}}, %c18
// CHECK: scf.if
// CHECK:   arith.remui %{{.*}}, %c4
// CHECK:   arith.divui %{{.*}}, %c4
// CHECK:   memref.load %[[IMG]]
// CHECK: memref.store %{{.*}}, %[[IS]]
// CHECK: memref.load %[[FLT]]
// CHECK: memref.store %{{.*}}, %[[FS]]
// CHECK: gpu.barrier
// CHECK: memref.load %[[IS]]
// CHECK: memref.load %[[FS]]
// CHECK: gpu.barrier
// CHECK: scf.if
// CHECK:   memref.load %[[RES]]
// CHECK:   arith.addf
// CHECK:   memref.store %{{.*}}, %[[OUT]]
func.func @conv(%img: memref<?x2x6x6xf32>, %flt: memref<3x2x3x3xf32>, %res: memref<?x3x4x4xf32>, %out: memref<?x3x4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  %n = memref.dim %img, %c0 : memref<?x2x6x6xf32>
  scf.parallel (%b, %f, %h, %w) = (%c0, %c0, %c0, %c0) to (%n, %c3, %c4, %c4) step (%c1, %c1, %c1, %c1) {
    %acc = scf.for %c = %c0 to %c2 step %c1 iter_args(%a0 = %zero) -> (f32) {
      %a1 = scf.for %kh = %c0 to %c3 step %c1 iter_args(%a = %a0) -> (f32) {
        %a2 = scf.for %kw = %c0 to %c3 step %c1 iter_args(%a3 = %a) -> (f32) {
          %ih = arith.addi %h, %kh : index
          %iw = arith.addi %w, %kw : index
          %iv = memref.load %img[%b, %c, %ih, %iw] : memref<?x2x6x6xf32>
          %fv = memref.load %flt[%f, %c, %kh, %kw] : memref<3x2x3x3xf32>
          %p = arith.mulf %iv, %fv : f32
          %s = arith.addf %a3, %p : f32
          scf.yield %s : f32
        }
        scf.yield %a2 : f32
      }
      scf.yield %a1 : f32
    }
    %r = memref.load %res[%b, %f, %h, %w] : memref<?x3x4x4xf32>
    %v = arith.addf %acc, %r : f32
    memref.store %v, %out[%b, %f, %h, %w] : memref<?x3x4x4xf32>
    scf.reduce
  }
  return
}

// -----

// Not matrix products: a depthwise convolution's filter and image both
// depend on the channel, and a max pooling has no product. Both stay
// parallel loops for rectify-gpu-tile-parallel-loops.
// CHECK-LABEL: func.func @not_contractions(
// CHECK-NOT: gpu.launch
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK-NOT: gpu.launch
func.func @not_contractions(%img: memref<1x2x6x6xf32>, %flt: memref<2x3x3xf32>, %out: memref<1x2x4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  scf.parallel (%b, %f, %h, %w) = (%c0, %c0, %c0, %c0) to (%c1, %c2, %c4, %c4) step (%c1, %c1, %c1, %c1) {
    %acc = scf.for %kh = %c0 to %c3 step %c1 iter_args(%a = %zero) -> (f32) {
      %a1 = scf.for %kw = %c0 to %c3 step %c1 iter_args(%a2 = %a) -> (f32) {
        %ih = arith.addi %h, %kh : index
        %iw = arith.addi %w, %kw : index
        %iv = memref.load %img[%b, %f, %ih, %iw] : memref<1x2x6x6xf32>
        %fv = memref.load %flt[%f, %kh, %kw] : memref<2x3x3xf32>
        %p = arith.mulf %iv, %fv : f32
        %s = arith.addf %a2, %p : f32
        scf.yield %s : f32
      }
      scf.yield %a1 : f32
    }
    memref.store %acc, %out[%b, %f, %h, %w] : memref<1x2x4x4xf32>
    scf.reduce
  }
  scf.parallel (%b, %f, %h, %w) = (%c0, %c0, %c0, %c0) to (%c1, %c2, %c4, %c4) step (%c1, %c1, %c1, %c1) {
    %m = scf.for %kh = %c0 to %c3 step %c1 iter_args(%a = %ninf) -> (f32) {
      %ih = arith.addi %h, %kh : index
      %iv = memref.load %img[%b, %f, %ih, %w] : memref<1x2x6x6xf32>
      %s = arith.maximumf %a, %iv : f32
      scf.yield %s : f32
    }
    memref.store %m, %out[%b, %f, %h, %w] : memref<1x2x4x4xf32>
    scf.reduce
  }
  return
}
