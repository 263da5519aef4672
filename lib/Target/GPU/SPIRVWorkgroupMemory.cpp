//===- SPIRVWorkgroupMemory.cpp - Workgroup attributions to allocations ---===//

#include "rectify/Target/GPU/Passes.h"

#include "mlir/Dialect/SPIRV/IR/SPIRVAttributes.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUSPIRVWORKGROUPMEMORY
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;

namespace {

LogicalResult lowerAttributions(gpu::GPUFuncOp kernel) {
  unsigned count = kernel.getNumWorkgroupAttributions();
  if (count == 0)
    return success();
  if (kernel.getNumPrivateAttributions() != 0)
    return kernel.emitError("private attributions are not supported");
  Attribute workgroup = spirv::StorageClassAttr::get(
      kernel.getContext(), spirv::StorageClass::Workgroup);
  OpBuilder builder = OpBuilder::atBlockBegin(&kernel.getBody().front());
  unsigned first = kernel.getFirstWorkgroupAttributionIndex();
  for (BlockArgument attribution : kernel.getWorkgroupAttributions()) {
    auto type = dyn_cast<MemRefType>(attribution.getType());
    if (!type || !type.hasStaticShape())
      return kernel.emitError("workgroup attribution #")
             << attribution.getArgNumber() - first
             << " is not a statically shaped memref";
    for (Operation *user : attribution.getUsers())
      if (!isa<memref::LoadOp, memref::StoreOp>(user))
        return user->emitError(
            "workgroup memory must be accessed by loads and stores only");
    auto alloc = memref::AllocOp::create(
        builder, attribution.getLoc(),
        MemRefType::get(type.getShape(), type.getElementType(),
                        type.getLayout(), workgroup));
    attribution.replaceAllUsesWith(alloc);
  }
  kernel.getBody().front().eraseArguments(first, count);
  kernel->removeAttr(kernel.getNumWorkgroupAttributionsAttrName());
  return success();
}

struct GPUSPIRVWorkgroupMemoryPass
    : rectify::gpu::impl::GPUSPIRVWorkgroupMemoryBase<
          GPUSPIRVWorkgroupMemoryPass> {
  void runOnOperation() override {
    for (auto kernel : getOperation().getOps<gpu::GPUFuncOp>())
      if (failed(lowerAttributions(kernel)))
        return signalPassFailure();
  }
};

} // namespace
