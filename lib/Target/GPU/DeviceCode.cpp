//===- DeviceCode.cpp - The kernels' binary code --------------------------===//

#include "rectify/Target/GPU/DeviceCode.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/Target/SPIRV/Serialization.h"

using namespace mlir;

FailureOr<SmallVector<uint32_t>>
rectify::gpu::serializeSPIRVKernels(ModuleOp module) {
  SmallVector<spirv::ModuleOp> spirvModules;
  module.walk([&](spirv::ModuleOp spirvModule) {
    spirvModules.push_back(spirvModule);
  });
  if (spirvModules.size() != 1)
    return module.emitError("expected one spirv.module of kernels, found ")
           << spirvModules.size();
  SmallVector<uint32_t> words;
  if (failed(spirv::serialize(spirvModules.front(), words)))
    return failure();
  return words;
}

FailureOr<std::string> rectify::gpu::getPTXKernels(ModuleOp module) {
  SmallVector<mlir::gpu::BinaryOp> binaries(module.getOps<mlir::gpu::BinaryOp>());
  if (binaries.size() != 1)
    return module.emitError("expected one gpu.binary of kernels, found ")
           << binaries.size();
  ArrayAttr objects = binaries.front().getObjects();
  if (objects.size() != 1)
    return binaries.front().emitError("expected one PTX object, found ")
           << objects.size();
  auto object = cast<mlir::gpu::ObjectAttr>(objects[0]);
  if (object.getFormat() != mlir::gpu::CompilationTarget::Assembly)
    return binaries.front().emitError("the kernels are not PTX assembly");
  return object.getObject().getValue().str();
}
