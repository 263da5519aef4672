//===- RecognizeActivations.cpp - Decomposed activations to rect ops ------===//
//
// The rect-recognize-activations pass: arithmetic that exporters emit for an
// activation without an ONNX op of its own becomes that activation's op.
//   x * 0.5 * (1 + erf(x / sqrt(2)))                      ->  rect.gelu
//   0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))  ->  rect.gelu tanh
//   x * sigmoid(x)                                         ->  rect.silu
//   x * clip(x + 3, 0, 6) / 6, x * relu6(x + 3) / 6,
//   x * hard_sigmoid(x, 1/6, 0.5)                          ->  rect.hard_swish
//   clip(a * x + b, 0, 1), relu6(x + 3) / 6                ->  rect.hard_sigmoid
//   (x - mean(x)) / sqrt(mean((x - mean(x))^2) + eps)
//     [* scale] [+ bias]                                   ->  rect.layer_norm
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

//===----------------------------------------------------------------------===//
// Clipped affine functions: hard_sigmoid and hard_swish.
//===----------------------------------------------------------------------===//

/// `scale * x + offset` for one non-constant x.
struct Affine {
  Value x;
  double scale = 1.0, offset = 0.0;
};

/// Looks through single-use adds/subs of a splat constant and muls/divs by a
/// splat constant down to one non-constant value.
static Affine matchAffine(Value value, unsigned depth = 0) {
  Affine result{value};
  Operation *def = value.getDefiningOp();
  if (!def || depth > 6)
    return result;
  auto inner = [&](Value v) {
    return v.hasOneUse() ? matchAffine(v, depth + 1) : Affine{v};
  };
  if (auto add = dyn_cast<AddOp>(def)) {
    for (auto [v, c] : {std::pair(add.getLhs(), add.getRhs()),
                        std::pair(add.getRhs(), add.getLhs())}) {
      if (std::optional<APFloat> k = getSplatFloat(c)) {
        Affine a = inner(v);
        a.offset += k->convertToDouble();
        return a;
      }
    }
  }
  if (auto sub = dyn_cast<SubOp>(def)) {
    if (std::optional<APFloat> k = getSplatFloat(sub.getRhs())) {
      Affine a = inner(sub.getLhs());
      a.offset -= k->convertToDouble();
      return a;
    }
  }
  if (auto mul = dyn_cast<MulOp>(def)) {
    for (auto [v, c] : {std::pair(mul.getLhs(), mul.getRhs()),
                        std::pair(mul.getRhs(), mul.getLhs())}) {
      if (std::optional<APFloat> k = getSplatFloat(c)) {
        Affine a = inner(v);
        a.scale *= k->convertToDouble();
        a.offset *= k->convertToDouble();
        return a;
      }
    }
  }
  if (auto div = dyn_cast<DivOp>(def)) {
    if (std::optional<APFloat> k = getSplatFloat(div.getRhs())) {
      double d = k->convertToDouble();
      if (d != 0.0) {
        Affine a = inner(div.getLhs());
        a.scale /= d;
        a.offset /= d;
        return a;
      }
    }
  }
  return result;
}

/// `min(max(scale * x + offset, 0), high)`.
struct ClippedAffine {
  Affine affine;
  double high = 0.0;
};

/// Matches relu6, clip(_, 0, hi) and hard_sigmoid of an affine function of
/// one value.
static std::optional<ClippedAffine> matchClippedAffine(Value value) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return std::nullopt;
  auto ofInput = [](Value input) {
    return input.hasOneUse() ? matchAffine(input) : Affine{input};
  };
  if (auto relu6 = dyn_cast<Relu6Op>(def))
    return ClippedAffine{ofInput(relu6.getInput()), 6.0};
  if (auto clip = dyn_cast<ClipOp>(def)) {
    std::optional<APFloat> lo = clip.getMin(), hi = clip.getMax();
    if (!lo || !hi || !lo->isZero())
      return std::nullopt;
    return ClippedAffine{ofInput(clip.getInput()), hi->convertToDouble()};
  }
  if (auto hs = dyn_cast<HardSigmoidOp>(def)) {
    Affine a = ofInput(hs.getInput());
    double alpha = hs.getAlpha().convertToDouble();
    double beta = hs.getBeta().convertToDouble();
    return ClippedAffine{{a.x, a.scale * alpha, a.offset * alpha + beta}, 1.0};
  }
  return std::nullopt;
}

