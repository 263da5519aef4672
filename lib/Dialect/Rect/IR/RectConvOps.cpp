//===- RectConvOps.cpp - Convolution, normalization and pooling ops -------===//
//
// Verifiers and result type inference of the ops of RectConvOps.td. Spatial
// sizes are static; the batch may be dynamic and stays dynamic.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace rectify::rect;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

static RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

namespace {
/// An error reporter usable both from verifiers (emitOpError) and from type
/// inference (emitOptionalError with the op name).
struct Reporter {
  std::optional<Location> loc;
  StringRef opName;
  LogicalResult operator()(const Twine &message) const {
    return emitOptionalError(loc, "'", opName, "' op ", message.str());
  }
};
} // namespace

/// Checks the window attributes shared by convs and pools.
static LogicalResult checkWindowAttrs(const Reporter &report,
                                      ArrayRef<int64_t> strides,
                                      ArrayRef<int64_t> pads,
                                      ArrayRef<int64_t> dilations,
                                      bool allowNegativePads = false) {
  if (strides.size() != 2)
    return report("strides must have 2 entries, got " + formatList(strides));
  if (pads.size() != 4)
    return report("pads must have 4 entries [top, left, bottom, right], got " +
                  formatList(pads));
  if (dilations.size() != 2)
    return report("dilations must have 2 entries, got " +
                  formatList(dilations));
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }))
    return report("strides must be >= 1, got " + formatList(strides));
  if (llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return report("dilations must be >= 1, got " + formatList(dilations));
  if (!allowNegativePads &&
      llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return report("pads must be >= 0, got " + formatList(pads));
  return success();
}

/// Output extent of a sliding window along one spatial dim (0 when empty).
static int64_t windowOutputSize(int64_t size, int64_t padBegin, int64_t padEnd,
                                int64_t kernel, int64_t stride,
                                int64_t dilation, bool ceilMode) {
  int64_t span = size + padBegin + padEnd - dilation * (kernel - 1) - 1;
  if (span < 0)
    return 0;
  int64_t out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
  // A last window starting in the end padding is dropped.
  if (ceilMode && (out - 1) * stride >= size + padBegin)
    --out;
  return out;
}

/// Result type of a 2-D sliding window op over `inputType` with `channels`
/// output channels; reports an empty output.
static FailureOr<RankedTensorType>
inferWindowType(const Reporter &report, RankedTensorType inputType,
                int64_t channels, ArrayRef<int64_t> kernel,
                ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                ArrayRef<int64_t> dilations, bool ceilMode) {
  SmallVector<int64_t> shape = {inputType.getDimSize(0), channels};
  for (int i = 0; i < 2; ++i) {
    int64_t size = inputType.getDimSize(2 + i);
    if (size == kDynamic) {
      (void)report("spatial dims must be static, got input of shape " +
                   formatShape(inputType.getShape()));
      return failure();
    }
    int64_t out = windowOutputSize(size, pads[i], pads[2 + i], kernel[i],
                                   strides[i], dilations[i], ceilMode);
    if (out <= 0) {
      (void)report("window of size " + formatList(kernel) + " (dilations " +
                   formatList(dilations) + ") does not fit the padded input " +
                   formatShape(inputType.getShape()) + " with pads " +
                   formatList(pads));
      return failure();
    }
    shape.push_back(out);
  }
  return RankedTensorType::get(shape, inputType.getElementType());
}

static LogicalResult checkRank4(const Reporter &report, StringRef what,
                                RankedTensorType type) {
  if (type.getRank() != 4)
    return report(what + " must be 4-D, got " + formatShape(type.getShape()));
  return success();
}

/// Checks that `v` (if present) is a per-channel vector: `[channels]`, or with
/// `allowScalar` also `[1]` or a rank-0 tensor.
static LogicalResult checkPerChannel(const Reporter &report, Value v,
                                     StringRef what, int64_t channels,
                                     Type elementType, bool allowScalar) {
  if (!v)
    return success();
  auto type = rankedType(v);
  if (type.getElementType() != elementType)
    return report(what + " element type differs from the input's");
  bool ok = type.getRank() == 1 && type.getDimSize(0) == channels;
  if (allowScalar)
    ok |= type.getRank() == 0 || (type.getRank() == 1 && type.getDimSize(0) == 1);
  if (!ok)
    return report(what + " must be [" + Twine(channels).str() + "]" +
                  (allowScalar ? ", [1] or a scalar" : "") + ", got " +
                  formatShape(type.getShape()));
  return success();
}

//===----------------------------------------------------------------------===//
// ConvOp
//===----------------------------------------------------------------------===//

static FailureOr<RankedTensorType>
inferConvType(const Reporter &report, RankedTensorType inputType,
              RankedTensorType weightType, ArrayRef<int64_t> strides,
              ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations,
              int64_t group) {
  if (failed(checkRank4(report, "input", inputType)) ||
      failed(checkRank4(report, "weight", weightType)) ||
      failed(checkWindowAttrs(report, strides, pads, dilations)))
    return failure();
  if (weightType.getElementType() != inputType.getElementType()) {
    (void)report("weight element type differs from the input's");
    return failure();
  }
  if (!weightType.hasStaticShape()) {
    (void)report("weight shape must be static, got " +
                 formatShape(weightType.getShape()));
    return failure();
  }
  int64_t channels = inputType.getDimSize(1);
  int64_t filters = weightType.getDimSize(0);
  if (group < 1) {
    (void)report("group must be >= 1, got " + Twine(group).str());
    return failure();
  }
  if (channels == kDynamic || channels % group != 0 ||
      filters % group != 0) {
    (void)report("group " + Twine(group).str() +
                 " must divide the input channels (" +
                 (channels == kDynamic ? std::string("?")
                                       : Twine(channels).str()) +
                 ") and the filters (" + Twine(filters).str() + ")");
    return failure();
  }
  if (weightType.getDimSize(1) * group != channels) {
    (void)report("weight " + formatShape(weightType.getShape()) +
                 " expects " + Twine(weightType.getDimSize(1) * group).str() +
                 " input channels (C / group per group) but the input has " +
                 Twine(channels).str());
    return failure();
  }
  return inferWindowType(report, inputType, filters,
                         weightType.getShape().drop_front(2), strides, pads,
                         dilations, /*ceilMode=*/false);
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &results) {
  Reporter report{loc, getOperationName()};
  // Attributes left out of a generic builder call take their defaults.
  SmallVector<int64_t> ones = {1, 1}, zeroPads(4, 0);
  ArrayRef<int64_t> strides =
      adaptor.getStridesAttr() ? adaptor.getStrides() : ArrayRef(ones);
  ArrayRef<int64_t> dilations =
      adaptor.getDilationsAttr() ? adaptor.getDilations() : ArrayRef(ones);
  ArrayRef<int64_t> pads =
      adaptor.getPadsAttr() ? adaptor.getPads() : ArrayRef(zeroPads);
  int64_t group = adaptor.getGroupAttr() ? adaptor.getGroup() : 1;
  FailureOr<RankedTensorType> type =
      inferConvType(report, rankedType(adaptor.getInput()),
                    rankedType(adaptor.getWeight()), strides, pads, dilations,
                    group);
  if (failed(type))
    return failure();
  results.push_back(*type);
  return success();
}

LogicalResult ConvOp::verify() {
  Reporter report{getLoc(), getOperationName()};
  auto inputType = rankedType(getInput());
  auto weightType = rankedType(getWeight());
  FailureOr<RankedTensorType> expected =
      inferConvType(report, inputType, weightType, getStrides(), getPads(),
                    getDilations(), getGroup());
  if (failed(expected))
    return failure();
  int64_t filters = weightType.getDimSize(0);
  Type elementType = inputType.getElementType();
  if (failed(checkPerChannel(report, getBias(), "bias", filters, elementType,
                             /*allowScalar=*/false)) ||
      failed(checkPerChannel(report, getSlope(), "slope", filters,
                             elementType, /*allowScalar=*/true)))
    return failure();
  if (Value residual = getResidual()) {
    if (residual.getType() != getType())
      return emitOpError("residual type ")
             << residual.getType() << " must equal the result type "
             << getType();
  }
  bool isPRelu = getActivation().getKind() == ActivationKind::prelu;
  if (isPRelu && !getSlope())
    return emitOpError("prelu activation needs a slope operand");
  if (!isPRelu && getSlope())
    return emitOpError("slope operand given but the activation is ")
           << stringifyActivationKind(getActivation().getKind());
  return success();
}

//===----------------------------------------------------------------------===//
// ConvTransposeOp
//===----------------------------------------------------------------------===//

LogicalResult ConvTransposeOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &results) {
  Reporter report{loc, getOperationName()};
  auto inputType = rankedType(adaptor.getInput());
  auto weightType = rankedType(adaptor.getWeight());
  SmallVector<int64_t> ones = {1, 1}, zeros = {0, 0}, zeroPads(4, 0);
  ArrayRef<int64_t> strides =
      adaptor.getStridesAttr() ? adaptor.getStrides() : ArrayRef(ones);
  ArrayRef<int64_t> dilations =
      adaptor.getDilationsAttr() ? adaptor.getDilations() : ArrayRef(ones);
  ArrayRef<int64_t> pads =
      adaptor.getPadsAttr() ? adaptor.getPads() : ArrayRef(zeroPads);
  ArrayRef<int64_t> outputPadding = adaptor.getOutputPaddingAttr()
                                        ? adaptor.getOutputPadding()
                                        : ArrayRef(zeros);
  int64_t group = adaptor.getGroupAttr() ? adaptor.getGroup() : 1;
  if (failed(checkRank4(report, "input", inputType)) ||
      failed(checkRank4(report, "weight", weightType)) ||
      failed(checkWindowAttrs(report, strides, pads, dilations,
                              /*allowNegativePads=*/true)))
    return failure();
  if (outputPadding.size() != 2 ||
      llvm::any_of(outputPadding, [](int64_t p) { return p < 0; }))
    return report("output_padding must have 2 entries >= 0, got " +
                  formatList(outputPadding));
  if (!weightType.hasStaticShape())
    return report("weight shape must be static, got " +
                  formatShape(weightType.getShape()));
  if (group < 1)
    return report("group must be >= 1, got " + Twine(group).str());
  int64_t channels = inputType.getDimSize(1);
  if (channels != weightType.getDimSize(0) || channels % group != 0)
    return report("weight " + formatShape(weightType.getShape()) +
                  " must be [C, F / group, kh, kw] with C = " +
                  (channels == kDynamic ? std::string("?")
                                        : Twine(channels).str()) +
                  " input channels divisible by group " + Twine(group).str());
  SmallVector<int64_t> shape = {inputType.getDimSize(0),
                                weightType.getDimSize(1) * group};
  for (int i = 0; i < 2; ++i) {
    int64_t size = inputType.getDimSize(2 + i);
    if (size == kDynamic)
      return report("spatial dims must be static, got input of shape " +
                    formatShape(inputType.getShape()));
    int64_t out = strides[i] * (size - 1) + outputPadding[i] +
                  dilations[i] * (weightType.getDimSize(2 + i) - 1) + 1 -
                  pads[i] - pads[2 + i];
    if (out <= 0)
      return report("output would be empty (pads " + formatList(pads) + ")");
    shape.push_back(out);
  }
  results.push_back(RankedTensorType::get(shape, inputType.getElementType()));
  return success();
}

