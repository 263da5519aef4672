// RUN: rectify-opt %s --split-input-file --pass-pipeline='builtin.module(gpu.module(rectify-gpu-spirv-workgroup-memory))' --verify-diagnostics | FileCheck %s

// A kernel's workgroup attribution becomes an allocation in the Workgroup
// storage class at the kernel's entry, which the SPIR-V conversion lowers to
// a module-scope variable.
// CHECK-LABEL: gpu.func @stage(
// CHECK-SAME: %[[A:.*]]: memref<64xf32>) kernel
// CHECK-NOT: workgroup(
// CHECK: %[[S:.*]] = memref.alloc() : memref<64xf32, #spirv.storage_class<Workgroup>>
// CHECK: memref.store %{{.*}}, %[[S]]
// CHECK: gpu.barrier
// CHECK: memref.load %[[S]]
gpu.module @kernels {
  gpu.func @stage(%a: memref<64xf32>) workgroup(%s : memref<64xf32, #gpu.address_space<workgroup>>) kernel {
    %t = gpu.thread_id x
    %v = memref.load %a[%t] : memref<64xf32>
    memref.store %v, %s[%t] : memref<64xf32, #gpu.address_space<workgroup>>
    gpu.barrier
    %c63 = arith.constant 63 : index
    %r = arith.subi %c63, %t : index
    %w = memref.load %s[%r] : memref<64xf32, #gpu.address_space<workgroup>>
    memref.store %w, %a[%t] : memref<64xf32>
    gpu.return
  }
}

// -----

// Only loads and stores of the attribution are supported.
gpu.module @kernels {
  gpu.func @view(%a: memref<64xf32>) workgroup(%s : memref<64xf32, #gpu.address_space<workgroup>>) kernel {
    %c0 = arith.constant 0 : index
    // expected-error @below {{workgroup memory must be accessed by loads and stores only}}
    %sub = memref.subview %s[0] [32] [1] : memref<64xf32, #gpu.address_space<workgroup>> to memref<32xf32, strided<[1]>, #gpu.address_space<workgroup>>
    %v = memref.load %sub[%c0] : memref<32xf32, strided<[1]>, #gpu.address_space<workgroup>>
    memref.store %v, %a[%c0] : memref<64xf32>
    gpu.return
  }
}
