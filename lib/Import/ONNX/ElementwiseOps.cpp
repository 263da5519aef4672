//===- ElementwiseOps.cpp - Activations and elementwise arithmetic --------===//

#include "OpImporters.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include <limits>

using namespace mlir;
using namespace rectify;

/// Builds a rect op of the input's type with `args` after the input.
template <typename OpTy, typename... Args>
static LogicalResult importSameType(NodeImporter &importer, Args &&...args) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<Value> result = importer.create<OpTy>(input->getType(), *input,
                                                  std::forward<Args>(args)...);
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

LogicalResult rectify::importUnary(NodeImporter &importer) {
  StringRef opType = importer.getNode().op_type();
  if (opType == "Relu")
    return importSameType<rect::ReluOp>(importer);
  if (opType == "Sigmoid")
    return importSameType<rect::SigmoidOp>(importer);
  if (opType == "Tanh")
    return importSameType<rect::TanhOp>(importer);
  if (opType == "Softplus")
    return importSameType<rect::SoftplusOp>(importer);
  if (opType == "HardSwish")
    return importSameType<rect::HardSwishOp>(importer);
  if (opType == "Exp")
    return importSameType<rect::ExpOp>(importer);
  if (opType == "Abs")
    return importSameType<rect::AbsOp>(importer);
  if (opType == "Neg")
    return importSameType<rect::NegOp>(importer);
  if (opType == "Erf")
    return importSameType<rect::ErfOp>(importer);
  if (opType == "Sqrt")
    return importSameType<rect::SqrtOp>(importer);
  return importer.emitError() << "no unary importer for " << opType;
}

template <typename OpTy>
static FailureOr<Value> createBinary(NodeImporter &importer, Value lhs,
                                     Value rhs) {
  return importer.create<OpTy>(lhs.getType(), lhs, rhs);
}

LogicalResult rectify::importBinary(NodeImporter &importer) {
  FailureOr<Value> lhs = importer.getInput(0);
  if (failed(lhs))
    return failure();
  FailureOr<Value> rhs = importer.getInput(1);
  if (failed(rhs))
    return failure();
  StringRef opType = importer.getNode().op_type();
  FailureOr<Value> result =
      opType == "Add"   ? createBinary<rect::AddOp>(importer, *lhs, *rhs)
      : opType == "Sub" ? createBinary<rect::SubOp>(importer, *lhs, *rhs)
      : opType == "Mul" ? createBinary<rect::MulOp>(importer, *lhs, *rhs)
                        : createBinary<rect::DivOp>(importer, *lhs, *rhs);
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

LogicalResult rectify::importMaxMin(NodeImporter &importer) {
  bool isMax = importer.getNode().op_type() == "Max";
  if (importer.getNumInputs() == 0)
    return importer.emitError()
           << importer.getNode().op_type() << " needs at least one input";
  FailureOr<Value> result = importer.getInput(0);
  if (failed(result))
    return failure();
  // Max/Min are variadic: fold the inputs left to right.
  for (unsigned i = 1, e = importer.getNumInputs(); i < e; ++i) {
    FailureOr<Value> next = importer.getInput(i);
    if (failed(next))
      return failure();
    result = isMax ? createBinary<rect::MaxOp>(importer, *result, *next)
                   : createBinary<rect::MinOp>(importer, *result, *next);
    if (failed(result))
      return failure();
  }
  return importer.setOutput(0, *result);
}

LogicalResult rectify::importLeakyRelu(NodeImporter &importer) {
  FailureOr<float> alpha = importer.getFloatAttr("alpha", 0.01f);
  if (failed(alpha))
    return failure();
  return importSameType<rect::LeakyReluOp>(
      importer, importer.getBuilder().getF32FloatAttr(*alpha));
}

LogicalResult rectify::importPRelu(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<Value> slope = importer.getInput(1);
  if (failed(slope))
    return failure();
  FailureOr<Value> result =
      importer.create<rect::PReluOp>(input->getType(), *input, *slope);
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

/// A Clip bound given as optional input `index` (opset 11 on): absent or empty
/// means unbounded; otherwise it must be a constant scalar.
static FailureOr<std::optional<float>>
getClipBound(NodeImporter &importer, unsigned index, StringRef what) {
  if (!importer.hasInput(index))
    return std::optional<float>();
  FailureOr<SmallVector<float>> values =
      importer.getConstantFloats(index, what);
  if (failed(values))
    return failure();
  if (values->size() != 1) {
    importer.emitError() << "Clip " << what << " must be a scalar, got "
                         << values->size() << " values";
    return failure();
  }
  return std::optional<float>(values->front());
}

LogicalResult rectify::importClip(NodeImporter &importer) {
  std::optional<float> lo, hi;
  if (importer.getOpset() >= 11) {
    FailureOr<std::optional<float>> min = getClipBound(importer, 1, "min");
    FailureOr<std::optional<float>> max = getClipBound(importer, 2, "max");
    if (failed(min) || failed(max))
      return failure();
    lo = *min;
    hi = *max;
  } else {
    const NodeAttributes &attrs = importer.getAttributes();
    if (attrs.has("min")) {
      FailureOr<float> min = importer.getFloatAttr("min", 0.0f);
      if (failed(min))
        return failure();
      lo = *min;
    }
    if (attrs.has("max")) {
      FailureOr<float> max = importer.getFloatAttr("max", 0.0f);
      if (failed(max))
        return failure();
      hi = *max;
    }
  }
  Builder &b = importer.getBuilder();
  FloatAttr minAttr = lo ? b.getF32FloatAttr(*lo) : FloatAttr();
  FloatAttr maxAttr = hi ? b.getF32FloatAttr(*hi) : FloatAttr();
  return importSameType<rect::ClipOp>(importer, minAttr, maxAttr);
}

LogicalResult rectify::importElu(NodeImporter &importer) {
  FailureOr<float> alpha = importer.getFloatAttr("alpha", 1.0f);
  if (failed(alpha))
    return failure();
  return importSameType<rect::EluOp>(
      importer, importer.getBuilder().getF32FloatAttr(*alpha));
}

LogicalResult rectify::importSelu(NodeImporter &importer) {
  FailureOr<float> alpha =
      importer.getFloatAttr("alpha", 1.67326319217681884765625f);
  FailureOr<float> gamma =
      importer.getFloatAttr("gamma", 1.05070102214813232421875f);
  if (failed(alpha) || failed(gamma))
    return failure();
  Builder &b = importer.getBuilder();
  return importSameType<rect::SeluOp>(importer, b.getF32FloatAttr(*alpha),
                                      b.getF32FloatAttr(*gamma));
}

LogicalResult rectify::importHardSigmoid(NodeImporter &importer) {
  FailureOr<float> alpha = importer.getFloatAttr("alpha", 0.2f);
  FailureOr<float> beta = importer.getFloatAttr("beta", 0.5f);
  if (failed(alpha) || failed(beta))
    return failure();
  Builder &b = importer.getBuilder();
  return importSameType<rect::HardSigmoidOp>(
      importer, b.getF32FloatAttr(*alpha), b.getF32FloatAttr(*beta));
}

LogicalResult rectify::importGelu(NodeImporter &importer) {
  FailureOr<std::string> approximate =
      importer.getStringAttr("approximate", "none");
  if (failed(approximate))
    return failure();
  if (*approximate != "none" && *approximate != "tanh")
    return importer.emitError() << "Gelu approximate must be \"none\" or "
                                   "\"tanh\", got \""
                                << *approximate << "\"";
  return importSameType<rect::GeluOp>(
      importer, importer.getBuilder().getStringAttr(*approximate));
}
