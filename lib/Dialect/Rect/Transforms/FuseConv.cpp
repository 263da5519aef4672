//===- FuseConv.cpp - Fold residual adds and activations into rect.conv ---===//
//
// The rect-fuse-conv pass:
//
//   add(conv(x), r)       -> conv(x) residual(r)      (r of the conv's type)
//   act(conv(x) ...)      -> conv(x) ... {activation = #rect.act<act>}
//   relu(max_pool(x))     -> max_pool(relu(x))
//
// The first two need the conv to have no activation yet and the folded op to
// be its only user (so its result is not returned either); the residual also
// needs no residual yet. ReLU commutes with max pooling (both are monotone,
// and padding never wins a window), so moving it before the pool lets it fuse
// into a conv feeding the pool; this is done only when the pool is the only
// user of its input and the ReLU the only user of the pool.
//
//===----------------------------------------------------------------------===//

#include "ActivationMatch.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace rectify::rect {
#define GEN_PASS_DEF_RECTFUSECONV
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"
} // namespace rectify::rect

using namespace mlir;
using namespace rectify::rect;

/// A copy of `conv` at the rewriter's insertion point with `residual`,
/// `slope` and `activation` replaced.
static ConvOp cloneConv(PatternRewriter &rewriter, Location loc, ConvOp conv,
                        Value residual, Value slope,
                        ActivationAttr activation) {
  return ConvOp::create(rewriter, loc, conv.getType(), conv.getInput(),
                        conv.getWeight(), conv.getBias(), residual, slope,
                        conv.getStridesAttr(), conv.getPadsAttr(),
                        conv.getDilationsAttr(), conv.getGroupAttr(),
                        activation);
}

/// The slope operand of a conv fused with `op`: none unless `op` is a prelu;
/// then its slope as [F] or [1] (or a scalar), when it varies only along the
/// channels of the NCHW result. Fails for any other slope.
static FailureOr<Value> getConvSlope(Operation *op, ConvOp conv,
                                     PatternRewriter &rewriter) {
  auto prelu = dyn_cast<PReluOp>(op);
  if (!prelu)
    return Value();
  Value slope = prelu.getSlope();
  auto slopeType = cast<RankedTensorType>(slope.getType());
  if (slopeType.getRank() == 0)
    return slope;
  int64_t rank = conv.getType().getRank();
  int64_t channels = conv.getType().getDimSize(1);
  int64_t offset = rank - slopeType.getRank();
  int64_t size = 1;
  for (auto [i, d] : llvm::enumerate(slopeType.getShape())) {
    if (d == 1)
      continue;
    if (offset + static_cast<int64_t>(i) != 1 || d != channels)
      return failure();
    size = d;
  }
  if (slopeType.getRank() == 1)
    return slope;
  auto flatType = RankedTensorType::get({size}, slopeType.getElementType());
  return rewriter.createOrFold<ReshapeOp>(prelu.getLoc(), flatType, slope);
}

namespace {

/// act(conv) -> conv {activation = act}, for every activation op.
struct FuseActivationIntoConv : RewritePattern {
  FuseActivationIntoConv(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    ActivationAttr activation = getActivationAttr(op);
    if (!activation)
      return failure();
    auto conv = op->getOperand(0).getDefiningOp<ConvOp>();
    if (!conv)
      return rewriter.notifyMatchFailure(op, "input is not a rect.conv");
    if (!conv.getActivation().isIdentity())
      return rewriter.notifyMatchFailure(op, "conv has an activation");
    if (!conv->hasOneUse())
      return rewriter.notifyMatchFailure(op, "conv result has other users");
    if (conv.getType() != op->getResult(0).getType())
      return rewriter.notifyMatchFailure(op, "activation changes the type");
    if (!isRepresentableActivation(activation))
      return rewriter.notifyMatchFailure(op, "parameters are not finite");
    FailureOr<Value> slope = getConvSlope(op, conv, rewriter);
    if (failed(slope))
      return rewriter.notifyMatchFailure(op,
                                         "slope does not vary per channel");
    ConvOp fused =
        cloneConv(rewriter, rewriter.getFusedLoc({conv.getLoc(), op->getLoc()}),
                  conv, conv.getResidual(), *slope, activation);
    rewriter.replaceOp(op, fused.getResult());
    rewriter.eraseOp(conv);
    return success();
  }
};

/// add(conv, r) -> conv residual(r).
struct FuseResidualAdd : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;

  static bool canTakeResidual(Value value, Value other, AddOp add) {
    auto conv = value.getDefiningOp<ConvOp>();
    return conv && conv.getActivation().isIdentity() && !conv.getResidual() &&
           conv->hasOneUse() && conv.getType() == add.getType() &&
           other.getType() == add.getType();
  }

  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    Value convValue = op.getLhs(), residual = op.getRhs();
    if (!canTakeResidual(convValue, residual, op)) {
      std::swap(convValue, residual);
      if (!canTakeResidual(convValue, residual, op))
        return rewriter.notifyMatchFailure(
            op, "no operand is a single-use conv without activation or "
                "residual, of the sum's type");
    }
    auto conv = convValue.getDefiningOp<ConvOp>();
    ConvOp fused =
        cloneConv(rewriter, rewriter.getFusedLoc({conv.getLoc(), op.getLoc()}),
                  conv, residual, conv.getSlope(), conv.getActivation());
    rewriter.replaceOp(op, fused.getResult());
    rewriter.eraseOp(conv);
    return success();
  }
};

/// relu(max_pool(x)) -> max_pool(relu(x)).
struct CommuteReluMaxPool : OpRewritePattern<ReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReluOp op,
                                PatternRewriter &rewriter) const override {
    auto pool = op.getInput().getDefiningOp<MaxPoolOp>();
    if (!pool)
      return rewriter.notifyMatchFailure(op, "input is not a rect.max_pool");
    if (!pool->hasOneUse() || !pool.getInput().hasOneUse())
      return rewriter.notifyMatchFailure(
          op, "pool or its input has other users");
    Value relu = ReluOp::create(rewriter, op.getLoc(), pool.getInput());
    auto moved = MaxPoolOp::create(
        rewriter, pool.getLoc(), pool.getType(), relu,
        pool.getKernelShapeAttr(), pool.getStridesAttr(), pool.getPadsAttr(),
        pool.getDilationsAttr(), pool.getCeilModeAttr());
    rewriter.replaceOp(op, moved.getResult());
    rewriter.eraseOp(pool);
    return success();
  }
};

struct RectFuseConvPass
    : rectify::rect::impl::RectFuseConvBase<RectFuseConvPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseActivationIntoConv, FuseResidualAdd, CommuteReluMaxPool>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
