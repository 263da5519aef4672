//===- Pipeline.cpp - linalg on tensors to gpu kernels, SPIR-V and PTX ----===//

#include "rectify/Target/GPU/Passes.h"

#include "rectify/Target/CPU/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace {
void parseOrDie(StringRef pipeline, OpPassManager &pm, StringRef what) {
  if (failed(parsePassPipeline(pipeline, pm)))
    llvm::report_fatal_error(llvm::Twine("rectify: malformed ") + what +
                             " pipeline");
}
} // namespace

void rectify::gpu::buildKernelPipeline(OpPassManager &pm,
                                       const KernelOptions &options) {
  // Textual, like the CPU pipeline: every stage can be replayed alone with
  // rectify-opt. The destination-passing ABI is the CPU target's, so both
  // targets share one C entry point.
  std::string pipeline = llvm::formatv(
      "rectify-cpu-destination-abi,"
      // Weights [N, K] are transposed to [K, N] at compile time (the CPU
      // target's pass): neighbouring threads, one per output feature, read
      // neighbouring addresses in the K loop.
      // No CSE before bufferization: layers with equal shapes would share
      // one zero-filled accumulator, which bufferization then copies.
      "func.func(linalg-fuse-elementwise-ops,rectify-cpu-pack-weights,"
      "canonicalize),"
      "eliminate-empty-tensors,"
      "one-shot-bufferize{{unknown-type-conversion=identity-layout-map},"
      "canonicalize,cse,canonicalize,"
      "func.func(rectify-cpu-copies-to-loops,convert-linalg-to-parallel-loops,"
      // A layer's fill, reduction and epilogue nests fuse into one whose
      // accumulator and intermediate values stay in registers.
      "canonicalize,cse,rectify-gpu-fuse-parallel-loops,"
      "rectify-gpu-promote-accumulators,rectify-gpu-forward-stores,"
      // Matmul-like nests (linear, convolution): output tiles per
      // workgroup, operands staged in workgroup memory, register tiles.
      "rectify-gpu-tile-contractions{{mma={1}},"
      // Other nests: one thread per output element, workgroups of at most
      // {0} threads.
      "rectify-gpu-tile-parallel-loops{{threads={0}},"
      "convert-parallel-loops-to-gpu,canonicalize,"
      "rectify-gpu-sink-constants),"
      "gpu-kernel-outlining,rectify-gpu-merge-kernel-modules,"
      "lower-affine,canonicalize,cse",
      options.threads.getValue(), options.mma.getValue());
  parseOrDie(pipeline, pm, "GPU kernel");
}

void rectify::gpu::buildVulkanPipeline(OpPassManager &pm) {
  // Vulkan 1.1 consumes SPIR-V 1.3.
  parseOrDie("spirv-attach-target{ver=v1.3 caps=Shader "
             "exts=SPV_KHR_storage_buffer_storage_class client_api=Vulkan},"
             "gpu.module(rectify-gpu-approximate-erf,math-expand-ops,"
             "convert-math-to-spirv,rectify-gpu-spirv-entry-point-abi,"
             "rectify-gpu-spirv-workgroup-memory),"
             "convert-gpu-to-spirv,"
             "spirv.module(spirv-lower-abi-attrs,spirv-update-vce,"
             "canonicalize)",
             pm, "Vulkan");
}

void rectify::gpu::buildCUDAPipeline(OpPassManager &pm,
                                     const CUDAOptions &options) {
  std::string pipeline = llvm::formatv(
      "nvvm-attach-target{{chip={0} O=3},"
      "gpu.module(rectify-gpu-approximate-erf,math-expand-ops,convert-scf-to-cf,"
      "convert-nvgpu-to-nvvm,convert-gpu-to-nvvm,"
      "canonicalize,cse),"
      "reconcile-unrealized-casts,gpu-module-to-binary{{format=isa}",
      options.chip.getValue());
  parseOrDie(pipeline, pm, "CUDA");
}

void rectify::gpu::registerGPUTranslations(DialectRegistry &registry) {
  registerBuiltinDialectTranslation(registry);
  registerGPUDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerNVVMDialectTranslation(registry);
}

void rectify::gpu::registerGPUCodegenPasses() {
  registerRectifyGPUPasses();
  PassPipelineRegistration<KernelOptions>(
      "rectify-gpu-kernels",
      "Lower linalg-on-tensors functions to host code launching gpu kernels",
      buildKernelPipeline);
  PassPipelineRegistration<>(
      "rectify-gpu-vulkan-codegen",
      "Convert the kernels' gpu.module to a Vulkan SPIR-V module",
      buildVulkanPipeline);
  PassPipelineRegistration<CUDAOptions>(
      "rectify-gpu-cuda-codegen",
      "Convert the kernels' gpu.module to PTX (a gpu.binary)",
      buildCUDAPipeline);
}
