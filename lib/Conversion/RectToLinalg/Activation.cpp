//===- Activation.cpp - Scalar formulas of the activation functions -------===//
//
// The one place where each activation's formula is written down, as arith and
// math ops on a scalar. The standalone activation ops and the fused epilogue
// of rect.linear both call emitActivation, so they cannot disagree.
//
// Formulas follow ONNX and PyTorch:
//   relu         maximumf(x, 0)
//   relu6        minimumf(maximumf(x, 0), 6)
//   leaky_relu   x >= 0 ? x : alpha * x
//   prelu        x >= 0 ? x : slope * x
//   clip         minimumf(maximumf(x, min), max), an infinite bound omitted
//   elu          x > 0 ? x : alpha * expm1(x)
//   selu         gamma * (x > 0 ? x : alpha * expm1(x))
//   sigmoid      1 / (1 + exp(-x))
//   tanh         math.tanh
//   gelu         x * 0.5 * (1 + erf(x / sqrt(2)))
//   gelu_tanh    0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))
//   silu         x * sigmoid(x)
//   softplus     maximumf(x, 0) + log1p(exp(-|x|))  (= log(1 + exp(x)), stable)
//   hard_sigmoid maximumf(0, minimumf(1, alpha * x + beta))
//   hard_swish   x * maximumf(0, minimumf(1, x * (1/6) + 0.5))
//
// NaN: arith.maximumf / arith.minimumf propagate NaN (IEEE 754-2019 maximum /
// minimum), so relu, relu6, clip, hard_sigmoid and hard_swish of NaN are NaN,
// as in PyTorch. The select-based kinds (leaky_relu, prelu, elu, selu) take
// the negative branch for NaN, which computes NaN as well.
//
//===----------------------------------------------------------------------===//

#include "Utils.h"

#include "rectify/Conversion/RectToLinalg/RectToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;
using namespace rectify::rect;
using rectify::rect_to_linalg::createFloatConstant;

namespace {

/// Builds arith/math ops on one scalar of a fixed float type.
class ScalarEmitter {
public:
  ScalarEmitter(OpBuilder &builder, Location loc, Value x)
      : b(builder), loc(loc), type(x.getType()) {}

  Value constant(double value) {
    return createFloatConstant(b, loc, type, value);
  }
  Value add(Value lhs, Value rhs) {
    return arith::AddFOp::create(b, loc, lhs, rhs);
  }
  Value mul(Value lhs, Value rhs) {
    return arith::MulFOp::create(b, loc, lhs, rhs);
  }
  Value div(Value lhs, Value rhs) {
    return arith::DivFOp::create(b, loc, lhs, rhs);
  }
  Value max(Value lhs, Value rhs) {
    return arith::MaximumFOp::create(b, loc, lhs, rhs);
  }
  Value min(Value lhs, Value rhs) {
    return arith::MinimumFOp::create(b, loc, lhs, rhs);
  }
  Value neg(Value value) { return arith::NegFOp::create(b, loc, value); }
  Value exp(Value value) { return math::ExpOp::create(b, loc, value); }
  /// min(max(x, lo), hi), each bound left out when infinite.
  Value clamp(Value x, double lo, double hi) {
    Value result = x;
    if (!std::isinf(lo)) {
      Value bound = constant(lo);
      result = max(result, bound);
    }
    if (!std::isinf(hi)) {
      Value bound = constant(hi);
      result = min(result, bound);
    }
    return result;
  }
  /// max(0, min(1, value)).
  Value saturate(Value value) {
    Value zero = constant(0.0);
    Value one = constant(1.0);
    Value upper = min(one, value);
    return max(zero, upper);
  }
  /// 1 / (1 + exp(-x)).
  Value sigmoid(Value x) {
    Value one = constant(1.0);
    Value negX = neg(x);
    Value expNegX = exp(negX);
    Value denominator = add(one, expNegX);
    return div(one, denominator);
  }
  /// x > 0 ? x : alpha * expm1(x).
  Value elu(Value x, double alpha) {
    Value alphaValue = constant(alpha);
    Value expm1 = math::ExpM1Op::create(b, loc, x);
    Value negative = mul(alphaValue, expm1);
    Value zero = constant(0.0);
    Value positive =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
    return arith::SelectOp::create(b, loc, positive, x, negative);
  }
  /// x >= 0 ? x : slope * x.
  Value leaky(Value x, Value slope) {
    Value zero = constant(0.0);
    Value negative = mul(slope, x);
    Value nonNegative =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x, zero);
    return arith::SelectOp::create(b, loc, nonNegative, x, negative);
  }

