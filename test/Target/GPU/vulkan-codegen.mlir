// RUN: rectify-opt %s --rectify-gpu-kernels --rectify-gpu-vulkan-codegen | FileCheck %s

// The kernels become one SPIR-V module for Vulkan 1.1 (SPIR-V 1.3, Shader,
// storage buffers): one entry point per kernel with its workgroup size,
// arguments as storage buffers bound to set 0 in argument order (the batch
// as a 32-bit scalar in a buffer of its own), buffers of dynamic extent as
// runtime arrays, and GELU's erf as arithmetic (a rational polynomial on
// selected coefficients).
// The host still launches the kernel by name.
// CHECK: gpu.launch_func @rectify_kernels::@gelu_kernel
// CHECK: spirv.module @__spv__rectify_kernels Logical GLSL450 requires #spirv.vce<v1.0, [Shader
// CHECK-SAME: [SPV_KHR_storage_buffer_storage_class]>
// CHECK-SAME: api=Vulkan
// CHECK-DAG: spirv.GlobalVariable @[[K:gelu_kernel]]_arg_0 bind(0, 0) : !spirv.ptr<!spirv.struct<(i32 [0])>, StorageBuffer>
// CHECK-DAG: spirv.GlobalVariable @[[K]]_arg_1 bind(0, 1) : !spirv.ptr<!spirv.struct<(!spirv.rtarray<f32, stride=4> [0])>, StorageBuffer>
// CHECK-DAG: spirv.GlobalVariable @[[K]]_arg_2 bind(0, 2) : !spirv.ptr<!spirv.struct<(!spirv.rtarray<f32, stride=4> [0])>, StorageBuffer>
// CHECK: spirv.func @[[K]]()
// CHECK-NOT: math.erf
// CHECK: spirv.FOrdLessThan
// CHECK: spirv.Select
// CHECK: spirv.EntryPoint "GLCompute" @[[K]]
// CHECK: spirv.ExecutionMode @[[K]] "LocalSize", 16, 2, 1
func.func @gelu(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %c0 = arith.constant 0 : index
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %isqrt2 = arith.constant 0.70710678 : f32
  %n = tensor.dim %x, %c0 : tensor<?x16xf32>
  %e = tensor.empty(%n) : tensor<?x16xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<?x16xf32>) outs(%e : tensor<?x16xf32>) {
  ^bb0(%v: f32, %out: f32):
    %s = arith.mulf %v, %isqrt2 : f32
    %erf = math.erf %s : f32
    %p = arith.addf %erf, %one : f32
    %h = arith.mulf %v, %half : f32
    %r = arith.mulf %h, %p : f32
    linalg.yield %r : f32
  } -> tensor<?x16xf32>
  return %y : tensor<?x16xf32>
}
