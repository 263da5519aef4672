//===- SequenceOps.cpp - Recurrent layers ---------------------------------===//
//
// RNN (opset 7; opset 14 adds `layout`) becomes rect.rnn, which works in the
// time-major layout 0: with layout 1 the importer transposes X [B, T, I] and
// initial_h [B, D, H] into it, and Y [T, D, B, H] and Y_h [D, B, H] out of
// it (rect.transpose, only for the outputs something reads).
//
// Activations (one per direction, default Tanh) map to #rect.act: Relu,
// Tanh, Sigmoid, and LeakyRelu, HardSigmoid, Elu, Softplus whose
// activation_alpha / activation_beta values are consumed in order by the
// activations that take them (ONNX's defaults otherwise). `sequence_lens`
// is accepted when it is a constant giving every batch entry the full
// sequence length; shorter sequences are rejected.
//
//===----------------------------------------------------------------------===//

#include "OpImporters.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/InputShapes.h"

using namespace mlir;
using namespace rectify;

namespace {

enum RNNInput : unsigned {
  kX = 0,
  kW = 1,
  kR = 2,
  kB = 3,
  kSequenceLens = 4,
  kInitialH = 5,
};

/// The activations of ONNX's recurrent ops that #rect.act expresses, with
/// how many of activation_alpha / activation_beta each consumes and their
/// defaults.
struct ActivationSpec {
  llvm::StringLiteral name;
  rect::ActivationKind kind;
  unsigned numParameters;
  float defaultAlpha, defaultBeta;
};

constexpr ActivationSpec kActivations[] = {
    {"Relu", rect::ActivationKind::relu, 0, 0.0f, 0.0f},
    {"Tanh", rect::ActivationKind::tanh, 0, 0.0f, 0.0f},
    {"Sigmoid", rect::ActivationKind::sigmoid, 0, 0.0f, 0.0f},
    {"LeakyRelu", rect::ActivationKind::leaky_relu, 1, 0.01f, 0.0f},
    {"HardSigmoid", rect::ActivationKind::hard_sigmoid, 2, 0.2f, 0.5f},
    {"Elu", rect::ActivationKind::elu, 1, 1.0f, 0.0f},
    {"Softplus", rect::ActivationKind::softplus, 0, 0.0f, 0.0f},
};

/// The names in a STRINGS attribute, or `dflt` when it is absent.
FailureOr<SmallVector<std::string>> getStringsAttr(NodeImporter &importer,
                                                   StringRef name,
                                                   ArrayRef<std::string> dflt) {
  const onnx::AttributeProto *attr = importer.getAttributes().find(name);
  if (!attr)
    return SmallVector<std::string>(dflt);
  if (getAttributeType(*attr) != onnx::AttributeProto::STRINGS) {
    importer.emitError() << importer.getNode().op_type() << ": attribute '"
                         << name << "' must be a list of strings";
    return failure();
  }
  return SmallVector<std::string>(attr->strings().begin(),
                                  attr->strings().end());
}

/// The #rect.act of each direction.
FailureOr<ArrayAttr> importActivations(NodeImporter &importer,
                                       int64_t numDirections) {
  FailureOr<SmallVector<std::string>> names = getStringsAttr(
      importer, "activations",
      SmallVector<std::string>(numDirections, std::string("Tanh")));
  if (failed(names))
    return failure();
  if (static_cast<int64_t>(names->size()) != numDirections) {
    importer.emitError() << "RNN: needs one activation per direction ("
                         << numDirections << "), got " << names->size();
    return failure();
  }
  llvm::Expected<SmallVector<float>> alphaValues =
      importer.getAttributes().getFloats("activation_alpha");
  if (!alphaValues) {
    importer.emitError() << "RNN: " << llvm::toString(alphaValues.takeError());
    return failure();
  }
  llvm::Expected<SmallVector<float>> betaValues =
      importer.getAttributes().getFloats("activation_beta");
  if (!betaValues) {
    importer.emitError() << "RNN: " << llvm::toString(betaValues.takeError());
    return failure();
  }

  size_t nextAlpha = 0, nextBeta = 0;
  SmallVector<Attribute> activations;
  for (const std::string &name : *names) {
    const ActivationSpec *spec = llvm::find_if(
        kActivations, [&](const ActivationSpec &s) { return s.name == name; });
    if (spec == std::end(kActivations)) {
      importer.emitError()
          << "RNN: activation '" << name
          << "' is not supported (supported: Relu, Tanh, Sigmoid, LeakyRelu, "
             "HardSigmoid, Elu, Softplus)";
      return failure();
    }
    float alpha = spec->defaultAlpha, beta = spec->defaultBeta;
    if (spec->numParameters >= 1 && nextAlpha < alphaValues->size())
      alpha = (*alphaValues)[nextAlpha++];
    if (spec->numParameters >= 2 && nextBeta < betaValues->size())
      beta = (*betaValues)[nextBeta++];
    activations.push_back(rect::ActivationAttr::get(importer.getContext(),
                                                    spec->kind, alpha, beta));
  }
  return ArrayAttr::get(importer.getContext(), activations);
}

/// `value` with its dims permuted (result dim i is input dim perm[i]).
FailureOr<Value> permute(NodeImporter &importer, Value value,
                         ArrayRef<int64_t> permutation) {
  return importer.create<rect::TransposeOp>(
      value.getType(), value,
      importer.getBuilder().getDenseI64ArrayAttr(permutation));
}

RankedTensorType rankedType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

} // namespace

