//===- FuseActivation.cpp - Fold activations into rect.linear -------------===//
//
// The rect-fuse-activation pass: an activation op whose input is a rect.linear
// without an activation becomes that linear's `activation` attribute (and, for
// prelu, its `slope` operand).
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace rectify::rect {
#define GEN_PASS_DEF_RECTFUSEACTIVATION
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"
} // namespace rectify::rect

using namespace mlir;
using namespace rectify::rect;

/// `value` (an f32 attribute of an activation op) as the double with the
/// fewest significant digits that rounds back to it, so 0.2f becomes 0.2 and
/// not 0.20000000298023224: the fused attribute reads as the op did.
static double toDouble(const APFloat &value) {
  double exact = value.convertToDouble();
  if (!value.isFiniteNonZero())
    return exact;
  for (int digits = 1; digits < 17; ++digits) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.*g", digits, exact);
    double candidate = std::strtod(text, nullptr);
    APFloat rounded(candidate);
    bool losesInfo;
    rounded.convert(value.getSemantics(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
    if (rounded.bitwiseIsEqual(value))
      return candidate;
  }
  return exact;
}

//===----------------------------------------------------------------------===//
// The #rect.act<...> equivalent of each activation op
//===----------------------------------------------------------------------===//

static ActivationAttr getActivation(ReluOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::relu);
}
static ActivationAttr getActivation(Relu6Op op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::relu6);
}
static ActivationAttr getActivation(LeakyReluOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::leaky_relu,
                             toDouble(op.getAlpha()));
}
static ActivationAttr getActivation(ClipOp op) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::optional<APFloat> lo = op.getMin(), hi = op.getMax();
  return ActivationAttr::get(op.getContext(), ActivationKind::clip,
                             lo ? toDouble(*lo) : -inf,
                             hi ? toDouble(*hi) : inf);
}
static ActivationAttr getActivation(EluOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::elu,
                             toDouble(op.getAlpha()));
}
static ActivationAttr getActivation(SeluOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::selu,
                             toDouble(op.getAlpha()), toDouble(op.getGamma()));
}
static ActivationAttr getActivation(SigmoidOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::sigmoid);
}
static ActivationAttr getActivation(TanhOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::tanh);
}
static ActivationAttr getActivation(GeluOp op) {
  return ActivationAttr::get(op.getContext(), op.getApproximate() == "tanh"
                                                  ? ActivationKind::gelu_tanh
                                                  : ActivationKind::gelu);
}
static ActivationAttr getActivation(SiluOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::silu);
}
static ActivationAttr getActivation(SoftplusOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::softplus);
}
static ActivationAttr getActivation(HardSigmoidOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::hard_sigmoid,
                             toDouble(op.getAlpha()), toDouble(op.getBeta()));
}
static ActivationAttr getActivation(HardSwishOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::hard_swish);
}
static ActivationAttr getActivation(PReluOp op) {
  return ActivationAttr::get(op.getContext(), ActivationKind::prelu);
}

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

/// True when `act` is a valid #rect.act: only clip takes infinite bounds, and
/// no parameter is NaN. An op's attribute may hold values the epilogue cannot.
static bool isRepresentable(ActivationAttr act) {
  double alpha = act.getAlphaValue(), beta = act.getBetaValue();
  if (std::isnan(alpha) || std::isnan(beta))
    return false;
  if (act.getKind() == ActivationKind::clip)
    return alpha <= beta;
  return std::isfinite(alpha) && std::isfinite(beta);
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
    ActivationAttr activation = getActivation(op);
    if (!isRepresentable(activation))
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
