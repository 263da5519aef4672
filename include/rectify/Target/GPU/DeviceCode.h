//===- DeviceCode.h - The kernels' binary code -------------------*- C++ -*-===//
#ifndef RECTIFY_TARGET_GPU_DEVICECODE_H
#define RECTIFY_TARGET_GPU_DEVICECODE_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace rectify::gpu {

/// Serializes the module's single spirv.module (made by the Vulkan pipeline)
/// to SPIR-V words. Fails with a diagnostic on `module` if there is none or
/// more than one.
mlir::FailureOr<llvm::SmallVector<uint32_t>>
serializeSPIRVKernels(mlir::ModuleOp module);

/// The PTX of the module's single gpu.binary (made by the CUDA pipeline).
mlir::FailureOr<std::string> getPTXKernels(mlir::ModuleOp module);

} // namespace rectify::gpu

#endif // RECTIFY_TARGET_GPU_DEVICECODE_H
