//===- ApproximateErf.cpp - math.erf as a polynomial ----------------------===//

#include "rectify/Target/GPU/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUAPPROXIMATEERF
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;

namespace {

struct GPUApproximateErfPass
    : rectify::gpu::impl::GPUApproximateErfBase<GPUApproximateErfPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populatePolynomialApproximateErfPattern(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
