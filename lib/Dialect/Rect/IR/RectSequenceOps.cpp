//===- RectSequenceOps.cpp - Recurrent and attention ops ------------------===//
//
// Result type inference and verifiers of the ops in RectSequenceOps.td.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace rectify::rect;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

namespace {

/// True when two sizes may be equal (equal, or one of them dynamic).
bool sizesMatch(int64_t a, int64_t b) {
  return a == kDynamic || b == kDynamic || a == b;
}

/// `expected` with kDynamic as "any size" matched against `type`'s shape.
bool shapeMatches(RankedTensorType type, ArrayRef<int64_t> expected) {
  if (type.getRank() != static_cast<int64_t>(expected.size()))
    return false;
  for (auto [actual, want] : llvm::zip(type.getShape(), expected))
    if (!sizesMatch(actual, want))
      return false;
  return true;
}

} // namespace

//===----------------------------------------------------------------------===//
// RNNOp
//===----------------------------------------------------------------------===//

LogicalResult RNNOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &results) {
  auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
  auto weightType = cast<RankedTensorType>(adaptor.getWeight().getType());
  if (inputType.getRank() != 3)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op input must be 3-D [T, B, I], got ",
                             formatShape(inputType.getShape()));
  if (weightType.getRank() != 3)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op weight must be 3-D [D, H, I], got ",
                             formatShape(weightType.getShape()));
  int64_t numDirections =
      adaptor.getDirection() == RecurrentDirection::bidirectional ? 2 : 1;
  int64_t seqLength = inputType.getDimSize(0);
  int64_t batch = inputType.getDimSize(1);
  int64_t hidden = weightType.getDimSize(1);
  Type elementType = inputType.getElementType();
  results.push_back(RankedTensorType::get(
      {seqLength, numDirections, batch, hidden}, elementType));
  results.push_back(
      RankedTensorType::get({numDirections, batch, hidden}, elementType));
  return success();
}

LogicalResult RNNOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType weightType = getWeight().getType();
  // The op verifier runs before the inferred result types are checked, so
  // the ranks everything else relies on are checked here too.
  if (inputType.getRank() != 3)
    return emitOpError("input must be 3-D [T, B, I], got ")
           << formatShape(inputType.getShape());
  if (weightType.getRank() != 3)
    return emitOpError("weight must be 3-D [D, H, I], got ")
           << formatShape(weightType.getShape());
  Type elementType = inputType.getElementType();
  for (Value operand : getOperands())
    if (cast<RankedTensorType>(operand.getType()).getElementType() !=
        elementType)
      return emitOpError("operand element types differ: ")
             << operand.getType() << " vs input's " << elementType;

  int64_t numDirections = getNumDirections();
  int64_t batch = inputType.getDimSize(1);
  int64_t features = inputType.getDimSize(2);
  int64_t hidden = weightType.getDimSize(1);
  auto expect = [&](Value value, StringRef what, StringRef layout,
                    ArrayRef<int64_t> shape) -> LogicalResult {
    auto type = cast<RankedTensorType>(value.getType());
    if (shapeMatches(type, shape))
      return success();
    return emitOpError(what)
           << " must be " << layout << " = " << formatShape(shape) << ", got "
           << formatShape(type.getShape());
  };
  if (failed(expect(getWeight(), "weight", "[D, H, I]",
                    {numDirections, hidden, features})) ||
      failed(expect(getRecurrence(), "recurrence", "[D, H, H]",
                    {numDirections, hidden, hidden})))
    return failure();
  if (getBias() && failed(expect(getBias(), "bias", "[D, 2H]",
                                 {numDirections,
                                  hidden == kDynamic ? kDynamic : 2 * hidden})))
    return failure();
  if (getInitialH() && failed(expect(getInitialH(), "initial_h", "[D, B, H]",
                                     {numDirections, batch, hidden})))
    return failure();

  ArrayAttr activations = getActivations();
  if (static_cast<int64_t>(activations.size()) != numDirections)
    return emitOpError("needs one activation per direction (")
           << numDirections << "), got " << activations.size();
  for (ActivationAttr activation : activations.getAsRange<ActivationAttr>())
    if (activation.getKind() == ActivationKind::prelu)
      return emitOpError("prelu activation is not supported (no slope "
                         "operand)");
  if (FloatAttr clip = getClipAttr(); clip && !(clip.getValueAsDouble() > 0))
    return emitOpError("clip must be positive, got ")
           << clip.getValueAsDouble();
  return success();
}
