//===- SinkConstants.cpp - Constants into gpu.launch bodies ---------------===//

#include "rectify/Target/GPU/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUSINKCONSTANTS
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;

namespace {

void sinkInto(gpu::LaunchOp launch) {
  Region &body = launch.getBody();
  OpBuilder builder = OpBuilder::atBlockBegin(&body.front());
  // Block sizes known at compile time become constants in the body, so the
  // outlined kernel gets `known_block_size` instead of size arguments.
  gpu::KernelDim3 sizes = launch.getBlockSizeOperandValues();
  gpu::KernelDim3 args = launch.getBlockSize();
  Value sizeValues[] = {sizes.x, sizes.y, sizes.z};
  Value argValues[] = {args.x, args.y, args.z};
  for (auto [size, arg] : llvm::zip_equal(sizeValues, argValues)) {
    if (!matchPattern(size, m_Constant()) || arg.use_empty())
      continue;
    Operation *clone = builder.clone(*size.getDefiningOp());
    arg.replaceAllUsesWith(clone->getResult(0));
  }
  llvm::SetVector<Value> outside;
  getUsedValuesDefinedAbove(body, outside);
  for (Value value : outside) {
    auto constant = value.getDefiningOp<arith::ConstantOp>();
    if (!constant)
      continue;
    Operation *clone = builder.clone(*constant);
    replaceAllUsesInRegionWith(value, clone->getResult(0), body);
  }
}

struct GPUSinkConstantsPass
    : rectify::gpu::impl::GPUSinkConstantsBase<GPUSinkConstantsPass> {
  void runOnOperation() override {
    getOperation().walk([](gpu::LaunchOp launch) { sinkInto(launch); });
  }
};

} // namespace