  OpBuilder &b;
  Location loc;
  Type type;
};

} // namespace

Value rectify::emitActivation(OpBuilder &builder, Location loc,
                              ActivationAttr activation, Value x, Value slope) {
  ScalarEmitter e(builder, loc, x);
  double alpha = activation.getAlphaValue();
  double beta = activation.getBetaValue();
  // Each intermediate value is a named local so the order of the emitted ops
  // does not depend on the evaluation order of C++ call arguments.
  switch (activation.getKind()) {
  case ActivationKind::none:
    return x;
  case ActivationKind::relu: {
    Value zero = e.constant(0.0);
    return e.max(x, zero);
  }
  case ActivationKind::relu6:
    return e.clamp(x, 0.0, 6.0);
  case ActivationKind::leaky_relu: {
    Value alphaValue = e.constant(alpha);
    return e.leaky(x, alphaValue);
  }
  case ActivationKind::prelu:
    assert(slope && "prelu needs a slope");
    return e.leaky(x, slope);
  case ActivationKind::clip:
    return e.clamp(x, alpha, beta);
  case ActivationKind::elu:
    return e.elu(x, alpha);
  case ActivationKind::selu: {
    Value gamma = e.constant(beta);
    Value elu = e.elu(x, alpha);
    return e.mul(gamma, elu);
  }
  case ActivationKind::sigmoid:
    return e.sigmoid(x);
  case ActivationKind::tanh:
    return math::TanhOp::create(builder, loc, x);
  case ActivationKind::gelu: {
    Value rsqrt2 = e.constant(M_SQRT1_2);
    Value scaled = e.mul(x, rsqrt2);
    Value erf = math::ErfOp::create(builder, loc, scaled);
    Value half = e.constant(0.5);
    Value halfX = e.mul(x, half);
    Value one = e.constant(1.0);
    Value sum = e.add(one, erf);
    return e.mul(halfX, sum);
  }
  case ActivationKind::gelu_tanh: {
    // sqrt(2 / pi), computed as PyTorch does: sqrt(2) * (2 / sqrt(pi)) / 2.
    constexpr double kBeta = M_SQRT2 * M_2_SQRTPI * 0.5;
    constexpr double kKappa = 0.044715;
    Value square = e.mul(x, x);
    Value cube = e.mul(square, x);
    Value betaValue = e.constant(kBeta);
    Value kappaValue = e.constant(kKappa);
    Value kappaCube = e.mul(kappaValue, cube);
    Value sum = e.add(x, kappaCube);
    Value inner = e.mul(betaValue, sum);
    Value tanh = math::TanhOp::create(builder, loc, inner);
    Value half = e.constant(0.5);
    Value halfX = e.mul(half, x);
    Value one = e.constant(1.0);
    Value onePlusTanh = e.add(one, tanh);
    return e.mul(halfX, onePlusTanh);
  }
  case ActivationKind::silu: {
    Value sigmoid = e.sigmoid(x);
    return e.mul(x, sigmoid);
  }
  case ActivationKind::softplus: {
    Value absX = math::AbsFOp::create(builder, loc, x);
    Value negAbsX = e.neg(absX);
    Value expNegAbsX = e.exp(negAbsX);
    Value tail = math::Log1pOp::create(builder, loc, expNegAbsX);
    Value zero = e.constant(0.0);
    Value positivePart = e.max(x, zero);
    return e.add(positivePart, tail);
  }
  case ActivationKind::hard_sigmoid: {
    Value alphaValue = e.constant(alpha);
    Value scaled = e.mul(alphaValue, x);
    Value betaValue = e.constant(beta);
    Value linear = e.add(scaled, betaValue);
    return e.saturate(linear);
  }
  case ActivationKind::hard_swish: {
    Value sixth = e.constant(1.0 / 6.0);
    Value scaled = e.mul(x, sixth);
    Value half = e.constant(0.5);
    Value linear = e.add(scaled, half);
    Value gate = e.saturate(linear);
    return e.mul(x, gate);
  }
  }
  llvm_unreachable("unknown activation kind");
}
