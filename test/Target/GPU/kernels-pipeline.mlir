// RUN: rectify-opt %s --rectify-gpu-kernels | FileCheck %s
// RUN: rectify-opt %s --rectify-gpu-kernels="threads=16" | FileCheck %s --check-prefix=BLOCK

// A linear layer with a bias + ReLU epilogue: the host function keeps the
// destination-passing ABI of the CPU target and launches one kernel, in
// which the zero fill, the matmul and the epilogue are fused and tiled
// through workgroup memory (rectify-gpu-tile-contractions): x spans the 4
// output features, y the batch, 32x32 outputs per workgroup of 16x8
// threads, so the grid is 1 x ceil(N / 32). The accumulators start at 0 in
// registers, no intermediate buffer is allocated, and the epilogue runs on
// registers before each output's single store. The kernel sits in the one
// gpu.module and takes only buffers and the batch.
// CHECK-LABEL: func.func @linear(
// CHECK-SAME: %[[X:.*]]: memref<?x8xf32>, %[[Y:.*]]: memref<?x4xf32>)
// CHECK: %[[N:.*]] = memref.dim %[[X]], %c0
// CHECK-NOT: memref.alloc
// CHECK: gpu.launch_func @rectify_kernels::@[[KERNEL:.*]] blocks in (%c1, %{{.*}}, %c1) threads in (%c16, %c8, %c1) args(%{{.*}} : memref<8x4xf32>, %[[N]] : index, %[[X]] : memref<?x8xf32>, %{{.*}} : memref<4xf32>, %[[Y]] : memref<?x4xf32>)
// CHECK-NOT: gpu.launch_func
// CHECK: gpu.module @rectify_kernels
// CHECK: gpu.func @[[KERNEL]](%[[WK:.*]]: memref<8x4xf32>, %{{.*}}: index, %[[XK:.*]]: memref<?x8xf32>, %[[BK:.*]]: memref<4xf32>, %[[YK:.*]]: memref<?x4xf32>) workgroup(%[[WS:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>, %[[XS:.*]] : memref<16x32xf32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 16, 8, 1>}
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: gpu.block_id y
// CHECK: gpu.thread_id x
// CHECK: memref.load %[[WK]]
// CHECK: memref.store %{{.*}}, %[[WS]]
// CHECK: memref.load %[[XK]]
// CHECK: memref.store %{{.*}}, %[[XS]]
// CHECK: gpu.barrier
// CHECK: %[[ACC:.*]]:8 = scf.for %{{.*}} = %c0 to %c16 step %c1 iter_args(%{{.*}} = %[[ZERO]], {{.*}}) -> (f32, f32, f32, f32, f32, f32, f32, f32) {
// CHECK: memref.load %[[WS]]
// CHECK: memref.load %[[XS]]
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: scf.yield
// CHECK: gpu.barrier
// CHECK: scf.if
// CHECK: %[[BIAS:.*]] = memref.load %[[BK]]
// CHECK: %[[SUM:.*]] = arith.addf %[[ACC]]#0, %[[BIAS]]
// CHECK: %[[RELU:.*]] = arith.maximumf %[[SUM]], %[[ZERO]]
// CHECK: memref.store %[[RELU]], %[[YK]]
// Other nests get one thread per output element: the ReLU's x spans the 8
// columns, y the batch, 4 rows per workgroup to fill 32 threads.
// CHECK: gpu.func @[[RELU:relu_kernel]](
// CHECK-SAME: known_block_size = array<i32: 8, 4, 1>
// CHECK-NOT: gpu.barrier
// CHECK: arith.cmpi ult
// CHECK: scf.if
// CHECK: arith.maximumf
// CHECK: func.func @relu(
// CHECK: gpu.launch_func @rectify_kernels::@[[RELU]] blocks in (%c1, %{{.*}}, %c1) threads in (%c8, %c4, %c1)
// CHECK-NOT: gpu.module

// --rectify-gpu-kernels="threads=16" bounds the one-thread-per-element
// kernels only: the tiled linear layer keeps its 16x8 threads.
// BLOCK: threads in (%c16, %c8, %c1)
// BLOCK: known_block_size = array<i32: 16, 8, 1>
// BLOCK: known_block_size = array<i32: 8, 2, 1>
// BLOCK: threads in (%c8, %c2, %c1)

func.func @linear(%x: tensor<?x8xf32>) -> tensor<?x4xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<0.5> : tensor<8x4xf32>
  %b = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %m = tensor.dim %x, %c0 : tensor<?x8xf32>
  %e = tensor.empty(%m) : tensor<?x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<?x8xf32>, tensor<8x4xf32>) outs(%f : tensor<?x4xf32>) -> tensor<?x4xf32>
  %e2 = tensor.empty(%m) : tensor<?x4xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%mm, %b : tensor<?x4xf32>, tensor<4xf32>) outs(%e2 : tensor<?x4xf32>) {
  ^bb0(%v: f32, %bias: f32, %out: f32):
    %s = arith.addf %v, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

func.func @relu(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %m = tensor.dim %x, %c0 : tensor<?x8xf32>
  %e = tensor.empty(%m) : tensor<?x8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<?x8xf32>) outs(%e : tensor<?x8xf32>) {
  ^bb0(%v: f32, %out: f32):
    %r = arith.maximumf %v, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}
