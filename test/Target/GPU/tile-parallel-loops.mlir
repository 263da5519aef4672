// RUN: rectify-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(rectify-gpu-tile-parallel-loops,convert-parallel-loops-to-gpu,canonicalize))" | FileCheck %s
// RUN: rectify-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(rectify-gpu-tile-parallel-loops{threads=64},convert-parallel-loops-to-gpu,canonicalize))" | FileCheck %s --check-prefix=T64
// RUN: rectify-opt %s --split-input-file --rectify-gpu-tile-parallel-loops | FileCheck %s --check-prefix=MAP

// Checked through convert-parallel-loops-to-gpu: the launch shows the
// workgroup (threads) and grid (blocks) each nest gets.

// [batch, 512]: the features take all 128 threads along x, the batch gets
// one row per workgroup along y; tiles have constant bounds and a guard.
// CHECK-LABEL: func.func @linear_rows(
// CHECK-SAME: %[[OUT:.*]]: memref<?x512xf32>, %[[N:.*]]: index)
// CHECK: gpu.launch blocks({{.*}}) in ({{.*}} = %c4, {{.*}} = %[[N]], {{.*}} = %c1) threads({{.*}}) in ({{.*}} = %c128, {{.*}} = %c1, {{.*}} = %c1)
// CHECK: scf.if
// T64-LABEL: func.func @linear_rows(
// T64: gpu.launch blocks({{.*}}) in ({{.*}} = %c8, {{.*}} = %arg1, {{.*}} = %c1) threads({{.*}}) in ({{.*}} = %c64, {{.*}} = %c1, {{.*}} = %c1)
// The mapping before the conversion: the last dimension on x.
// MAP-LABEL: func.func @linear_rows(
// MAP: mapping = [#gpu.loop_dim_map<processor = thread_y, {{.*}}>, #gpu.loop_dim_map<processor = thread_x, {{.*}}>]
// MAP: mapping = [#gpu.loop_dim_map<processor = block_y, {{.*}}>, #gpu.loop_dim_map<processor = block_x, {{.*}}>]
func.func @linear_rows(%out: memref<?x512xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c512) step (%c1, %c1) {
    memref.store %zero, %out[%i, %j] : memref<?x512xf32>
  }
  return
}

// -----

// [batch, 10]: 16 threads cover the 10 features (guarded), the batch fills
// the workgroup to 32 threads with 2 rows.
// CHECK-LABEL: func.func @narrow(
// CHECK: gpu.launch blocks({{.*}}) in ({{.*}} = %c1, {{.*}} = %{{.*}}, {{.*}} = %c1) threads({{.*}}) in ({{.*}} = %c16, {{.*}} = %c2, {{.*}} = %c1)
func.func @narrow(%out: memref<?x10xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c10 = arith.constant 10 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %c10) step (%c1, %c1) {
    memref.store %zero, %out[%i, %j] : memref<?x10xf32>
  }
  return
}

// -----

// A convolution's [N, C, H, W] nest: N and C merge into z, W maps to x
// (8 threads), H to y (8 threads); the merged dynamic dimension gets one
// thread and N * 16 workgroups.
// CHECK-LABEL: func.func @nchw(
// CHECK: gpu.launch blocks({{.*}}) in ({{.*}} = %c1, {{.*}} = %c1, {{.*}} = %{{.*}}) threads({{.*}}) in ({{.*}} = %c8, {{.*}} = %c8, {{.*}} = %c1)
func.func @nchw(%out: memref<?x16x8x8xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%b, %c, %h, %w) = (%c0, %c0, %c0, %c0) to (%n, %c16, %c8, %c8) step (%c1, %c1, %c1, %c1) {
    memref.store %zero, %out[%b, %c, %h, %w] : memref<?x16x8x8xf32>
  }
  return
}
