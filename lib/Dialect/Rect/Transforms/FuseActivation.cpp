//===- FuseActivation.cpp - Fold activations into rect.linear -------------===//
//
// The rect-fuse-activation pass: an activation op whose input is a rect.linear
// without an activation becomes that linear's `activation` attribute (and, for
// prelu, its `slope` operand).
//
//===----------------------------------------------------------------------===//

#include "ActivationMatch.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace rectify::rect {
#define GEN_PASS_DEF_RECTFUSEACTIVATION
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"
} // namespace rectify::rect

using namespace mlir;
using namespace rectify::rect;

/// The slope operand a fused linear takes from `op`: none for most
/// activations; for prelu the slope, reshaped to 1-D, when it is a scalar or
/// varies only along the output features. Fails for any other slope.
template <typename OpTy>
static FailureOr<Value> getSlopeOperand(OpTy, PatternRewriter &) {
  return Value();
}
static FailureOr<Value> getSlopeOperand(PReluOp op, PatternRewriter &rewriter) {
  Value slope = op.getSlope();
  auto slopeType = cast<RankedTensorType>(slope.getType());
  if (slopeType.getRank() == 0)
    return slope;
  ArrayRef<int64_t> shape = slopeType.getShape();
  if (llvm::any_of(shape.drop_back(), [](int64_t d) { return d != 1; }))
    return failure();
  int64_t features = op.getType().getShape().back();
  int64_t last = shape.back();
  if (last != 1 && (ShapedType::isDynamic(last) || last != features))
    return failure();
  if (slopeType.getRank() == 1)
    return slope;
  auto flatType = RankedTensorType::get({last}, slopeType.getElementType());
  return rewriter.createOrFold<ReshapeOp>(op.getLoc(), flatType, slope);
}

namespace {

/// act(rect.linear(x, W, b)) -> rect.linear(x, W, b) {activation = act}.
template <typename OpTy>
struct FuseActivationIntoLinear : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto linear = op.getInput().template getDefiningOp<LinearOp>();
    if (!linear)
      return rewriter.notifyMatchFailure(op, "input is not a rect.linear");
    if (!linear.getActivation().isIdentity())
      return rewriter.notifyMatchFailure(op, "linear has an activation");
    // A single use also rules out the linear's result being returned.
    if (!linear->hasOneUse())
      return rewriter.notifyMatchFailure(op, "linear result has other users");
    if (linear.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "activation changes the type");
    ActivationAttr activation = getActivationAttr(op);
    if (!isRepresentableActivation(activation))
      return rewriter.notifyMatchFailure(op, "parameters are not finite");
    FailureOr<Value> slope = getSlopeOperand(op, rewriter);
    if (failed(slope))
      return rewriter.notifyMatchFailure(
          op, "slope does not broadcast per output feature");
    auto fused = LinearOp::create(
        rewriter, rewriter.getFusedLoc({linear.getLoc(), op.getLoc()}),
        op.getType(), linear.getInput(), linear.getWeight(), linear.getBias(),
        *slope, activation);
    rewriter.replaceOp(op, fused);
    rewriter.eraseOp(linear);
    return success();
  }
};

struct RectFuseActivationPass
    : rectify::rect::impl::RectFuseActivationBase<RectFuseActivationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<
        FuseActivationIntoLinear<ReluOp>, FuseActivationIntoLinear<Relu6Op>,
        FuseActivationIntoLinear<LeakyReluOp>,
        FuseActivationIntoLinear<PReluOp>, FuseActivationIntoLinear<ClipOp>,
        FuseActivationIntoLinear<EluOp>, FuseActivationIntoLinear<SeluOp>,
        FuseActivationIntoLinear<SigmoidOp>, FuseActivationIntoLinear<TanhOp>,
        FuseActivationIntoLinear<GeluOp>, FuseActivationIntoLinear<SiluOp>,
        FuseActivationIntoLinear<SoftplusOp>,
        FuseActivationIntoLinear<HardSigmoidOp>,
        FuseActivationIntoLinear<HardSwishOp>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