LogicalResult ConvTransposeOp::verify() {
  Reporter report{getLoc(), getOperationName()};
  if (rankedType(getWeight()).getElementType() !=
      rankedType(getInput()).getElementType())
    return emitOpError("weight element type differs from the input's");
  ArrayRef<int64_t> strides = getStrides(), outputPadding = getOutputPadding();
  ArrayRef<int64_t> dilations = getDilations();
  for (int i = 0; i < 2 && outputPadding.size() == 2 && strides.size() == 2 &&
                  dilations.size() == 2;
       ++i)
    if (outputPadding[i] >= std::max(strides[i], dilations[i]))
      return emitOpError("output_padding ")
             << formatList(outputPadding)
             << " must be smaller than the stride or the dilation";
  return checkPerChannel(report, getBias(), "bias", getType().getDimSize(1),
                         getType().getElementType(), /*allowScalar=*/false);
}

//===----------------------------------------------------------------------===//
// BatchNormOp and LRNOp
//===----------------------------------------------------------------------===//

LogicalResult BatchNormOp::verify() {
  Reporter report{getLoc(), getOperationName()};
  auto inputType = rankedType(getInput());
  if (inputType.getRank() < 2)
    return emitOpError("input must have rank >= 2 ([N, C, ...]), got ")
           << formatShape(inputType.getShape());
  int64_t channels = inputType.getDimSize(1);
  if (channels == kDynamic)
    return emitOpError("the channel dim must be static");
  Type elementType = inputType.getElementType();
  if (failed(checkPerChannel(report, getScale(), "scale", channels,
                             elementType, false)) ||
      failed(checkPerChannel(report, getBias(), "bias", channels, elementType,
                             false)) ||
      failed(checkPerChannel(report, getMean(), "mean", channels, elementType,
                             false)) ||
      failed(checkPerChannel(report, getVar(), "var", channels, elementType,
                             false)))
    return failure();
  if (getEpsilon().isNegative() || getEpsilon().isNaN())
    return emitOpError("epsilon must be >= 0");
  return success();
}

