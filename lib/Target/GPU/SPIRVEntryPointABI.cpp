//===- SPIRVEntryPointABI.cpp - Workgroup size of each kernel -------------===//

#include "rectify/Target/GPU/Passes.h"

#include "mlir/Dialect/SPIRV/IR/TargetAndABI.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUSPIRVENTRYPOINTABI
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;

namespace {

struct GPUSPIRVEntryPointABIPass
    : rectify::gpu::impl::GPUSPIRVEntryPointABIBase<GPUSPIRVEntryPointABIPass> {
  void runOnOperation() override {
    for (gpu::GPUFuncOp kernel : getOperation().getOps<gpu::GPUFuncOp>()) {
      if (!kernel.isKernel())
        continue;
      std::optional<ArrayRef<int32_t>> blockSize = kernel.getKnownBlockSize();
      if (!blockSize || blockSize->size() != 3) {
        kernel.emitError("kernel has no known block size: its workgroup size "
                         "must be a compile-time constant for SPIR-V");
        return signalPassFailure();
      }
      kernel->setAttr(spirv::getEntryPointABIAttrName(),
                      spirv::getEntryPointABIAttr(&getContext(),
                                                  *blockSize));
    }
  }
};

} // namespace
