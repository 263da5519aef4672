//===- ConvOps.cpp - Conv, ConvTranspose, pooling and normalization -------===//
//
// Conv -> rect.conv, ConvTranspose -> rect.conv_transpose, BatchNormalization
// (inference) -> rect.batch_norm, MaxPool -> rect.max_pool, AveragePool ->
// rect.avg_pool, GlobalAveragePool/GlobalMaxPool -> rect.global_*_pool and
// LRN -> rect.lrn. Only 2-D windows (4-D NCHW inputs) are supported; `auto_pad`
// is resolved here into explicit [top, left, bottom, right] pads.
//
//===----------------------------------------------------------------------===//

#include "OpImporters.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/InputShapes.h"
#include "rectify/Import/ONNX/ShapeHelpers.h"

using namespace mlir;
using namespace rectify;

static RankedTensorType rankedType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

static std::string formatList(ArrayRef<int64_t> values) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleaveComma(values, os);
  os << "]";
  return text;
}

/// Python's floor division, which the ONNX reference uses for pads.
static int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/// The node's op type, for error messages.
static StringRef opType(NodeImporter &importer) {
  return importer.getNode().op_type();
}

/// Input 0 as a 4-D NCHW tensor.
static FailureOr<Value> getImageInput(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  if (rankedType(*input).getRank() != 4)
    return importer.emitError()
           << opType(importer)
           << ": only 2-D windows (4-D input [N, C, H, W]) are supported, got "
              "input of shape ["
           << formatShape(rankedType(*input).getShape()) << "]";
  return input;
}

/// The window attributes of a conv or pool, with auto_pad resolved.
struct Window {
  SmallVector<int64_t> kernel, strides, pads, dilations;
};

/// Reads kernel_shape (or takes `kernel` when known from a weight), strides,
/// pads, dilations and auto_pad for a 2-D window over `input`.
static FailureOr<Window> getWindow(NodeImporter &importer, Value input,
                                   ArrayRef<int64_t> kernel) {
  Window window;
  FailureOr<SmallVector<int64_t>> kernelShape =
      importer.getIntsAttr("kernel_shape", kernel);
  FailureOr<SmallVector<int64_t>> strides =
      importer.getIntsAttr("strides", {1, 1});
  FailureOr<SmallVector<int64_t>> pads =
      importer.getIntsAttr("pads", {0, 0, 0, 0});
  FailureOr<SmallVector<int64_t>> dilations =
      importer.getIntsAttr("dilations", {1, 1});
  FailureOr<std::string> autoPad = importer.getStringAttr("auto_pad", "NOTSET");
  if (failed(kernelShape) || failed(strides) || failed(pads) ||
      failed(dilations) || failed(autoPad))
    return failure();
  if (kernelShape->size() != 2)
    return importer.emitError()
           << opType(importer) << ": kernel_shape must have 2 entries, got "
           << formatList(*kernelShape);
  if (!kernel.empty() && ArrayRef<int64_t>(*kernelShape) != kernel)
    return importer.emitError()
           << opType(importer) << ": kernel_shape " << formatList(*kernelShape)
           << " differs from the weight's spatial shape " << formatList(kernel);
  if (strides->size() != 2 || pads->size() != 4 || dilations->size() != 2)
    return importer.emitError()
           << opType(importer)
           << ": strides and dilations need 2 entries and pads 4, got strides "
           << formatList(*strides) << ", pads " << formatList(*pads)
           << ", dilations " << formatList(*dilations);
  if (llvm::any_of(*strides, [](int64_t s) { return s < 1; }))
    return importer.emitError() << opType(importer) << ": strides "
                                << formatList(*strides) << " must be >= 1";
  window.kernel = *kernelShape;
  window.strides = *strides;
  window.pads = *pads;
  window.dilations = *dilations;

  if (*autoPad == "NOTSET")
    return window;
  if (*autoPad == "VALID") {
    window.pads.assign(4, 0);
    return window;
  }
  if (*autoPad != "SAME_UPPER" && *autoPad != "SAME_LOWER")
    return importer.emitError() << opType(importer) << ": unknown auto_pad '"
                                << *autoPad << "'";
  // SAME: output = ceil(input / stride); the odd pad goes at the end (UPPER)
  // or at the beginning (LOWER).
  for (int i = 0; i < 2; ++i) {
    int64_t size = rankedType(input).getDimSize(2 + i);
    if (ShapedType::isDynamic(size))
      return importer.emitError()
             << opType(importer) << ": auto_pad " << *autoPad
             << " needs static spatial dims";
    int64_t out = (size + window.strides[i] - 1) / window.strides[i];
    int64_t total = std::max<int64_t>(
        (out - 1) * window.strides[i] +
            (window.kernel[i] - 1) * window.dilations[i] + 1 - size,
        0);
    int64_t small = total / 2, large = total - small;
    window.pads[i] = *autoPad == "SAME_UPPER" ? small : large;
    window.pads[2 + i] = *autoPad == "SAME_UPPER" ? large : small;
  }
  return window;
}

