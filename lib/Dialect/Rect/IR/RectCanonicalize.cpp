//===- RectCanonicalize.cpp - ReLU algebra canonicalizations --------------===//
//
// Canonical forms of the ReLU family: every spelling of max(x, 0) becomes
// rect.relu, clip(x, 0, 6) becomes rect.relu6, and ReLUs of producers that are
// never negative disappear.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace rectify::rect;

/// True when every value `v` can take is >= 0 (or NaN), whatever the input.
static bool isNeverNegative(Value v) {
  Operation *def = v.getDefiningOp();
  if (!def)
    return false;
  if (isa<ReluOp, Relu6Op, SigmoidOp, SoftplusOp, SoftmaxOp, ExpOp, AbsOp,
          HardSigmoidOp>(def))
    return true;
  if (auto clip = dyn_cast<ClipOp>(def))
    return clip.getMin() && !clip.getMin()->isNegative();
  if (auto linear = dyn_cast<LinearOp>(def))
    return linear.getActivation().isNonNegative();
  return false;
}

/// True when `v` is a constant whose every element is +0.0 or -0.0.
static bool isZeroSplat(Value v) {
  std::optional<APFloat> splat = getSplatFloat(v);
  return splat && splat->isZero();
}

namespace {

/// relu(x) -> x when x is never negative.
struct FoldReluOfNonNegative : OpRewritePattern<ReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReluOp op,
                                PatternRewriter &rewriter) const override {
    if (!isNeverNegative(op.getInput()))
      return rewriter.notifyMatchFailure(op, "producer may be negative");
    rewriter.replaceOp(op, op.getInput());
    return success();
  }
};

/// max(x, 0) -> relu(x) when the zero does not widen x's shape.
struct MaxWithZeroToRelu : OpRewritePattern<MaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxOp op,
                                PatternRewriter &rewriter) const override {
    Value x = op.getLhs(), other = op.getRhs();
    if (!isZeroSplat(other))
      std::swap(x, other);
    if (!isZeroSplat(other))
      return rewriter.notifyMatchFailure(op, "neither operand is zero");
    if (x.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "zero broadcasts x");
    rewriter.replaceOpWithNewOp<ReluOp>(op, x);
    return success();
  }
};

/// clip(x, 0, +inf) -> relu(x); clip(x, 0, 6) -> relu6(x); a clip with no
/// bound at all is the identity.
struct ClipToRelu : OpRewritePattern<ClipOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ClipOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<APFloat> lo = op.getMin(), hi = op.getMax();
    bool hiUnbounded = !hi || hi->isInfinity();
    bool loUnbounded = !lo || (lo->isInfinity() && lo->isNegative());
    if (loUnbounded && hiUnbounded) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    if (!lo || !lo->isZero())
      return rewriter.notifyMatchFailure(op, "lower bound is not zero");
    if (hiUnbounded) {
      rewriter.replaceOpWithNewOp<ReluOp>(op, op.getInput());
      return success();
    }
    if (hi->convertToDouble() == 6.0) {
      rewriter.replaceOpWithNewOp<Relu6Op>(op, op.getInput());
      return success();
    }
    return rewriter.notifyMatchFailure(op, "upper bound is neither inf nor 6");
  }
};

/// leaky_relu(x, alpha = 0) -> relu(x).
struct LeakyReluZeroAlphaToRelu : OpRewritePattern<LeakyReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LeakyReluOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getAlpha().isZero())
      return rewriter.notifyMatchFailure(op, "alpha is not zero");
    rewriter.replaceOpWithNewOp<ReluOp>(op, op.getInput());
    return success();
  }
};

/// relu(x) - relu(-x) -> x.
struct ReluDifferenceToIdentity : OpRewritePattern<SubOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SubOp op,
                                PatternRewriter &rewriter) const override {
    auto pos = op.getLhs().getDefiningOp<ReluOp>();
    auto neg = op.getRhs().getDefiningOp<ReluOp>();
    if (!pos || !neg)
      return rewriter.notifyMatchFailure(op, "operands are not both relu");
    auto negation = neg.getInput().getDefiningOp<NegOp>();
    if (!negation || negation.getInput() != pos.getInput())
      return rewriter.notifyMatchFailure(op, "rhs is not relu(-lhs input)");
    if (pos.getInput().getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "result type differs");
    rewriter.replaceOp(op, pos.getInput());
    return success();
  }
};

} // namespace

void ReluOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<FoldReluOfNonNegative>(context);
}

void MaxOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<MaxWithZeroToRelu>(context);
}

void ClipOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<ClipToRelu>(context);
}

void LeakyReluOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<LeakyReluZeroAlphaToRelu>(context);
}

void SubOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<ReluDifferenceToIdentity>(context);
}
