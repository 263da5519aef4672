//===- Elementwise.cpp - Elementwise rect ops to linalg.generic -----------===//
//
// Every activation op, unary function, prelu and broadcasting binary op
// becomes one all-parallel linalg.generic writing a fresh tensor.empty. The
// activation formulas come from emitActivation (Activation.cpp).
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Conversion/RectToLinalg/RectToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

//===----------------------------------------------------------------------===//
// Activation ops: the op's parameters as an ActivationAttr.
//===----------------------------------------------------------------------===//

ActivationAttr getActivation(Operation *op, ActivationKind kind,
                             double alpha = 0.0, double beta = 0.0) {
  return ActivationAttr::get(op->getContext(), kind, alpha, beta);
}

ActivationAttr activationOf(ReluOp op) {
  return getActivation(op, ActivationKind::relu);
}
ActivationAttr activationOf(Relu6Op op) {
  return getActivation(op, ActivationKind::relu6);
}
ActivationAttr activationOf(SigmoidOp op) {
  return getActivation(op, ActivationKind::sigmoid);
}
ActivationAttr activationOf(TanhOp op) {
  return getActivation(op, ActivationKind::tanh);
}
ActivationAttr activationOf(SiluOp op) {
  return getActivation(op, ActivationKind::silu);
}
ActivationAttr activationOf(SoftplusOp op) {
  return getActivation(op, ActivationKind::softplus);
}
ActivationAttr activationOf(HardSwishOp op) {
  return getActivation(op, ActivationKind::hard_swish);
}
ActivationAttr activationOf(LeakyReluOp op) {
  return getActivation(op, ActivationKind::leaky_relu,
                       op.getAlpha().convertToDouble());
}
ActivationAttr activationOf(ClipOp op) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::optional<APFloat> lo = op.getMin(), hi = op.getMax();
  return getActivation(op, ActivationKind::clip,
                       lo ? lo->convertToDouble() : -kInf,
                       hi ? hi->convertToDouble() : kInf);
}
ActivationAttr activationOf(EluOp op) {
  return getActivation(op, ActivationKind::elu,
                       op.getAlpha().convertToDouble());
}
ActivationAttr activationOf(SeluOp op) {
  return getActivation(op, ActivationKind::selu,
                       op.getAlpha().convertToDouble(),
                       op.getGamma().convertToDouble());
}
ActivationAttr activationOf(GeluOp op) {
  return getActivation(op, op.getApproximate() == "tanh"
                               ? ActivationKind::gelu_tanh
                               : ActivationKind::gelu);
}
ActivationAttr activationOf(HardSigmoidOp op) {
  return getActivation(op, ActivationKind::hard_sigmoid,
                       op.getAlpha().convertToDouble(),
                       op.getBeta().convertToDouble());
}

/// An activation op (one tensor operand, parameters as attributes).
template <typename OpTy>
class ActivationOpLowering : public OpConversionPattern<OpTy> {
public:
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ActivationAttr activation = activationOf(op);
    Value result = buildBroadcastingGeneric(
        rewriter, op.getLoc(), cast<RankedTensorType>(op.getType()),
        adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return emitActivation(b, loc, activation, args[0]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// prelu: the slope broadcasts onto the input.
class PReluOpLowering : public OpConversionPattern<PReluOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(PReluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ActivationAttr activation = getActivation(op, ActivationKind::prelu);
    Value result = buildBroadcastingGeneric(
        rewriter, op.getLoc(), op.getType(),
        ValueRange{adaptor.getInput(), adaptor.getSlope()},
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return emitActivation(b, loc, activation, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Plain unary and binary functions: one scalar op each.
//===----------------------------------------------------------------------===//

/// Unary or binary op computed by the scalar op `ScalarOpTy` on the
/// (broadcast) elements of its operands.
template <typename OpTy, typename ScalarOpTy>
class ScalarOpLowering : public OpConversionPattern<OpTy> {
public:
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value result = buildBroadcastingGeneric(
        rewriter, op.getLoc(), cast<RankedTensorType>(op.getType()),
        adaptor.getOperands(),
        [](OpBuilder &b, Location loc, ValueRange args) -> Value {
          return ScalarOpTy::create(b, loc, args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateElementwisePatterns(
    RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns
      .add<ActivationOpLowering<ReluOp>, ActivationOpLowering<Relu6Op>,
           ActivationOpLowering<SigmoidOp>, ActivationOpLowering<TanhOp>,
           ActivationOpLowering<SiluOp>, ActivationOpLowering<SoftplusOp>,
           ActivationOpLowering<HardSwishOp>, ActivationOpLowering<LeakyReluOp>,
           ActivationOpLowering<ClipOp>, ActivationOpLowering<EluOp>,
           ActivationOpLowering<SeluOp>, ActivationOpLowering<GeluOp>,
           ActivationOpLowering<HardSigmoidOp>, PReluOpLowering>(context);
  patterns.add<ScalarOpLowering<ExpOp, math::ExpOp>,
               ScalarOpLowering<AbsOp, math::AbsFOp>,
               ScalarOpLowering<NegOp, arith::NegFOp>,
               ScalarOpLowering<ErfOp, math::ErfOp>,
               ScalarOpLowering<SqrtOp, math::SqrtOp>>(context);
  patterns.add<ScalarOpLowering<AddOp, arith::AddFOp>,
               ScalarOpLowering<SubOp, arith::SubFOp>,
               ScalarOpLowering<MulOp, arith::MulFOp>,
               ScalarOpLowering<DivOp, arith::DivFOp>,
               ScalarOpLowering<MaxOp, arith::MaximumFOp>,
               ScalarOpLowering<MinOp, arith::MinimumFOp>>(context);
}
