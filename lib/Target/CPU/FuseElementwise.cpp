//===- FuseElementwise.cpp - Elementwise fusion without reshapes ----------===//

#include "rectify/Target/CPU/Passes.h"

#include "WindowContraction.h"

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
    // A producer with other uses would be computed twice. A convolution
    // read in place keeps its operands and its epilogue apart: fused into
    // it, a producer would be recomputed for every tap and channel tile;
    // its epilogue fused into a consumer would no longer read it through
    // the identity map, and it would lose its register tiling
    // (rectify-cpu-tile-and-vectorize). A producer reading through other
    // maps than projections (a Winograd output transform's row tiles) is
    // vectorized only as an elementwise root of its own.
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [](OpOperand *fused) {
          Operation *producer = fused->get().getDefiningOp();
          auto consumer = dyn_cast<linalg::GenericOp>(fused->getOwner());
          auto producerGeneric = dyn_cast_if_present<linalg::GenericOp>(producer);
          return producer && producer->hasOneUse() &&
                 !(consumer && rectify::cpu::isWindowContraction(consumer)) &&
                 !(producerGeneric &&
                   (rectify::cpu::readsWindowContraction(producerGeneric) ||
                    !llvm::all_of(producerGeneric.getIndexingMapsArray(),
                                  [](AffineMap map) {
                                    return map.isProjectedPermutation(
                                        /*allowZeroInResults=*/true);
                                  })));
        });
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
