//===- FuseElementwise.cpp - Elementwise fusion without reshapes ----------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUFUSEELEMENTWISE
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

struct CPUFuseElementwisePass
    : rectify::cpu::impl::CPUFuseElementwiseBase<CPUFuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    // A producer with other uses would be computed twice.
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [](OpOperand *fused) {
          Operation *producer = fused->get().getDefiningOp();
          return producer && producer->hasOneUse();
        });
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
