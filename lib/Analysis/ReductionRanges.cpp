//===- ReductionRanges.cpp - Ranges of reductions and data movement -------===//
//
// Transfer functions of the interval analysis for reductions (max/min exact,
// mean and sum with the summation margin of ValueRange.h), local response
// normalization, and ops that only move or repeat elements (their output
// stays in the input's hull).
//
//===----------------------------------------------------------------------===//

#include "RangeBuilder.h"

#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::ranges;

Interval rectify::ranges::accumulate(Interval x, int64_t count, bool mean) {
  double n = mean ? 1.0 : static_cast<double>(count);
  Interval sum{mulBound(n, x.lo), mulBound(n, x.hi)};
  if (!sum.isBounded())
    return sum;
  double margin = (count + 3) * 0x1p-23 *
                      std::max(std::fabs(sum.lo), std::fabs(sum.hi)) +
                  kUnderflow;
  Interval y{sum.lo - margin, sum.hi + margin};
  if (x.lo >= 0)
    y.lo = std::max(y.lo, 0.0);
  if (x.hi <= 0)
    y.hi = std::min(y.hi, 0.0);
  return y;
}

void RangeBuilder::visitReduction(Operation *op, ArrayRef<int64_t> axes) {
  auto inType = cast<ShapedType>(op->getOperand(0).getType());
  auto outType = cast<ShapedType>(op->getResult(0).getType());
  Interval x = get(op->getOperand(0)).hull();
  int64_t count = 1;
  for (int64_t axis : axes) {
    if (axis < 0 || axis >= inType.getRank() || inType.isDynamicDim(axis))
      count = ShapedType::kDynamic;
    if (count != ShapedType::kDynamic)
      count *= inType.getDimSize(axis);
  }
  Interval y = x;
  if (isa<ReduceSumOp, ReduceMeanOp>(op)) {
    if (count == ShapedType::kDynamic)
      return setUnbounded(op->getResult(0));
    y = accumulate(x, count, isa<ReduceMeanOp>(op));
  }
  set(op->getResult(0), TensorRange::uniform(outType.getRank(), y));
}

/// y = x / (bias + alpha / size * sum x^2)^beta: with bias > 0, alpha >= 0
/// and beta >= 0 the divisor is at least bias^beta, so y keeps the sign of
/// x and |y| <= |x| / bias^beta, per channel.
void RangeBuilder::visitLRN(LRNOp op) {
  auto type = cast<ShapedType>(op.getType());
  double bias = op.getBias().convertToDouble(),
         alpha = op.getAlpha().convertToDouble(),
         beta = op.getBeta().convertToDouble();
  if (!(bias > 0 && alpha >= 0 && beta >= 0) || type.getRank() < 2 ||
      type.isDynamicDim(1))
    return setUnbounded(op.getResult());
  double divisor = std::pow(bias, beta);
  SmallVector<Interval> channels =
      perDim(get(op.getInput()), 1, type.getDimSize(1));
  for (Interval &x : channels)
    x = widen({std::min(x.lo, 0.0) / divisor, std::max(x.hi, 0.0) / divisor},
              kTranscendentalRel, kTranscendentalAbs);
  set(op.getResult(), alongDim(type.getRank(), 1, channels));
}

bool RangeBuilder::visitReductionFamily(Operation *op) {
  auto hullOfInput = [&](Operation *o) {
    auto type = cast<ShapedType>(o->getResult(0).getType());
    set(o->getResult(0),
        TensorRange::uniform(type.getRank(), get(o->getOperand(0)).hull()));
    return true;
  };
  return llvm::TypeSwitch<Operation *, bool>(op)
      .Case<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp>(
          [&](Operation *o) {
            visitReduction(o, o->getAttrOfType<DenseI64ArrayAttr>("axes")
                                  .asArrayRef());
            return true;
          })
      .Case([&](LRNOp o) { return visitLRN(o), true; })
      // Elements of operand 0, moved or repeated.
      .Case<TileOp, ExpandOp, GatherOp>(hullOfInput)
      .Default([](Operation *) { return false; });
}
