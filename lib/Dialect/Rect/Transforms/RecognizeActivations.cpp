//===- RecognizeActivations.cpp - Decomposed activations to rect ops ------===//
//
// The rect-recognize-activations pass: arithmetic that exporters emit for an
// activation without an ONNX op of its own becomes that activation's op.
//   x * 0.5 * (1 + erf(x / sqrt(2)))  ->  rect.gelu
//   x * sigmoid(x)                    ->  rect.silu
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace rectify::rect {
#define GEN_PASS_DEF_RECTRECOGNIZEACTIVATIONS
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"
} // namespace rectify::rect

using namespace mlir;
using namespace rectify::rect;

/// 1 / sqrt(2), the scale of the erf argument in GELU.
static constexpr double kInvSqrt2 = 0.70710678118654752440;

/// Relative tolerance for constants of element type `type`: 1e-5, widened to a
/// few units in the last place for types with short mantissas (f16, bf16).
static double getTolerance(Type type) {
  auto floatType = dyn_cast<FloatType>(type);
  if (!floatType)
    return 1e-5;
  int mantissaBits = floatType.getFPMantissaWidth();
  double ulp = std::ldexp(1.0, 1 - mantissaBits);
  return std::max(1e-5, 2.0 * ulp);
}

static bool isApprox(double value, double expected, double tolerance) {
  return std::fabs(value - expected) <= tolerance * std::fabs(expected);
}

namespace {

/// A product split into its non-constant factors and the product of its
/// splat-constant factors (divisions by a constant included).
struct Product {
  SmallVector<Value, 4> factors;
  double scale = 1.0;
};

} // namespace

/// Adds `value` to `product`, looking through rect.mul and rect.div by a
/// splat constant whose results feed only this product (the root always).
static void collectProduct(Value value, bool isRoot, Product &product,
                           unsigned depth = 0) {
  Operation *def = value.getDefiningOp();
  bool expandable = def && (isRoot || value.hasOneUse()) && depth < 4;
  if (expandable) {
    if (auto mul = dyn_cast<MulOp>(def)) {
      collectProduct(mul.getLhs(), false, product, depth + 1);
      collectProduct(mul.getRhs(), false, product, depth + 1);
      return;
    }
    if (auto div = dyn_cast<DivOp>(def)) {
      if (std::optional<APFloat> divisor = getSplatFloat(div.getRhs())) {
        collectProduct(div.getLhs(), false, product, depth + 1);
        product.scale /= divisor->convertToDouble();
        return;
      }
    }
  }
  if (std::optional<APFloat> constant = getSplatFloat(value)) {
    product.scale *= constant->convertToDouble();
    return;
  }
  product.factors.push_back(value);
}

/// When `value` is `1 + erf(x * (1 / sqrt(2)))` (or `x / sqrt(2)`), with
/// every intermediate used only here, returns x.
static Value matchOnePlusErfOfScaled(Value value, double tolerance) {
  auto add = value.getDefiningOp<AddOp>();
  if (!add || !add->hasOneUse())
    return {};
  auto erf = add.getLhs().getDefiningOp<ErfOp>();
  Value one = add.getRhs();
  if (!erf) {
    erf = add.getRhs().getDefiningOp<ErfOp>();
    one = add.getLhs();
  }
  std::optional<APFloat> oneValue = getSplatFloat(one);
  if (!erf || !erf->hasOneUse() || !oneValue ||
      !isApprox(oneValue->convertToDouble(), 1.0, tolerance))
    return {};
  // The erf argument is x scaled by 1/sqrt(2): one x and a constant factor.
  Value scaled = erf.getInput();
  if (!scaled.hasOneUse())
    return {};
  Product argument;
  collectProduct(scaled, /*isRoot=*/true, argument);
  if (argument.factors.size() != 1 || argument.factors.front() == scaled ||
      !isApprox(argument.scale, kInvSqrt2, tolerance))
    return {};
  return argument.factors.front();
}

namespace {

/// x * 0.5 * (1 + erf(x / sqrt(2))) -> rect.gelu(x), in any association and
/// operand order, with the 0.5 as a multiplication or a division by 2.
template <typename OpTy> struct RecognizeErfGelu : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    double tolerance = getTolerance(op.getType().getElementType());
    Product product;
    collectProduct(op.getResult(), /*isRoot=*/true, product);
    if (product.factors.size() != 2)
      return rewriter.notifyMatchFailure(
          op, "not a product of two values and a constant");
    if (!isApprox(product.scale, 0.5, tolerance))
      return rewriter.notifyMatchFailure(op, "constant factor is not 0.5");
    for (auto [x, erfTerm] :
         {std::pair(product.factors[0], product.factors[1]),
          std::pair(product.factors[1], product.factors[0])}) {
      if (matchOnePlusErfOfScaled(erfTerm, tolerance) != x)
        continue;
      if (x.getType() != op.getType())
        return rewriter.notifyMatchFailure(op, "constants broadcast x");
      rewriter.replaceOp(op, GeluOp::create(rewriter, op.getLoc(), x));
      return success();
    }
    return rewriter.notifyMatchFailure(
        op, "no factor is a single-use 1 + erf(x / sqrt(2)) of the other");
  }
};

/// x * sigmoid(x) -> rect.silu(x), either operand order.
struct RecognizeSilu : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [x, gate] : {std::pair(op.getLhs(), op.getRhs()),
                           std::pair(op.getRhs(), op.getLhs())}) {
      auto sigmoid = gate.getDefiningOp<SigmoidOp>();
      if (!sigmoid || sigmoid.getInput() != x)
        continue;
      if (!sigmoid->hasOneUse())
        return rewriter.notifyMatchFailure(op, "sigmoid has other users");
      if (x.getType() != op.getType())
        return rewriter.notifyMatchFailure(op, "result type differs from x");
      rewriter.replaceOp(op, SiluOp::create(rewriter, op.getLoc(), x));
      return success();
    }
    return rewriter.notifyMatchFailure(op, "not x * sigmoid(x)");
  }
};

struct RectRecognizeActivationsPass
    : rectify::rect::impl::RectRecognizeActivationsBase<
          RectRecognizeActivationsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns
        .add<RecognizeErfGelu<MulOp>, RecognizeErfGelu<DivOp>, RecognizeSilu>(
            &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