LogicalResult LRNOp::verify() {
  if (getType().getRank() < 3)
    return emitOpError("input must have rank >= 3 ([N, C, ...]), got ")
           << formatShape(getType().getShape());
  if (getSize() < 1)
    return emitOpError("size must be >= 1, got ") << getSize();
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

static LogicalResult inferPoolType(const Reporter &report,
                                   RankedTensorType inputType,
                                   ArrayRef<int64_t> kernel,
                                   ArrayRef<int64_t> strides,
                                   ArrayRef<int64_t> pads,
                                   ArrayRef<int64_t> dilations, bool ceilMode,
                                   SmallVectorImpl<Type> &results) {
  if (failed(checkRank4(report, "input", inputType)) ||
      failed(checkWindowAttrs(report, strides, pads, dilations)))
    return failure();
  if (kernel.size() != 2 ||
      llvm::any_of(kernel, [](int64_t k) { return k < 1; }))
    return report("kernel_shape must have 2 entries >= 1, got " +
                  formatList(kernel));
  for (int i = 0; i < 2; ++i)
    if (pads[i] >= kernel[i] * dilations[i] ||
        pads[2 + i] >= kernel[i] * dilations[i])
      return report("pads " + formatList(pads) +
                    " must be smaller than the window " + formatList(kernel));
  FailureOr<RankedTensorType> type =
      inferWindowType(report, inputType, inputType.getDimSize(1), kernel,
                      strides, pads, dilations, ceilMode);
  if (failed(type))
    return failure();
  results.push_back(*type);
  return success();
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &results) {
  SmallVector<int64_t> ones = {1, 1}, zeroPads(4, 0);
  return inferPoolType(
      Reporter{loc, getOperationName()}, rankedType(adaptor.getInput()),
      adaptor.getKernelShape(),
      adaptor.getStridesAttr() ? adaptor.getStrides() : ArrayRef(ones),
      adaptor.getPadsAttr() ? adaptor.getPads() : ArrayRef(zeroPads),
      adaptor.getDilationsAttr() ? adaptor.getDilations() : ArrayRef(ones),
      adaptor.getCeilModeAttr() ? adaptor.getCeilMode() : false, results);
}

LogicalResult AvgPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &results) {
  SmallVector<int64_t> ones = {1, 1}, zeroPads(4, 0);
  return inferPoolType(
      Reporter{loc, getOperationName()}, rankedType(adaptor.getInput()),
      adaptor.getKernelShape(),
      adaptor.getStridesAttr() ? adaptor.getStrides() : ArrayRef(ones),
      adaptor.getPadsAttr() ? adaptor.getPads() : ArrayRef(zeroPads), ones,
      adaptor.getCeilModeAttr() ? adaptor.getCeilMode() : false, results);
}

static LogicalResult inferGlobalPoolType(std::optional<Location> loc,
                                         StringRef opName, Value input,
                                         SmallVectorImpl<Type> &results) {
  auto inputType = rankedType(input);
  if (inputType.getRank() < 3)
    return emitOptionalError(loc, "'", opName,
                             "' op input must have rank >= 3, got ",
                             formatShape(inputType.getShape()));
  SmallVector<int64_t> shape(inputType.getShape().take_front(2));
  shape.append(inputType.getRank() - 2, 1);
  results.push_back(RankedTensorType::get(shape, inputType.getElementType()));
  return success();
}

LogicalResult GlobalAvgPoolOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &results) {
  return inferGlobalPoolType(loc, getOperationName(), adaptor.getInput(),
                             results);
}

LogicalResult GlobalMaxPoolOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &results) {
  return inferGlobalPoolType(loc, getOperationName(), adaptor.getInput(),
                             results);
}