LogicalResult rectify::importRNN(NodeImporter &importer) {
  FailureOr<std::string> directionName =
      importer.getStringAttr("direction", "forward");
  FailureOr<int64_t> layout = importer.getIntAttr("layout", 0);
  FailureOr<int64_t> hiddenSize = importer.getIntAttr("hidden_size", -1);
  if (failed(directionName) || failed(layout) || failed(hiddenSize))
    return failure();
  std::optional<rect::RecurrentDirection> direction =
      rect::symbolizeRecurrentDirection(*directionName);
  if (!direction)
    return importer.emitError()
           << "RNN: direction '" << *directionName
           << "' is not one of forward, reverse, bidirectional";
  if (*layout != 0 && *layout != 1)
    return importer.emitError()
           << "RNN: layout must be 0 or 1, got " << *layout;
  int64_t numDirections =
      *direction == rect::RecurrentDirection::bidirectional ? 2 : 1;
  FailureOr<ArrayAttr> activations = importActivations(importer, numDirections);
  if (failed(activations))
    return failure();
  FloatAttr clip;
  if (importer.getAttributes().has("clip")) {
    FailureOr<float> value = importer.getFloatAttr("clip", 0.0f);
    if (failed(value))
      return failure();
    clip = importer.getBuilder().getF32FloatAttr(*value);
  }

  FailureOr<Value> x = importer.getInput(kX);
  FailureOr<Value> w = failed(x) ? x : importer.getInput(kW);
  FailureOr<Value> r = failed(w) ? w : importer.getInput(kR);
  if (failed(r))
    return failure();
  if (rankedType(*x).getRank() != 3)
    return importer.emitError()
           << "RNN: X must be 3-D, got shape ["
           << formatShape(rankedType(*x).getShape()) << "]";
  Value bias, initialH;
  if (importer.hasInput(kB)) {
    FailureOr<Value> value = importer.getInput(kB);
    if (failed(value))
      return failure();
    bias = *value;
  }
  if (importer.hasInput(kInitialH)) {
    FailureOr<Value> value = importer.getInput(kInitialH);
    if (failed(value))
      return failure();
    initialH = *value;
  }
  int64_t hidden = rankedType(*w).getRank() == 3 ? rankedType(*w).getDimSize(1)
                                                 : ShapedType::kDynamic;
  if (*hiddenSize >= 0 && !ShapedType::isDynamic(hidden) &&
      hidden != *hiddenSize)
    return importer.emitError()
           << "RNN: hidden_size " << *hiddenSize << " differs from W's shape ["
           << formatShape(rankedType(*w).getShape()) << "]";

  // Layout 1 is batch-major: bring X and initial_h into time-major order.
  if (*layout == 1) {
    x = permute(importer, *x, {1, 0, 2});
    if (failed(x))
      return failure();
    if (initialH) {
      FailureOr<Value> permuted = permute(importer, initialH, {1, 0, 2});
      if (failed(permuted))
        return failure();
      initialH = *permuted;
    }
  }

  if (importer.hasInput(kSequenceLens)) {
    FailureOr<SmallVector<int64_t>> lengths =
        importer.getConstantInts(kSequenceLens, "sequence_lens");
    if (failed(lengths))
      return failure();
    int64_t seqLength = rankedType(*x).getDimSize(0);
    bool full =
        !ShapedType::isDynamic(seqLength) &&
        llvm::all_of(*lengths, [&](int64_t len) { return len == seqLength; });
    if (!full)
      return importer.emitError()
             << "RNN: sequence_lens [" << formatShape(*lengths)
             << "] must all equal the sequence length "
             << (ShapedType::isDynamic(seqLength) ? std::string("?")
                                                  : std::to_string(seqLength))
             << "; shorter sequences are not supported";
  }

  auto directionAttr =
      rect::RecurrentDirectionAttr::get(importer.getContext(), *direction);
  FailureOr<Value> output =
      importer.create<rect::RNNOp>(x->getType(), x->getType(), *x, *w, *r, bias,
                                   initialH, directionAttr, *activations, clip);
  if (failed(output))
    return failure();
  Value finalH = output->getDefiningOp()->getResult(1);

  if (*layout == 1) {
    if (importer.isOutputUsed(0))
      output = permute(importer, *output, {2, 0, 1, 3});
    if (failed(output))
      return failure();
    if (importer.isOutputUsed(1)) {
      FailureOr<Value> permuted = permute(importer, finalH, {1, 0, 2});
      if (failed(permuted))
        return failure();
      finalH = *permuted;
    }
  }
  if (failed(importer.setOutput(0, *output)))
    return failure();
  return importer.setOutput(1, finalH);
}
