//===- ActivationMatch.cpp - Activation ops as #rect.act attributes -------===//

#include "ActivationMatch.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

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

ActivationAttr rectify::rect::getActivationAttr(Operation *op) {
  return llvm::TypeSwitch<Operation *, ActivationAttr>(op)
      .Case<ReluOp, Relu6Op, LeakyReluOp, PReluOp, ClipOp, EluOp, SeluOp,
            SigmoidOp, TanhOp, GeluOp, SiluOp, SoftplusOp, HardSigmoidOp,
            HardSwishOp>([](auto typed) { return getActivation(typed); })
      .Default([](Operation *) { return ActivationAttr(); });
}

/// True when `act` is a valid #rect.act: only clip takes infinite bounds, and
/// no parameter is NaN. An op's attribute may hold values the epilogue cannot.
bool rectify::rect::isRepresentableActivation(ActivationAttr act) {
  double alpha = act.getAlphaValue(), beta = act.getBetaValue();
  if (std::isnan(alpha) || std::isnan(beta))
    return false;
  if (act.getKind() == ActivationKind::clip)
    return alpha <= beta;
  return std::isfinite(alpha) && std::isfinite(beta);
}