static rect::ActivationAttr noActivation(NodeImporter &importer) {
  return rect::ActivationAttr::get(importer.getContext(),
                                   rect::ActivationKind::none);
}

//===----------------------------------------------------------------------===//
// Conv and ConvTranspose
//===----------------------------------------------------------------------===//

LogicalResult rectify::importConv(NodeImporter &importer) {
  FailureOr<Value> input = getImageInput(importer);
  if (failed(input))
    return failure();
  FailureOr<Value> weight = importer.getInput(1);
  if (failed(weight))
    return failure();
  if (rankedType(*weight).getRank() != 4)
    return importer.emitError()
           << "Conv: weight must be 4-D [F, C / group, kh, kw], got ["
           << formatShape(rankedType(*weight).getShape()) << "]";
  Value bias;
  if (importer.hasInput(2)) {
    FailureOr<Value> b = importer.getInput(2);
    if (failed(b))
      return failure();
    bias = *b;
  }
  FailureOr<int64_t> group = importer.getIntAttr("group", 1);
  if (failed(group))
    return failure();
  FailureOr<Window> window = getWindow(
      importer, *input, rankedType(*weight).getShape().drop_front(2));
  if (failed(window))
    return failure();
  OpBuilder &b = importer.getBuilder();
  FailureOr<Value> result = importer.create<rect::ConvOp>(
      input->getType(), *input, *weight, bias, /*residual=*/Value(),
      /*slope=*/Value(), b.getDenseI64ArrayAttr(window->strides),
      b.getDenseI64ArrayAttr(window->pads),
      b.getDenseI64ArrayAttr(window->dilations), b.getI64IntegerAttr(*group),
      noActivation(importer));
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

LogicalResult rectify::importConvTranspose(NodeImporter &importer) {
  FailureOr<Value> input = getImageInput(importer);
  if (failed(input))
    return failure();
  FailureOr<Value> weight = importer.getInput(1);
  if (failed(weight))
    return failure();
  auto weightType = rankedType(*weight);
  if (weightType.getRank() != 4)
    return importer.emitError()
           << "ConvTranspose: weight must be 4-D [C, F / group, kh, kw], got ["
           << formatShape(weightType.getShape()) << "]";
  Value bias;
  if (importer.hasInput(2)) {
    FailureOr<Value> b = importer.getInput(2);
    if (failed(b))
      return failure();
    bias = *b;
  }
  FailureOr<int64_t> group = importer.getIntAttr("group", 1);
  FailureOr<SmallVector<int64_t>> outputPadding =
      importer.getIntsAttr("output_padding", {0, 0});
  FailureOr<SmallVector<int64_t>> outputShape =
      importer.getIntsAttr("output_shape", {});
  FailureOr<std::string> autoPad = importer.getStringAttr("auto_pad", "NOTSET");
  if (failed(group) || failed(outputPadding) || failed(outputShape) ||
      failed(autoPad))
    return failure();
  if (outputPadding->size() != 2)
    return importer.emitError()
           << "ConvTranspose: output_padding must have 2 entries, got "
           << formatList(*outputPadding);
  // The window's own auto_pad rules are those of Conv; resolve them here.
  ArrayRef<int64_t> kernel = weightType.getShape().drop_front(2);
  FailureOr<SmallVector<int64_t>> kernelShape =
      importer.getIntsAttr("kernel_shape", kernel);
  FailureOr<SmallVector<int64_t>> strides =
      importer.getIntsAttr("strides", {1, 1});
  FailureOr<SmallVector<int64_t>> pads =
      importer.getIntsAttr("pads", {0, 0, 0, 0});
  FailureOr<SmallVector<int64_t>> dilations =
      importer.getIntsAttr("dilations", {1, 1});
  if (failed(kernelShape) || failed(strides) || failed(pads) ||
      failed(dilations))
    return failure();
  if (ArrayRef<int64_t>(*kernelShape) != kernel)
    return importer.emitError()
           << "ConvTranspose: kernel_shape " << formatList(*kernelShape)
           << " differs from the weight's spatial shape " << formatList(kernel);
  if (strides->size() != 2 || pads->size() != 4 || dilations->size() != 2)
    return importer.emitError()
           << "ConvTranspose: strides and dilations need 2 entries and pads "
              "4, got strides "
           << formatList(*strides) << ", pads " << formatList(*pads)
           << ", dilations " << formatList(*dilations);
  if (*autoPad != "NOTSET" && *autoPad != "VALID" &&
      *autoPad != "SAME_UPPER" && *autoPad != "SAME_LOWER")
    return importer.emitError()
           << "ConvTranspose: unknown auto_pad '" << *autoPad << "'";
  if (*autoPad == "VALID")
    pads->assign(4, 0);

  // An explicit output shape, or SAME's input * stride, fixes the pads.
  SmallVector<int64_t> target(outputShape->end() -
                                  std::min<size_t>(2, outputShape->size()),
                              outputShape->end());
  if (!outputShape->empty() && target.size() != 2)
    return importer.emitError()
           << "ConvTranspose: output_shape must give the 2 spatial sizes, got "
           << formatList(*outputShape);
  bool same = *autoPad == "SAME_UPPER" || *autoPad == "SAME_LOWER";
  if (target.empty() && same)
    for (int i = 0; i < 2; ++i)
      target.push_back(rankedType(*input).getDimSize(2 + i) * (*strides)[i]);
  if (!target.empty()) {
    for (int i = 0; i < 2; ++i) {
      int64_t size = rankedType(*input).getDimSize(2 + i);
      if (ShapedType::isDynamic(size))
        return importer.emitError()
               << "ConvTranspose: output_shape and auto_pad need static "
                  "spatial dims";
      int64_t total = (*strides)[i] * (size - 1) + (*outputPadding)[i] +
                      (kernel[i] - 1) * (*dilations)[i] + 1 - target[i];
      int64_t half = floorDiv(total, 2);
      (*pads)[i] = *autoPad == "SAME_UPPER" ? half : total - half;
      (*pads)[2 + i] = *autoPad == "SAME_UPPER" ? total - half : half;
    }
  }

  OpBuilder &b = importer.getBuilder();
  FailureOr<Value> result = importer.create<rect::ConvTransposeOp>(
      input->getType(), *input, *weight, bias, b.getDenseI64ArrayAttr(*strides),
      b.getDenseI64ArrayAttr(*pads), b.getDenseI64ArrayAttr(*dilations),
      b.getDenseI64ArrayAttr(*outputPadding), b.getI64IntegerAttr(*group));
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

//===----------------------------------------------------------------------===//
// BatchNormalization and LRN
//===----------------------------------------------------------------------===//

LogicalResult rectify::importBatchNormalization(NodeImporter &importer) {
  FailureOr<float> epsilon = importer.getFloatAttr("epsilon", 1e-5f);
  if (failed(epsilon))
    return failure();
  // Opsets 7-8: spatial=0 means per-element statistics.
  if (importer.getOpset() < 9) {
    FailureOr<int64_t> spatial = importer.getIntAttr("spatial", 1);
    if (failed(spatial))
      return failure();
    if (*spatial != 1)
      return importer.emitError()
             << "BatchNormalization: spatial=0 (per-element statistics) is "
                "not supported";
  }
  if (importer.getOpset() >= 14) {
    FailureOr<int64_t> training = importer.getIntAttr("training_mode", 0);
    if (failed(training))
      return failure();
    if (*training != 0)
      return importer.emitError() << "BatchNormalization: training_mode=1 is "
                                     "not supported (inference only)";
  }
  for (unsigned i = 1; i < 5; ++i)
    if (importer.isOutputUsed(i))
      return importer.emitError()
             << "BatchNormalization: output " << i << " ('"
             << importer.getNode().output(i)
             << "', a training statistic) is used; only inference is "
                "supported";
  SmallVector<Value, 5> operands;
  for (unsigned i = 0; i < 5; ++i) {
    FailureOr<Value> operand = importer.getInput(i);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  FailureOr<Value> result = importer.create<rect::BatchNormOp>(
      operands[0].getType(), operands[0], operands[1], operands[2],
      operands[3], operands[4], importer.getBuilder().getF32FloatAttr(*epsilon));
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

LogicalResult rectify::importLRN(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  if (!importer.getAttributes().has("size"))
    return importer.emitError() << "LRN: the size attribute is required";
  FailureOr<int64_t> size = importer.getIntAttr("size", 1);
  FailureOr<float> alpha = importer.getFloatAttr("alpha", 1e-4f);
  FailureOr<float> beta = importer.getFloatAttr("beta", 0.75f);
  FailureOr<float> bias = importer.getFloatAttr("bias", 1.0f);
  if (failed(size) || failed(alpha) || failed(beta) || failed(bias))
    return failure();
  OpBuilder &b = importer.getBuilder();
  FailureOr<Value> result = importer.create<rect::LRNOp>(
      input->getType(), *input, b.getI64IntegerAttr(*size),
      b.getF32FloatAttr(*alpha), b.getF32FloatAttr(*beta),
      b.getF32FloatAttr(*bias));
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

LogicalResult rectify::importMaxPool(NodeImporter &importer) {
  if (importer.isOutputUsed(1))
    return importer.emitError()
           << "MaxPool: the Indices output ('" << importer.getNode().output(1)
           << "') is not supported";
  FailureOr<Value> input = getImageInput(importer);
  if (failed(input))
    return failure();
  if (!importer.getAttributes().has("kernel_shape"))
    return importer.emitError() << "MaxPool: kernel_shape is required";
  FailureOr<Window> window = getWindow(importer, *input, {});
  FailureOr<int64_t> ceilMode = importer.getIntAttr("ceil_mode", 0);
  if (failed(window) || failed(ceilMode))
    return failure();
  OpBuilder &b = importer.getBuilder();
  FailureOr<Value> result = importer.create<rect::MaxPoolOp>(
      input->getType(), *input, b.getDenseI64ArrayAttr(window->kernel),
      b.getDenseI64ArrayAttr(window->strides),
      b.getDenseI64ArrayAttr(window->pads),
      b.getDenseI64ArrayAttr(window->dilations), b.getBoolAttr(*ceilMode != 0));
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

LogicalResult rectify::importAveragePool(NodeImporter &importer) {
  FailureOr<Value> input = getImageInput(importer);
  if (failed(input))
    return failure();
  if (!importer.getAttributes().has("kernel_shape"))
    return importer.emitError() << "AveragePool: kernel_shape is required";
  FailureOr<Window> window = getWindow(importer, *input, {});
  FailureOr<int64_t> ceilMode = importer.getIntAttr("ceil_mode", 0);
  FailureOr<int64_t> countIncludePad =
      importer.getIntAttr("count_include_pad", 0);
  if (failed(window) || failed(ceilMode) || failed(countIncludePad))
    return failure();
  if (llvm::any_of(window->dilations, [](int64_t d) { return d != 1; }))
    return importer.emitError()
           << "AveragePool: dilations " << formatList(window->dilations)
           << " are not supported";
  OpBuilder &b = importer.getBuilder();
  FailureOr<Value> result = importer.create<rect::AvgPoolOp>(
      input->getType(), *input, b.getDenseI64ArrayAttr(window->kernel),
      b.getDenseI64ArrayAttr(window->strides),
      b.getDenseI64ArrayAttr(window->pads), b.getBoolAttr(*ceilMode != 0),
      b.getBoolAttr(*countIncludePad != 0));
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

LogicalResult rectify::importGlobalPool(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<Value> result =
      opType(importer) == "GlobalMaxPool"
          ? importer.create<rect::GlobalMaxPoolOp>(input->getType(), *input)
          : importer.create<rect::GlobalAvgPoolOp>(input->getType(), *input);
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}
