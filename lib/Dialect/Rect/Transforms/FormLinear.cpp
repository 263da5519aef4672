//===- FormLinear.cpp - Gemm-like forms to rect.linear --------------------===//
//
// The rect-form-linear pass: rect.matmul with a constant or transposed
// right-hand side becomes rect.linear, and a per-feature bias added to a
// linear is absorbed into it.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace rectify::rect {
#define GEN_PASS_DEF_RECTFORMLINEAR
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"
} // namespace rectify::rect

using namespace mlir;
using namespace rectify::rect;

namespace {

/// rect.matmul(x, B) -> rect.linear(x, W) where B : [K, N] is either a
/// constant (W = transpose(B), folded at compile time) or
/// rect.transpose(W) {permutation = [1, 0]}.
struct MatMulToLinear : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatMulOp op,
                                PatternRewriter &rewriter) const override {
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    if (lhsType.getRank() < 2)
      return rewriter.notifyMatchFailure(op, "lhs must have rank >= 2");
    if (rhsType.getRank() != 2)
      return rewriter.notifyMatchFailure(op, "rhs is not a 2-D matrix");

    Value weight;
    auto transpose = op.getRhs().getDefiningOp<TransposeOp>();
    if (transpose && transpose.getPermutation() == ArrayRef<int64_t>{1, 0}) {
      weight = transpose.getInput();
    } else if (matchPattern(op.getRhs(), m_Constant())) {
      // Folds to a new constant; an explicit transpose remains only for a
      // payload the folder cannot read (e.g. an unloaded resource blob).
      weight = rewriter.createOrFold<TransposeOp>(op.getLoc(), op.getRhs(),
                                                  ArrayRef<int64_t>{1, 0});
    } else {
      return rewriter.notifyMatchFailure(
          op, "rhs is neither a constant nor a [1, 0] transpose");
    }
    auto linear = LinearOp::create(rewriter, op.getLoc(), op.getType(),
                                   op.getLhs(), weight, /*bias=*/Value(),
                                   /*slope=*/Value(), ActivationAttr());
    rewriter.replaceOp(op, linear);
    return success();
  }
};

/// Returns `bias` as a linear bias operand (a scalar, [1] or [N]) when it
/// varies only along the last dimension of `resultType`, which has N there;
/// reshapes a bias like [1, N] or [1, 1] to 1-D. Fails for any other shape.
static FailureOr<Value> getPerFeatureBias(PatternRewriter &rewriter,
                                          Location loc, Value bias,
                                          RankedTensorType resultType) {
  auto biasType = cast<RankedTensorType>(bias.getType());
  if (biasType.getRank() == 0)
    return bias;
  if (biasType.getRank() > resultType.getRank())
    return failure();
  ArrayRef<int64_t> shape = biasType.getShape();
  if (llvm::any_of(shape.drop_back(), [](int64_t d) { return d != 1; }))
    return failure();
  int64_t features = resultType.getShape().back();
  int64_t last = shape.back();
  if (last != 1 && (ShapedType::isDynamic(last) || last != features))
    return failure();
  if (biasType.getRank() == 1)
    return bias;
  auto flatType = RankedTensorType::get({last}, biasType.getElementType());
  return rewriter.createOrFold<ReshapeOp>(loc, flatType, bias);
}

/// rect.add(rect.linear(x, W), b) -> rect.linear(x, W, b) when b varies only
/// along the output features and the add is the linear's only user.
struct AbsorbBiasIntoLinear : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [candidate, bias] : {std::pair(op.getLhs(), op.getRhs()),
                                   std::pair(op.getRhs(), op.getLhs())}) {
      auto linear = candidate.getDefiningOp<LinearOp>();
      if (!linear || linear.getBias() || linear.getSlope() ||
          !linear.getActivation().isIdentity() || !linear->hasOneUse() ||
          linear.getType() != op.getType())
        continue;
      FailureOr<Value> perFeature =
          getPerFeatureBias(rewriter, op.getLoc(), bias, op.getType());
      if (failed(perFeature))
        continue;
      auto fused = LinearOp::create(
          rewriter, rewriter.getFusedLoc({linear.getLoc(), op.getLoc()}),
          op.getType(), linear.getInput(), linear.getWeight(), *perFeature,
          /*slope=*/Value(), linear.getActivation());
      rewriter.replaceOp(op, fused);
      rewriter.eraseOp(linear);
      return success();
    }
    return rewriter.notifyMatchFailure(
        op, "no operand is a single-use, bias-free rect.linear plus a "
            "per-feature bias that keeps its shape");
  }
};

struct RectFormLinearPass
    : rectify::rect::impl::RectFormLinearBase<RectFormLinearPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<MatMulToLinear, AbsorbBiasIntoLinear>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
