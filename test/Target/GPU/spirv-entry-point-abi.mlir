// RUN: rectify-opt %s --split-input-file --pass-pipeline="builtin.module(gpu.module(rectify-gpu-spirv-entry-point-abi))" --verify-diagnostics | FileCheck %s

// The known block size becomes the SPIR-V workgroup size.
// CHECK: gpu.func @kernel
// CHECK-SAME: spirv.entry_point_abi = #spirv.entry_point_abi<workgroup_size = [4, 32, 1]>
gpu.module @kernels {
  gpu.func @kernel(%arg0: memref<4xf32>) kernel attributes {known_block_size = array<i32: 4, 32, 1>} {
    gpu.return
  }
}

// -----

gpu.module @kernels {
  // expected-error @below {{kernel has no known block size}}
  gpu.func @kernel(%arg0: memref<4xf32>) kernel {
    gpu.return
  }
}
