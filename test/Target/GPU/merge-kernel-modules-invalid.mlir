// RUN: rectify-opt %s --rectify-gpu-merge-kernel-modules --verify-diagnostics

// A module with something else than kernels is not merged.
module attributes {gpu.container_module} {
  // expected-error @below {{only kernels can be merged into one gpu.module}}
  gpu.module @helpers {
    gpu.func @kernel(%arg0: memref<4xf32>) kernel {
      gpu.return
    }
    func.func @helper() {
      return
    }
  }
}
