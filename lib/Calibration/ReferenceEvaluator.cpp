//===- ReferenceEvaluator.cpp - Run rect models on the host ---------------===//
//
// Straightforward loops over row-major float32 buffers: correctness and
// independence from the code generator matter here, not speed.
//
//===----------------------------------------------------------------------===//

#include "rectify/Calibration/ReferenceEvaluator.h"

#include "ConvKernels.h"

#include "rectify/Analysis/FloatElements.h"
#include "rectify/Analysis/ValueRange.h"

#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <cmath>
#include <functional>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;

namespace {

bool isUnaryMathOp(Operation *op) {
  return isa<NegOp, AbsOp, ExpOp, ErfOp, SqrtOp, LogOp>(op);
}

bool isBinaryOp(Operation *op) {
  return isa<AddOp, SubOp, MulOp, DivOp, MaxOp, MinOp, PReluOp>(op);
}

bool isSupported(Operation *op) {
  return isa<ConstantOp, LinearOp, ReshapeOp, FlattenOp, TransposeOp, SoftmaxOp,
             ConvOp, MaxPoolOp, AvgPoolOp, GlobalMaxPoolOp, GlobalAvgPoolOp,
             BatchNormOp, ConcatOp, func::ReturnOp>(op) ||
         isBinaryOp(op) || isUnaryMathOp(op) || getOpActivation(op);
}

/// The ONNX node name carried by `loc` (a NameLoc, possibly fused), if any.
std::string getNodeName(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (std::string name = getNodeName(inner); !name.empty())
        return name;
  return "";
}

/// Emits an error on `op` that names its ONNX node when known.
InFlightDiagnostic emitOpError(Operation *op, const Twine &message) {
  std::string node = getNodeName(op->getLoc());
  InFlightDiagnostic diag = emitError(op->getLoc(), "reference evaluator: '");
  diag << op->getName() << "'";
  if (!node.empty())
    diag << " (node '" << node << "')";
  diag << ": " << message;
  return diag;
}

/// Row-major strides of `shape`.
SmallVector<int64_t> getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// The values of one function being evaluated.
class Evaluator {
public:
  explicit Evaluator(LayerObserver observer) : observer(observer) {}

  LogicalResult bind(Value value, FloatTensor tensor) {
    values[value] = std::move(tensor);
    return success();
  }
  const FloatTensor &get(Value value) { return values[value]; }

  LogicalResult evaluate(Operation *op);

private:
  LogicalResult evaluateConstant(ConstantOp op);
  LogicalResult evaluateLinear(LinearOp op);
  LogicalResult evaluateBinary(Operation *op);
  LogicalResult evaluateUnary(Operation *op);
  LogicalResult evaluateReshape(Operation *op, ArrayRef<int64_t> shape);
  LogicalResult evaluateTranspose(TransposeOp op);
  LogicalResult evaluateSoftmax(SoftmaxOp op);
  LogicalResult evaluateConv(ConvOp op);
  /// The NCHW ops other than conv; false for other ops.
  std::optional<LogicalResult> evaluateConvFamily(Operation *op);

