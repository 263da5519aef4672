//===- Passes.h - GPU code generation passes ---------------------*- C++ -*-===//
//
// The GPU targets share one schedule: linalg on tensors is bufferized with
// the CPU target's destination-passing ABI, lowered to parallel loops, tiled
// into workgroups of threads, mapped onto the gpu dialect and outlined into
// one gpu.module. The Vulkan back end converts that module to SPIR-V, the
// CUDA back end to NVVM and PTX.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_TARGET_GPU_PASSES_H
#define RECTIFY_TARGET_GPU_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

namespace rectify::gpu {

#define GEN_PASS_DECL
#include "rectify/Target/GPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "rectify/Target/GPU/Passes.h.inc"

/// Options of the shared GPU schedule.
struct KernelOptions : mlir::PassPipelineOptions<KernelOptions> {
  // 128 threads: the most every Vulkan device must support.
  Option<int64_t> threads{
      *this, "threads",
      llvm::cl::desc("Threads per workgroup at most"), llvm::cl::init(128)};
  Option<std::string> mma{
      *this, "mma",
      llvm::cl::desc("Tensor-core MMA of f32 linear/conv tiles (CUDA only): "
                     "none, tf32 or tf32x3"),
      llvm::cl::init("none")};
};

/// Options of the CUDA back end.
struct CUDAOptions : mlir::PassPipelineOptions<CUDAOptions> {
  Option<std::string> chip{*this, "chip",
                           llvm::cl::desc("GPU architecture (sm_XX)"),
                           llvm::cl::init("sm_80")};
};

/// linalg-on-tensors functions -> host functions launching kernels of one
/// gpu.module (destination-passing ABI, bufferization, parallel loops tiled
/// to workgroups and threads, gpu mapping, outlining).
void buildKernelPipeline(mlir::OpPassManager &pm, const KernelOptions &options);

/// The gpu.module -> spirv.module (Vulkan 1.1 compute: SPIR-V 1.3, Shader,
/// storage buffers), with entry points and interface variables lowered.
void buildVulkanPipeline(mlir::OpPassManager &pm);

/// The gpu.module -> gpu.binary holding the PTX of `options.chip`.
void buildCUDAPipeline(mlir::OpPassManager &pm, const CUDAOptions &options);

/// Registers the translations to LLVM IR that the CUDA back end needs to
/// serialize kernels (LLVM, NVVM, GPU dialects).
void registerGPUTranslations(mlir::DialectRegistry &registry);

/// Registers the passes and the `rectify-gpu-kernels`,
/// `rectify-gpu-vulkan-codegen` and `rectify-gpu-cuda-codegen` pipelines.
void registerGPUCodegenPasses();

} // namespace rectify::gpu

#endif // RECTIFY_TARGET_GPU_PASSES_H