/// Approximate equality with an absolute floor for values near zero.
static bool isClose(double value, double expected, double tolerance) {
  return std::fabs(value - expected) <=
         tolerance * std::max(1.0, std::fabs(expected));
}

/// x * g(x) * s with g a clipped affine function of x, equal to
/// x * clip(x / 6 + 0.5, 0, 1) -> rect.hard_swish(x).
template <typename OpTy> struct RecognizeHardSwish : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    double tolerance = getTolerance(op.getType().getElementType());
    Product product;
    collectProduct(op.getResult(), /*isRoot=*/true, product);
    if (product.factors.size() != 2)
      return rewriter.notifyMatchFailure(op, "not x times a gate");
    double s = product.scale;
    for (auto [x, gate] :
         {std::pair(product.factors[0], product.factors[1]),
          std::pair(product.factors[1], product.factors[0])}) {
      std::optional<ClippedAffine> g = matchClippedAffine(gate);
      if (!g || g->affine.x != x || !gate.hasOneUse())
        continue;
      if (!(s > 0) || !isClose(s * g->high, 1.0, tolerance) ||
          !isClose(s * g->affine.scale, 1.0 / 6.0, tolerance) ||
          !isClose(s * g->affine.offset, 0.5, tolerance))
        return rewriter.notifyMatchFailure(
            op, "gate is not clip(x / 6 + 0.5, 0, 1)");
      if (x.getType() != op.getType())
        return rewriter.notifyMatchFailure(op, "result type differs from x");
      rewriter.replaceOp(op, HardSwishOp::create(rewriter, op.getLoc(), x));
      return success();
    }
    return rewriter.notifyMatchFailure(
        op, "no factor is a single-use clipped affine function of the other");
  }
};

/// s * clip(a * x + b, 0, hi) with s * hi = 1 -> hard_sigmoid(x, s a, s b);
/// the root is the clip itself (s = 1) or a product with a constant.
template <typename OpTy> struct RecognizeHardSigmoid : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    double tolerance = getTolerance(op.getType().getElementType());
    Value gate = op.getResult();
    double s = 1.0;
    if constexpr (std::is_same_v<OpTy, MulOp> || std::is_same_v<OpTy, DivOp>) {
      Product product;
      collectProduct(op.getResult(), /*isRoot=*/true, product);
      if (product.factors.size() != 1 || !product.factors[0].hasOneUse())
        return rewriter.notifyMatchFailure(op, "not a scaled single value");
      gate = product.factors[0];
      s = product.scale;
    }
    std::optional<ClippedAffine> g = matchClippedAffine(gate);
    if (!g || isa<HardSigmoidOp>(gate.getDefiningOp()))
      return rewriter.notifyMatchFailure(op, "not a clip/relu6 of x");
    if (!(s > 0) || !isClose(s * g->high, 1.0, tolerance))
      return rewriter.notifyMatchFailure(op, "upper bound is not 1");
    double alpha = s * g->affine.scale, beta = s * g->affine.offset;
    if (isClose(alpha, 1.0, tolerance) && isClose(beta, 0.0, tolerance))
      return rewriter.notifyMatchFailure(op, "a plain clip(x, 0, 1)");
    Value x = g->affine.x;
    if (x.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "result type differs from x");
    rewriter.replaceOp(op, HardSigmoidOp::create(
                               rewriter, op.getLoc(), x,
                               rewriter.getF32FloatAttr(alpha),
                               rewriter.getF32FloatAttr(beta)));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Tanh GELU
//===----------------------------------------------------------------------===//

/// sqrt(2 / pi), the scale of the tanh argument of GELU.
static constexpr double kSqrt2OverPi = 0.79788456080286535588;
static constexpr double kGeluCubic = 0.044715;

/// True when `value` is x^3 (pow(x, 3) or a product of three x) scaled by
/// `scale`.
static bool isScaledCube(Value value, Value x, double scale,
                         double tolerance) {
  Product product;
  collectProduct(value, /*isRoot=*/true, product);
  if (!isApprox(product.scale, scale, tolerance))
    return false;
  if (product.factors.size() == 3)
    return llvm::all_of(product.factors, [&](Value f) { return f == x; });
  if (product.factors.size() != 1)
    return false;
  auto pow = product.factors[0].getDefiningOp<PowOp>();
  std::optional<APFloat> exponent =
      pow ? getSplatFloat(pow.getRhs()) : std::nullopt;
  return pow && pow.getLhs() == x && exponent &&
         exponent->convertToDouble() == 3.0 &&
         (pow->hasOneUse() || product.factors[0] != value);
}

