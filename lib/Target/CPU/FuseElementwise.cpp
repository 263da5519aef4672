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

/// True for the epilogue of a contraction generic (a convolution read in
/// place): fused into its consumer it would no longer read the contraction
/// through the identity map, and the contraction would lose its register
/// tiling (rectify-cpu-tile-and-vectorize).
bool isContractionEpilogue(Operation *op) {
  auto generic = dyn_cast<linalg::GenericOp>(op);
  return generic && llvm::any_of(generic.getDpsInputs(), [](Value input) {
           auto producer = input.getDefiningOp<linalg::GenericOp>();
           return producer && producer.getNumReductionLoops() > 0;
         });
}

struct CPUFuseElementwisePass
    : rectify::cpu::impl::CPUFuseElementwiseBase<CPUFuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    // A producer with other uses would be computed twice.
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [](OpOperand *fused) {
          Operation *producer = fused->get().getDefiningOp();
          return producer && producer->hasOneUse() &&
                 !isContractionEpilogue(producer);
        });
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
