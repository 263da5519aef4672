// RUN: rectify-opt %s --rectify-gpu-kernels --rectify-gpu-vulkan-codegen | FileCheck %s --check-prefix=SPIRV
// RUN: rectify-opt %s --rectify-gpu-kernels --rectify-gpu-cuda-codegen | FileCheck %s --check-prefix=PTX

// The tiled linear layer on both back ends. Vulkan: the two 16x32 staging
// buffers are module-scope variables in the Workgroup storage class, the
// barrier a workgroup ControlBarrier, the guards unsigned compares, the
// workgroup 16x8 threads.
// SPIRV-DAG: spirv.GlobalVariable @[[S0:__workgroup_mem__[0-9]]] : !spirv.ptr<!spirv.struct<(!spirv.array<512 x f32>)>, Workgroup>
// SPIRV-DAG: spirv.GlobalVariable @[[S1:__workgroup_mem__[0-9]]] : !spirv.ptr<!spirv.struct<(!spirv.array<512 x f32>)>, Workgroup>
// SPIRV: spirv.func @linear_kernel
// SPIRV: spirv.ULessThan
// SPIRV: spirv.Store "Workgroup"
// SPIRV: spirv.ControlBarrier <Workgroup>, <Workgroup>, <AcquireRelease|WorkgroupMemory>
// SPIRV: spirv.Load "Workgroup"
// SPIRV: spirv.ControlBarrier <Workgroup>, <Workgroup>, <AcquireRelease|WorkgroupMemory>
// SPIRV: spirv.ExecutionMode @linear_kernel "LocalSize", 16, 8, 1
// CUDA: shared memory (address space 3) arrays, bar.sync, guarded by
// predicates.
// PTX: .visible .entry linear_kernel(
// PTX-SAME: .shared .align 4 .b8 __wg_linear_kernel_0[2048];
// PTX-SAME: .shared .align 4 .b8 __wg_linear_kernel_1[2048];
// PTX-SAME: setp.
// PTX-SAME: st.shared.b32
// PTX-SAME: bar.sync
// PTX-SAME: ld.shared.b32
// PTX-SAME: mul.rn.f32
// PTX-SAME: add.rn.f32
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