/// When `value` is `1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3))`, returns x.
static Value matchOnePlusTanhGelu(Value value, double tolerance) {
  auto add = value.getDefiningOp<AddOp>();
  if (!add || !add->hasOneUse())
    return {};
  for (auto [t, one] : {std::pair(add.getLhs(), add.getRhs()),
                        std::pair(add.getRhs(), add.getLhs())}) {
    auto tanh = t.getDefiningOp<TanhOp>();
    std::optional<APFloat> oneValue = getSplatFloat(one);
    if (!tanh || !tanh->hasOneUse() || !oneValue ||
        !isApprox(oneValue->convertToDouble(), 1.0, tolerance))
      continue;
    Product argument;
    collectProduct(tanh.getInput(), /*isRoot=*/true, argument);
    if (argument.factors.size() != 1 ||
        !isApprox(argument.scale, kSqrt2OverPi, tolerance))
      return {};
    auto inner = argument.factors[0].getDefiningOp<AddOp>();
    if (!inner || !inner->hasOneUse())
      return {};
    for (auto [x, cube] : {std::pair(inner.getLhs(), inner.getRhs()),
                           std::pair(inner.getRhs(), inner.getLhs())})
      if (cube.hasOneUse() && isScaledCube(cube, x, kGeluCubic, tolerance))
        return x;
    return {};
  }
  return {};
}

/// 0.5 * x * (1 + tanh(...)) -> rect.gelu {approximate = "tanh"}.
template <typename OpTy> struct RecognizeTanhGelu : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    double tolerance = getTolerance(op.getType().getElementType());
    Product product;
    collectProduct(op.getResult(), /*isRoot=*/true, product);
    if (product.factors.size() != 2 ||
        !isApprox(product.scale, 0.5, tolerance))
      return rewriter.notifyMatchFailure(op, "not 0.5 times two values");
    for (auto [x, term] : {std::pair(product.factors[0], product.factors[1]),
                           std::pair(product.factors[1], product.factors[0])}) {
      if (matchOnePlusTanhGelu(term, tolerance) != x)
        continue;
      if (x.getType() != op.getType())
        return rewriter.notifyMatchFailure(op, "constants broadcast x");
      rewriter.replaceOp(op, GeluOp::create(rewriter, op.getLoc(), x,
                                            rewriter.getStringAttr("tanh")));
      return success();
    }
    return rewriter.notifyMatchFailure(
        op, "no factor is 1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))");
  }
};

//===----------------------------------------------------------------------===//
// Layer normalization
//===----------------------------------------------------------------------===//

/// The first normalized dim when `axes` are the trailing dims of a rank-`rank`
/// tensor, else -1.
static int64_t trailingAxis(ArrayRef<int64_t> axes, int64_t rank) {
  if (axes.empty())
    return -1;
  for (auto [i, a] : llvm::enumerate(axes))
    if (a != rank - static_cast<int64_t>(axes.size()) + static_cast<int64_t>(i))
      return -1;
  return axes.front();
}

