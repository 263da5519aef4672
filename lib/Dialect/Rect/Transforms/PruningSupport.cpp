//===- PruningSupport.cpp - Helpers shared by neuron and channel pruning --===//

#include "PruningSupport.h"

#include "rectify/Analysis/FloatElements.h"
#include "rectify/Analysis/ValueRange.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::pruning;

std::optional<Constant> rectify::pruning::getConstant(Value value) {
  if (!value)
    return std::nullopt;
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape() || !type.getElementType().isF32())
    return std::nullopt;
  std::optional<SmallVector<double>> values = readFloatElements(attr);
  if (!values)
    return std::nullopt;
  return Constant{attr, type, std::move(*values)};
}

std::optional<double> rectify::pruning::evaluate(Operation *op,
                                                 unsigned pathOperand,
                                                 double x, double other) {
  float a = pathOperand == 0 ? x : other, b = pathOperand == 0 ? other : x;
  if (isa<PReluOp>(op))
    return x >= 0 ? x : static_cast<float>(other * x);
  if (ActivationAttr act = getOpActivation(op))
    return static_cast<float>(evaluateActivation(act, x));
  return llvm::TypeSwitch<Operation *, std::optional<double>>(op)
      .Case([&](NegOp) { return -x; })
      .Case([&](AbsOp) { return std::fabs(x); })
      .Case([&](ExpOp) { return static_cast<float>(std::exp(x)); })
      .Case([&](ErfOp) { return static_cast<float>(std::erf(x)); })
      .Case([&](SqrtOp) { return static_cast<float>(std::sqrt(x)); })
      .Case([&](AddOp) { return a + b; })
      .Case([&](SubOp) { return a - b; })
      .Case([&](MulOp) { return a * b; })
      .Case([&](DivOp) { return a / b; })
      .Case([&](MaxOp) { return std::max(a, b); })
      .Case([&](MinOp) { return std::min(a, b); })
      .Default([](Operation *) { return std::nullopt; });
}

bool rectify::pruning::isUnaryChainOp(Operation *op) {
  return op->getNumOperands() == 1 && op->getNumResults() == 1 &&
         op->getOperand(0).getType() == op->getResult(0).getType() &&
         (getOpActivation(op) || isa<NegOp, AbsOp, ExpOp, ErfOp, SqrtOp>(op));
}

bool rectify::pruning::isBinaryChainOp(Operation *op) {
  return isa<AddOp, SubOp, MulOp, DivOp, MaxOp, MinOp, PReluOp>(op);
}

std::string rectify::pruning::describe(Operation *op) {
  return "'" + op->getName().getStringRef().str() + "'";
}

RankedTensorType rectify::pruning::withDim(Type type, int64_t dim,
                                           int64_t extent) {
  auto ranked = cast<RankedTensorType>(type);
  SmallVector<int64_t> shape(ranked.getShape());
  shape[dim] = extent;
  return RankedTensorType::get(shape, ranked.getElementType());
}

Value rectify::pruning::sliceConstant(RewriterBase &rewriter, Location loc,
                                      const Constant &c, int64_t dim,
                                      ArrayRef<int64_t> kept,
                                      StringRef suffix) {
  ArrayRef<int64_t> shape = c.type.getShape();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < dim; ++d)
    outer *= shape[d];
  for (int64_t d = dim + 1; d < static_cast<int64_t>(shape.size()); ++d)
    inner *= shape[d];
  SmallVector<float> values;
  values.reserve(outer * kept.size() * inner);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i : kept)
      for (int64_t j = 0; j < inner; ++j)
        values.push_back(c.values[(o * shape[dim] + i) * inner + j]);
  RankedTensorType type = withDim(c.type, dim, kept.size());
  return ConstantOp::create(rewriter, loc, type,
                            makeF32Elements(type, values, c.attr, suffix));
}
