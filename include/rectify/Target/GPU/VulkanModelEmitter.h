//===- VulkanModelEmitter.h - C source of a Vulkan model ---------*- C++ -*-===//
//
// A Vulkan model library is C source compiled by the system C compiler: the
// model ABI (RectifyModel.h and its boundary checks, shared with the CPU
// target), the Vulkan runtime (lib/Runtime/Vulkan), the SPIR-V of the
// kernels, the weights, and the launch program: the host function left by
// the GPU pipeline translated to C calls that allocate buffers and record
// kernel launches into one command buffer.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_TARGET_GPU_VULKANMODELEMITTER_H
#define RECTIFY_TARGET_GPU_VULKANMODELEMITTER_H

#include "rectify/Target/CPU/ModelABIEmitter.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace rectify::gpu {

struct VulkanModelSource {
  /// The C source of the library.
  std::string source;
  /// The weights, one after the other (64-byte aligned); the source embeds
  /// them from the file the caller writes them to.
  std::string weights;
};

/// Emits the library of `module` after the Vulkan pipeline: its host
/// function `signature.entrySymbol` may only allocate buffers, take weights
/// (memref.get_global), compute sizes with arith ops, copy buffers and launch
/// kernels; anything else is an error naming the operation. `weightsPath` is
/// where the caller writes `weights` before compiling the source.
mlir::FailureOr<VulkanModelSource>
emitVulkanModel(mlir::ModuleOp module, const cpu::ModelSignature &signature,
                llvm::ArrayRef<uint32_t> spirv, llvm::StringRef weightsPath);

} // namespace rectify::gpu

#endif // RECTIFY_TARGET_GPU_VULKANMODELEMITTER_H
