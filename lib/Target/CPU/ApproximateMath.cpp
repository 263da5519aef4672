//===- ApproximateMath.cpp - Polynomial vector exp, log, tanh, erf --------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUAPPROXIMATEMATH
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

/// The functions approximated (the patterns' predicate gets op names).
bool isApproximated(StringRef name) {
  return llvm::is_contained({"math.exp", "math.expm1", "math.log",
                             "math.log1p", "math.log2", "math.tanh",
                             "math.erf"},
                            name);
}

struct CPUApproximateMathPass
    : rectify::cpu::impl::CPUApproximateMathBase<CPUApproximateMathPass> {
  void runOnOperation() override {
    // Only vector ops: a scalar call to libm costs the same as the
    // polynomial and is exact to the last bit.
    SmallVector<Operation *> vectorMath;
    getOperation().walk([&](Operation *op) {
      if (isa<math::MathDialect>(op->getDialect()) &&
          op->getNumResults() == 1 &&
          isa<VectorType>(op->getResult(0).getType()) &&
          getElementTypeOrSelf(op->getResult(0).getType()).isF32())
        vectorMath.push_back(op);
    });
    if (vectorMath.empty())
      return;
    RewritePatternSet patterns(&getContext());
    populateMathF32ExpansionPatterns(patterns, isApproximated);
    populateMathPolynomialApproximationPatterns(patterns, isApproximated);
    // The approximations of tanh and erf build on exp, which must be
    // approximated in turn: new math ops are visited as well.
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    if (failed(applyOpPatternsGreedily(vectorMath, std::move(patterns), config)))
      return signalPassFailure();
  }
};

} // namespace
