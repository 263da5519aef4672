//===- EliminateDeadRelus.cpp - Remove dead and always-active ReLUs -------===//
//
// The rect-eliminate-dead-relus pass. The value-range analysis runs once per
// function; each relu-family op is then replaced by the constant it always
// produces (dead) or by its input (always active). A fused rect.linear or
// rect.conv whose every neuron / output channel is always active loses its
// activation; one whose every output is the same constant (every channel a
// dead ReLU) becomes that constant. Individually dead neurons and channels
// are left to rect-prune-dead-neurons.
//
//===----------------------------------------------------------------------===//

#include "rectify/Analysis/ValueRange.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace rectify::rect {
#define GEN_PASS_DEF_RECTELIMINATEDEADRELUS
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"
} // namespace rectify::rect

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;

namespace {

/// The decision for one op, taken before any rewrite.
struct Decision {
  Operation *op;
  enum Kind { Constant, Identity, DropActivation } kind;
  double value = 0;
};

/// The element intervals of `value` (a single hull when unknown).
SmallVector<Interval> getElements(const ValueRangeAnalysis &analysis,
                                  Value value) {
  if (const TensorRange *range = analysis.lookup(value))
    return range->elements;
  return {Interval::unbounded()};
}

/// Decides for an activation op (slope intervals for prelu).
std::optional<Decision> decide(const ValueRangeAnalysis &analysis,
                               Operation *op, ActivationAttr act) {
  SmallVector<Interval> inputs = getElements(analysis, op->getOperand(0));
  std::optional<double> constant;
  bool allConstant = true, allIdentity = true;
  for (Interval x : inputs) {
    std::optional<double> c = getConstantActivationValue(act, x);
    if (!c || (constant && *c != *constant))
      allConstant = false;
    constant = c;
    if (!isIdentityOn(act, x))
      allIdentity = false;
  }
  if (allConstant && constant)
    return Decision{op, Decision::Constant, *constant};
  if (allIdentity)
    return Decision{op, Decision::Identity};
  return std::nullopt;
}

/// A value of `type` with every element `value`: a splat constant for static
/// shapes; `x * 0 + value` (x finite, proven in range) for dynamic ones.
Value createFilled(RewriterBase &rewriter, Location loc, Value like,
                   RankedTensorType type, double value) {
  auto splat = [&](ArrayRef<int64_t> shape, double fill) {
    auto t = RankedTensorType::get(shape, type.getElementType());
    return ConstantOp::create(
        rewriter, loc, t,
        DenseElementsAttr::get(t, rewriter.getFloatAttr(type.getElementType(),
                                                        fill)));
  };
  if (type.hasStaticShape())
    return splat(type.getShape(), value);
  SmallVector<int64_t> ones(type.getRank(), 1);
  Value zero = splat(ones, 0.0);
  Value result = MulOp::create(rewriter, loc, type, like, zero);
  if (value == 0)
    return result;
  Value offset = splat(ones, value);
  return AddOp::create(rewriter, loc, type, result, offset);
}

/// Decides for a fused rect.linear / rect.conv from its per-neuron or
/// per-channel pre-activation: every output constant (one value for all),
/// (for a static result shape), or the activation the identity on every one.
std::optional<Decision> decideFused(const ValueRangeAnalysis &analysis,
                                    Operation *op) {
  const SmallVector<Interval> *pre = analysis.lookupPreActivation(op);
  auto act = op->getAttrOfType<ActivationAttr>("activation");
  if (!pre || pre->empty() || !act || act.isIdentity())
    return std::nullopt;
  // A constant of a dynamic shape is built from a value of the result's
  // type, which a fused op does not have at hand.
  bool staticResult =
      cast<RankedTensorType>(op->getResult(0).getType()).hasStaticShape();
  std::optional<double> first = getConstantActivationValue(act, pre->front());
  if (first && staticResult && llvm::all_of(*pre, [&](Interval x) {
        return getConstantActivationValue(act, x) == first;
      }))
    return Decision{op, Decision::Constant, *first};
  if (llvm::all_of(*pre, [&](Interval x) { return isIdentityOn(act, x); }))
    return Decision{op, Decision::DropActivation};
  return std::nullopt;
}

/// `op` (a fused rect.linear or rect.conv) without its activation.
Value dropActivation(RewriterBase &rewriter, Operation *op) {
  auto none = ActivationAttr::get(op->getContext(), ActivationKind::none);
  if (auto linear = dyn_cast<LinearOp>(op))
    return LinearOp::create(rewriter, linear.getLoc(), linear.getType(),
                            linear.getInput(), linear.getWeight(),
                            linear.getBias(), Value(), none);
  auto conv = cast<ConvOp>(op);
  return ConvOp::create(rewriter, conv.getLoc(), conv.getType(),
                        conv.getInput(), conv.getWeight(), conv.getBias(),
                        conv.getResidual(), Value(), conv.getStridesAttr(),
                        conv.getPadsAttr(), conv.getDilationsAttr(),
                        conv.getGroupAttr(), none);
}

struct RectEliminateDeadRelusPass
    : rectify::rect::impl::RectEliminateDeadRelusBase<
          RectEliminateDeadRelusPass> {
  using Base::Base;

  void runOnOperation() override {
    FailureOr<SmallVector<InputRange>> seeds =
        collectInputRanges(getOperation(), inputRanges);
    if (failed(seeds))
      return signalPassFailure();
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      FailureOr<ValueRangeAnalysis> analysis =
          ValueRangeAnalysis::run(func, *seeds);
      if (failed(analysis))
        return signalPassFailure();
      SmallVector<Decision> decisions;
      func.walk([&](Operation *op) {
        if (isa<LinearOp, ConvOp>(op)) {
          if (std::optional<Decision> d = decideFused(*analysis, op))
            decisions.push_back(*d);
          return;
        }
        if (isa<PReluOp>(op)) {
          SmallVector<Interval> inputs = getElements(*analysis, op->getOperand(0));
          auto act = ActivationAttr::get(op->getContext(), ActivationKind::prelu);
          if (llvm::all_of(inputs, [&](Interval x) { return isIdentityOn(act, x); }))
            decisions.push_back({op, Decision::Identity});
          return;
        }
        ActivationAttr act = getOpActivation(op);
        if (!act || op->getNumOperands() != 1)
          return;
        if (std::optional<Decision> d = decide(*analysis, op, act))
          decisions.push_back(*d);
      });

      IRRewriter rewriter(&getContext());
      for (const Decision &d : decisions) {
        rewriter.setInsertionPoint(d.op);
        switch (d.kind) {
        case Decision::Identity:
          rewriter.replaceOp(d.op, d.op->getOperand(0));
          break;
        case Decision::Constant: {
          auto type = cast<RankedTensorType>(d.op->getResult(0).getType());
          rewriter.replaceOp(d.op, createFilled(rewriter, d.op->getLoc(),
                                                d.op->getOperand(0), type,
                                                d.value));
          break;
        }
        case Decision::DropActivation:
          rewriter.replaceOp(d.op, dropActivation(rewriter, d.op));
          break;
        }
      }
    }
  }
};

} // namespace