/// (x - m) / sqrt(v + eps) with m = reduce_mean(x) and
/// v = reduce_mean((x - m)^2) over the same trailing axes (keepdims), then an
/// optional single-use `* scale` and `+ bias` -> rect.layer_norm.
struct RecognizeLayerNorm : OpRewritePattern<DivOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DivOp op,
                                PatternRewriter &rewriter) const override {
    auto centered = op.getLhs().getDefiningOp<SubOp>();
    if (!centered)
      return rewriter.notifyMatchFailure(op, "numerator is not x - mean");
    Value x = centered.getLhs();
    auto mean = centered.getRhs().getDefiningOp<ReduceMeanOp>();
    if (!mean || mean.getInput() != x || !mean.getKeepdims())
      return rewriter.notifyMatchFailure(op, "numerator is not x - mean(x)");
    auto xType = cast<RankedTensorType>(x.getType());
    int64_t axis = trailingAxis(mean.getAxes(), xType.getRank());
    if (axis < 0)
      return rewriter.notifyMatchFailure(op, "mean is not over trailing dims");
    if (centered.getType() != xType || op.getType() != xType)
      return rewriter.notifyMatchFailure(op, "shapes broadcast beyond x");
    auto sqrt = op.getRhs().getDefiningOp<SqrtOp>();
    auto addEps = sqrt ? sqrt.getInput().getDefiningOp<AddOp>() : AddOp();
    if (!addEps)
      return rewriter.notifyMatchFailure(op, "denominator is not sqrt(v + e)");
    ReduceMeanOp variance;
    std::optional<APFloat> epsilon;
    for (auto [v, e] : {std::pair(addEps.getLhs(), addEps.getRhs()),
                        std::pair(addEps.getRhs(), addEps.getLhs())}) {
      if ((variance = v.getDefiningOp<ReduceMeanOp>()) &&
          (epsilon = getSplatFloat(e)))
        break;
      variance = {};
    }
    if (!variance || variance.getAxes() != mean.getAxes() ||
        !variance.getKeepdims())
      return rewriter.notifyMatchFailure(op, "no variance over the same axes");
    Operation *square = variance.getInput().getDefiningOp();
    bool isSquare = false;
    if (auto pow = dyn_cast_if_present<PowOp>(square)) {
      std::optional<APFloat> exponent = getSplatFloat(pow.getRhs());
      isSquare = pow.getLhs() == centered.getResult() && exponent &&
                 exponent->convertToDouble() == 2.0;
    } else if (auto mul = dyn_cast_if_present<MulOp>(square)) {
      isSquare = mul.getLhs() == centered.getResult() &&
                 mul.getRhs() == centered.getResult();
    }
    if (!isSquare)
      return rewriter.notifyMatchFailure(op, "variance is not of (x - mean)^2");
    // Every intermediate must feed only this normalization.
    if (!mean->hasOneUse() || !variance->hasOneUse() || !square->hasOneUse() ||
        !addEps->hasOneUse() || !sqrt->hasOneUse() ||
        !llvm::all_of(centered->getUsers(), [&](Operation *user) {
          return user == square || user == op.getOperation();
        }))
      return rewriter.notifyMatchFailure(op, "an intermediate has other users");

    // Absorb `* scale` and `+ bias` that broadcast onto the normalized dims.
    ArrayRef<int64_t> normalized = xType.getShape().drop_front(axis);
    auto fitsNormalized = [&](Value v) {
      auto type = cast<RankedTensorType>(v.getType());
      return isUnidirectionallyBroadcastable(type.getShape(), normalized);
    };
    Operation *last = op;
    Value scale, bias;
    auto singleUser = [](Operation *o) -> Operation * {
      return o->hasOneUse() ? *o->getUsers().begin() : nullptr;
    };
    if (auto mul = dyn_cast_if_present<MulOp>(singleUser(last))) {
      Value other = mul.getLhs() == last->getResult(0) ? mul.getRhs()
                                                       : mul.getLhs();
      if (mul.getType() == xType && fitsNormalized(other)) {
        scale = other;
        last = mul;
      }
    }
    if (auto add = dyn_cast_if_present<AddOp>(singleUser(last))) {
      Value other = add.getLhs() == last->getResult(0) ? add.getRhs()
                                                       : add.getLhs();
      if (add.getType() == xType && fitsNormalized(other)) {
        bias = other;
        last = add;
      }
    }
    rewriter.setInsertionPoint(last);
    if (!scale) {
      auto scalarType = RankedTensorType::get({}, xType.getElementType());
      scale = ConstantOp::create(
          rewriter, op.getLoc(), scalarType,
          DenseElementsAttr::get(scalarType,
                                 rewriter.getFloatAttr(
                                     xType.getElementType(), 1.0)));
    }
    auto layerNorm = LayerNormOp::create(
        rewriter, last->getLoc(), xType, x, scale, bias,
        rewriter.getI64IntegerAttr(axis),
        rewriter.getF32FloatAttr(static_cast<float>(
            epsilon->convertToDouble())));
    rewriter.replaceOp(last, layerNorm.getResult());
    return success();
  }
};

struct RectRecognizeActivationsPass
    : rectify::rect::impl::RectRecognizeActivationsBase<
          RectRecognizeActivationsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns
        .add<RecognizeErfGelu<MulOp>, RecognizeErfGelu<DivOp>, RecognizeSilu,
             RecognizeTanhGelu<MulOp>, RecognizeTanhGelu<DivOp>,
             RecognizeHardSwish<MulOp>, RecognizeHardSwish<DivOp>,
             RecognizeHardSigmoid<MulOp>, RecognizeHardSigmoid<DivOp>,
             RecognizeHardSigmoid<ClipOp>, RecognizeLayerNorm>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
