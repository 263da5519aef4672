// RUN: rectify-opt %s --rectify-gpu-merge-kernel-modules | FileCheck %s

// Two outlined modules become one, each kernel named after its module, and
// the launches follow.
// CHECK-LABEL: func.func @host(
// CHECK: gpu.launch_func @rectify_kernels::@first
// CHECK: gpu.launch_func @rectify_kernels::@second
// CHECK: gpu.module @rectify_kernels {
// CHECK: gpu.func @first(%{{.*}}: memref<4xf32>) kernel
// CHECK: gpu.func @second(%{{.*}}: memref<4xf32>) kernel
// CHECK-NOT: gpu.module
module attributes {gpu.container_module} {
  func.func @host(%buffer: memref<4xf32>) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @first::@host_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%buffer : memref<4xf32>)
    gpu.launch_func @second::@host_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%buffer : memref<4xf32>)
    return
  }
  gpu.module @first {
    gpu.func @host_kernel(%arg0: memref<4xf32>) kernel {
      gpu.return
    }
  }
  gpu.module @second {
    gpu.func @host_kernel(%arg0: memref<4xf32>) kernel {
      gpu.return
    }
  }
}