  LayerObserver observer;
  DenseMap<Value, FloatTensor> values;
};

LogicalResult Evaluator::evaluate(Operation *op) {
  if (auto constant = dyn_cast<ConstantOp>(op))
    return evaluateConstant(constant);
  if (auto linear = dyn_cast<LinearOp>(op))
    return evaluateLinear(linear);
  if (isBinaryOp(op))
    return evaluateBinary(op);
  if (isUnaryMathOp(op) || getOpActivation(op))
    return evaluateUnary(op);
  if (auto transpose = dyn_cast<TransposeOp>(op))
    return evaluateTranspose(transpose);
  if (auto softmax = dyn_cast<SoftmaxOp>(op))
    return evaluateSoftmax(softmax);
  if (auto conv = dyn_cast<ConvOp>(op))
    return evaluateConv(conv);
  if (std::optional<LogicalResult> result = evaluateConvFamily(op))
    return *result;
  if (auto flatten = dyn_cast<FlattenOp>(op)) {
    ArrayRef<int64_t> in = get(flatten.getInput()).shape;
    int64_t axis = flatten.getAxis();
    if (axis < 0)
      axis += in.size();
    int64_t outer = product(in.take_front(axis));
    int64_t inner = product(in.drop_front(axis));
    return evaluateReshape(op, {outer, inner});
  }
  if (auto reshape = dyn_cast<ReshapeOp>(op)) {
    auto type = cast<RankedTensorType>(reshape.getType());
    SmallVector<int64_t> shape(type.getShape());
    int64_t total = get(reshape.getInput()).getNumElements();
    int64_t known = 1;
    for (int64_t d : shape)
      if (!ShapedType::isDynamic(d))
        known *= d;
    for (int64_t &d : shape)
      if (ShapedType::isDynamic(d))
        d = known == 0 ? 0 : total / known;
    if (product(shape) != total)
      return emitOpError(op, "cannot reshape ")
             << total << " elements to " << type;
    return evaluateReshape(op, shape);
  }
  return emitOpError(op, "unsupported op");
}

LogicalResult Evaluator::evaluateConstant(ConstantOp op) {
  auto type = dyn_cast<RankedTensorType>(op.getType());
  std::optional<SmallVector<double>> elements =
      readFloatElements(op.getValue());
  if (!type || !type.hasStaticShape() || !elements ||
      static_cast<int64_t>(elements->size()) != type.getNumElements())
    return emitOpError(op, "constant is not a float "
                           "tensor with loaded elements");
  FloatTensor tensor(type.getShape());
  for (size_t i = 0; i < elements->size(); ++i)
    tensor.data[i] = static_cast<float>((*elements)[i]);
  return bind(op.getResult(), std::move(tensor));
}

LogicalResult Evaluator::evaluateLinear(LinearOp op) {
  const FloatTensor &x = get(op.getInput());
  const FloatTensor &w = get(op.getWeight());
  if (w.shape.size() != 2 || x.shape.empty() || x.shape.back() != w.shape[1])
    return emitOpError(op, "input ")
           << formatTensorShape(x.shape) << " does not fit weight "
           << formatTensorShape(w.shape);
  int64_t n = w.shape[0], k = w.shape[1];
  int64_t rows = k == 0 ? 0 : x.getNumElements() / k;
  const FloatTensor *bias = op.getBias() ? &get(op.getBias()) : nullptr;
  const FloatTensor *slope = op.getSlope() ? &get(op.getSlope()) : nullptr;
  auto entry = [&](const FloatTensor *t, int64_t i) -> double {
    if (!t || t->data.empty())
      return 0.0;
    return t->data[t->data.size() == 1 ? 0 : i];
  };
  for (const FloatTensor *t : {bias, slope})
    if (t && t->getNumElements() != 1 && t->getNumElements() != n)
      return emitOpError(op, "bias or slope has ")
             << t->getNumElements() << " elements for " << n << " neurons";
  SmallVector<int64_t> shape(x.shape.begin(), x.shape.end());
  shape.back() = n;
  FloatTensor pre(shape), out(shape);
  ActivationAttr act = op.getActivation();
  for (int64_t r = 0; r < rows; ++r) {
    const float *xr = x.data.data() + r * k;
    for (int64_t j = 0; j < n; ++j) {
      const float *wj = w.data.data() + j * k;
      double sum = 0;
      for (int64_t i = 0; i < k; ++i)
        sum += static_cast<double>(xr[i]) * wj[i];
      float value = static_cast<float>(sum + entry(bias, j));
      pre.data[r * n + j] = value;
      out.data[r * n + j] =
          static_cast<float>(evaluateActivation(act, value, entry(slope, j)));
    }
  }
  if (observer)
    observer(op, pre, out);
  return bind(op.getResult(), std::move(out));
}

LogicalResult Evaluator::evaluateBinary(Operation *op) {
  const FloatTensor &a = get(op->getOperand(0));
  const FloatTensor &b = get(op->getOperand(1));
  // numpy broadcasting: align from the right.
  size_t rank = std::max(a.shape.size(), b.shape.size());
  SmallVector<int64_t> shape(rank), aShape(rank, 1), bShape(rank, 1);
  std::copy(a.shape.begin(), a.shape.end(),
            aShape.begin() + (rank - a.shape.size()));
  std::copy(b.shape.begin(), b.shape.end(),
            bShape.begin() + (rank - b.shape.size()));
  for (size_t i = 0; i < rank; ++i) {
    if (aShape[i] != bShape[i] && aShape[i] != 1 && bShape[i] != 1)
      return emitOpError(op, "shapes ")
             << formatTensorShape(a.shape) << " and "
             << formatTensorShape(b.shape) << " do not broadcast";
    shape[i] = aShape[i] == 1 ? bShape[i] : aShape[i];
  }
  SmallVector<int64_t> aStrides = getStrides(aShape),
                       bStrides = getStrides(bShape);
  for (size_t i = 0; i < rank; ++i) {
    if (aShape[i] == 1)
      aStrides[i] = 0;
    if (bShape[i] == 1)
      bStrides[i] = 0;
  }
  auto fn =
      llvm::TypeSwitch<Operation *, std::function<float(float, float)>>(op)
          .Case([](AddOp) { return [](float x, float y) { return x + y; }; })
          .Case([](SubOp) { return [](float x, float y) { return x - y; }; })
          .Case([](MulOp) { return [](float x, float y) { return x * y; }; })
          .Case([](DivOp) { return [](float x, float y) { return x / y; }; })
          .Case([](MaxOp) {
            return [](float x, float y) { return std::max(x, y); };
          })
          .Case([](MinOp) {
            return [](float x, float y) { return std::min(x, y); };
          })
          .Default([](Operation *) {
            // prelu: x >= 0 ? x : slope * x.
            return [](float x, float s) { return x >= 0 ? x : s * x; };
          });
  FloatTensor out(shape);
  SmallVector<int64_t> index(rank, 0);
  int64_t total = out.getNumElements();
  for (int64_t flat = 0; flat < total; ++flat) {
    int64_t ai = 0, bi = 0;
    for (size_t d = 0; d < rank; ++d) {
      ai += index[d] * aStrides[d];
      bi += index[d] * bStrides[d];
    }
    out.data[flat] = fn(a.data[ai], b.data[bi]);
    for (int64_t d = static_cast<int64_t>(rank) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return bind(op->getResult(0), std::move(out));
}

LogicalResult Evaluator::evaluateUnary(Operation *op) {
  const FloatTensor &x = get(op->getOperand(0));
  FloatTensor out(x.shape);
  ActivationAttr act = getOpActivation(op);
  for (int64_t i = 0; i < x.getNumElements(); ++i) {
    double v = x.data[i];
    double y =
        llvm::TypeSwitch<Operation *, double>(op)
            .Case([&](NegOp) { return -v; })
            .Case([&](AbsOp) { return std::fabs(v); })
            .Case([&](ExpOp) { return std::exp(v); })
            .Case([&](ErfOp) { return std::erf(v); })
            .Case([&](SqrtOp) { return std::sqrt(v); })
            .Case([&](LogOp) { return std::log(v); })
            .Default([&](Operation *) { return evaluateActivation(act, v); });
    out.data[i] = static_cast<float>(y);
  }
  return bind(op->getResult(0), std::move(out));
}

LogicalResult Evaluator::evaluateReshape(Operation *op,
                                         ArrayRef<int64_t> shape) {
  FloatTensor out;
  out.shape.assign(shape.begin(), shape.end());
  out.data = get(op->getOperand(0)).data;
  return bind(op->getResult(0), std::move(out));
}

LogicalResult Evaluator::evaluateTranspose(TransposeOp op) {
  const FloatTensor &x = get(op.getInput());
  ArrayRef<int64_t> perm = op.getPermutation();
  if (perm.size() != x.shape.size())
    return emitOpError(op, "permutation rank mismatch");
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(x.shape[p]);
  SmallVector<int64_t> inStrides = getStrides(x.shape);
  FloatTensor out(shape);
  SmallVector<int64_t> index(shape.size(), 0);
  for (int64_t flat = 0; flat < out.getNumElements(); ++flat) {
    int64_t source = 0;
    for (size_t d = 0; d < shape.size(); ++d)
      source += index[d] * inStrides[perm[d]];
    out.data[flat] = x.data[source];
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return bind(op.getResult(), std::move(out));
}

LogicalResult Evaluator::evaluateSoftmax(SoftmaxOp op) {
  const FloatTensor &x = get(op.getInput());
  int64_t rank = x.shape.size();
  int64_t axis = op.getAxis();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return emitOpError(op, "softmax axis out of range");
  int64_t outer = product(ArrayRef<int64_t>(x.shape).take_front(axis));
  int64_t extent = x.shape[axis];
  int64_t inner = product(ArrayRef<int64_t>(x.shape).drop_front(axis + 1));
  FloatTensor out(x.shape);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      auto at = [&](int64_t a) { return (o * extent + a) * inner + i; };
      double max = -INFINITY;
      for (int64_t a = 0; a < extent; ++a)
        max = std::max<double>(max, x.data[at(a)]);
      double sum = 0;
      for (int64_t a = 0; a < extent; ++a)
        sum += std::exp(x.data[at(a)] - max);
      for (int64_t a = 0; a < extent; ++a)
        out.data[at(a)] =
            static_cast<float>(std::exp(x.data[at(a)] - max) / sum);
    }
  }
  return bind(op.getResult(), std::move(out));
}

LogicalResult Evaluator::evaluateConv(ConvOp op) {
  auto optional = [&](Value v) { return v ? &get(v) : nullptr; };
  std::string error;
  FailureOr<reference::ConvResult> result = reference::conv2d(
      op, get(op.getInput()), get(op.getWeight()), optional(op.getBias()),
      optional(op.getResidual()), optional(op.getSlope()), error);
  if (failed(result))
    return emitOpError(op, error);
  if (observer)
    observer(op, result->pre, result->out);
  return bind(op.getResult(), std::move(result->out));
}

std::optional<LogicalResult> Evaluator::evaluateConvFamily(Operation *op) {
  std::string error;
  FailureOr<FloatTensor> result = failure();
  if (isa<MaxPoolOp, AvgPoolOp>(op))
    result = reference::pool2d(op, get(op->getOperand(0)), error);
  else if (isa<GlobalMaxPoolOp, GlobalAvgPoolOp>(op))
    result = reference::globalPool(get(op->getOperand(0)),
                                   isa<GlobalMaxPoolOp>(op));
  else if (auto bn = dyn_cast<BatchNormOp>(op))
    result = reference::batchNorm(bn, get(bn.getInput()), get(bn.getScale()),
                                  get(bn.getBias()), get(bn.getMean()),
                                  get(bn.getVar()), error);
  else if (auto cat = dyn_cast<ConcatOp>(op)) {
    SmallVector<const FloatTensor *> inputs;
    for (Value input : cat.getInputs())
      inputs.push_back(&get(input));
    result = reference::concat(inputs, cat.getAxis(), error);
  } else
    return std::nullopt;
  if (failed(result))
    return emitOpError(op, error);
  return bind(op->getResult(0), std::move(*result));
}

} // namespace

LogicalResult rectify::checkEvaluable(func::FuncOp func) {
  WalkResult result = func.walk([&](Operation *op) {
    if (op == func.getOperation() || isSupported(op))
      return WalkResult::advance();
    emitOpError(op, "unsupported op")
        << " (calibration runs MLPs and CNNs: linear, conv, pooling, "
           "batch_norm, concat, activations, elementwise arithmetic, "
           "reshape/flatten/transpose, softmax)";
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

FailureOr<SmallVector<FloatTensor>>
rectify::evaluateFunction(func::FuncOp func, ArrayRef<FloatTensor> inputs,
                          LayerObserver observer) {
  if (failed(checkEvaluable(func)))
    return failure();
  if (!func.getBody().hasOneBlock())
    return emitError(func.getLoc(),
                     "reference evaluator: expected a single block");
  Block &body = func.getBody().front();
  if (inputs.size() != body.getNumArguments())
    return emitError(func.getLoc(), "reference evaluator: expected ")
           << body.getNumArguments() << " inputs, got " << inputs.size();
  Evaluator evaluator(observer);
  for (auto [arg, input] : llvm::zip(body.getArguments(), inputs)) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    bool fits =
        type && type.getRank() == static_cast<int64_t>(input.shape.size());
    for (int64_t d = 0; fits && d < type.getRank(); ++d)
      fits = type.isDynamicDim(d) || type.getDimSize(d) == input.shape[d];
    if (!fits)
      return emitError(func.getLoc(), "reference evaluator: input #")
             << arg.getArgNumber() << " of shape "
             << formatTensorShape(input.shape) << " does not fit "
             << arg.getType();
    (void)evaluator.bind(arg, input);
  }
  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      SmallVector<FloatTensor> results;
      for (Value v : ret.getOperands())
        results.push_back(evaluator.get(v));
      return results;
    }
    if (failed(evaluator.evaluate(&op)))
      return failure();
  }
  return emitError(func.getLoc(),
                   "reference evaluator: function has no return");
}
