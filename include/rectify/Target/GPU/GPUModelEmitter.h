//===- GPUModelEmitter.h - C source of a Vulkan or CUDA model ----*- C++ -*-===//
//
// A GPU model library is C source compiled by the system C compiler: the
// model ABI (RectifyModel.h and its boundary checks, shared with the CPU
// target), the target's runtime (lib/Runtime/Vulkan or lib/Runtime/CUDA),
// the device code of the kernels, the weights, and the launch program: the
// host function left by the GPU pipeline translated to C calls that
// allocate buffers and launch kernels (recorded into one Vulkan command
// buffer, or issued on one CUDA stream).
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_TARGET_GPU_GPUMODELEMITTER_H
#define RECTIFY_TARGET_GPU_GPUMODELEMITTER_H

#include "rectify/Target/CPU/ModelABIEmitter.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace rectify::gpu {

struct GPUModelSource {
  /// The C source of the library.
  std::string source;
  /// The weights, one after the other (64-byte aligned); the source embeds
  /// them from the file the caller writes them to.
  std::string weights;
};

/// Emits the Vulkan library of `module` after the Vulkan pipeline: its host
/// function `signature.entrySymbol` may only allocate buffers, take weights
/// (memref.get_global), compute sizes with arith ops, copy buffers and launch
/// kernels; anything else is an error naming the operation. `weightsPath` is
/// where the caller writes `weights` before compiling the source.
mlir::FailureOr<GPUModelSource>
emitVulkanModel(mlir::ModuleOp module, const cpu::ModelSignature &signature,
                llvm::ArrayRef<uint32_t> spirv, llvm::StringRef weightsPath);

/// The device code of a CUDA model: the PTX, and the cubin ptxas assembled
/// from it where a CUDA toolkit was found (empty otherwise). The runtime
/// loads the cubin, and falls back to the driver compiling the PTX when
/// there is no cubin or the device cannot run it (another architecture).
struct CUDAImage {
  std::string ptx;
  std::string cubin;
  std::string arch; // sm_XX
};

/// Emits the CUDA library of `module` after the CUDA pipeline, with the
/// same host-function restrictions as emitVulkanModel.
mlir::FailureOr<GPUModelSource>
emitCUDAModel(mlir::ModuleOp module, const cpu::ModelSignature &signature,
              const CUDAImage &image, llvm::StringRef weightsPath);

} // namespace rectify::gpu

#endif // RECTIFY_TARGET_GPU_GPUMODELEMITTER_H
