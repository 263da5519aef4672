//===- ResizeOps.cpp - Resize and Upsample importers ----------------------===//
//
// ONNX Resize (opsets 10, 11, 13, 18, 19) and Upsample (7, 9) become
// rect.resize. The scales, sizes and roi must be known at import: constants
// or folded shape sub-graphs, where a size equal to the dynamic batch keeps
// that dim. A `sizes` input fixes the output shape and makes each scale
// `size / input size` (after keep_aspect_ratio_policy); `scales` gives the
// output size `floor(input size * scale)`.
//
//===----------------------------------------------------------------------===//

#include "OpImporters.h"
#include "ShapeFolding.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include <cmath>

using namespace mlir;
using namespace rectify;

namespace {

/// What a Resize or Upsample node asks for, in rect.resize's terms.
struct ResizeRequest {
  rect::ResizeMode mode = rect::ResizeMode::nearest;
  rect::ResizeCoordinates coordinates = rect::ResizeCoordinates::half_pixel;
  rect::NearestMode nearestMode = rect::NearestMode::round_prefer_floor;
  SmallVector<double> scales;
  std::optional<SmallVector<int64_t>> sizes;
  std::optional<SmallVector<double>> roi;
  float extrapolationValue = 0.0f;
  float cubicCoeffA = -0.75f;
  bool excludeOutside = false;
};

/// Starts an error at the node (whose location names it): "<op>: ...".
InFlightDiagnostic fail(NodeImporter &importer) {
  InFlightDiagnostic diag = importer.emitError();
  diag << importer.getNode().op_type() << ": ";
  return diag;
}

FailureOr<rect::ResizeMode> parseMode(NodeImporter &importer,
                                      StringRef mode) {
  if (mode == "nearest")
    return rect::ResizeMode::nearest;
  bool isUpsample = importer.getNode().op_type() == "Upsample";
  // Upsample-7 still accepts the "bilinear" spelling of Upsample-1.
  if (mode == "linear" || (mode == "bilinear" && isUpsample))
    return rect::ResizeMode::linear;
  if (mode == "cubic" && !isUpsample && importer.getOpset() >= 11)
    return rect::ResizeMode::cubic;
  return fail(importer) << "mode \"" << mode << "\" is not supported";
}

FailureOr<rect::ResizeCoordinates> parseCoordinates(NodeImporter &importer,
                                                    StringRef name) {
  std::optional<rect::ResizeCoordinates> coordinates =
      rect::symbolizeResizeCoordinates(name);
  if (!coordinates ||
      (*coordinates == rect::ResizeCoordinates::half_pixel_symmetric &&
       importer.getOpset() < 19) ||
      (*coordinates == rect::ResizeCoordinates::tf_half_pixel_for_nn &&
       importer.getOpset() >= 13))
    return fail(importer) << "coordinate_transformation_mode \"" << name
                          << "\" is not defined at opset "
                          << importer.getOpset();
  return *coordinates;
}

/// A float input (scales, roi) as doubles; empty when absent or empty.
FailureOr<SmallVector<double>> getFloatParameter(NodeImporter &importer,
                                                 unsigned index,
                                                 StringRef what) {
  if (!importer.hasInput(index))
    return SmallVector<double>();
  std::optional<FoldedTensor> folded = getFoldedInput(importer, index);
  if (!folded || (folded->size() != 0 && !folded->isFloat()))
    return fail(importer) << what << " (input '"
                          << importer.getNode().input(index)
                          << "') must be a float constant";
  return SmallVector<double>(folded->floats);
}

/// The node's attributes other than the scales, sizes and roi.
LogicalResult readAttributes(NodeImporter &importer, ResizeRequest &request) {
  bool isResize = importer.getNode().op_type() == "Resize";
  int64_t opset = importer.getOpset();
  FailureOr<std::string> mode = importer.getStringAttr("mode", "nearest");
  if (failed(mode))
    return failure();
  FailureOr<rect::ResizeMode> parsedMode = parseMode(importer, *mode);
  if (failed(parsedMode))
    return failure();
  request.mode = *parsedMode;
  // Upsample and Resize-10 map coordinates asymmetrically and take the floor.
  if (!isResize || opset < 11) {
    request.coordinates = rect::ResizeCoordinates::asymmetric;
    request.nearestMode = rect::NearestMode::floor;
    return success();
  }
  FailureOr<std::string> coordinates =
      importer.getStringAttr("coordinate_transformation_mode", "half_pixel");
  FailureOr<std::string> nearest =
      importer.getStringAttr("nearest_mode", "round_prefer_floor");
  FailureOr<float> extrapolation =
      importer.getFloatAttr("extrapolation_value", 0.0f);
  FailureOr<float> cubicA = importer.getFloatAttr("cubic_coeff_a", -0.75f);
  FailureOr<int64_t> exclude = importer.getIntAttr("exclude_outside", 0);
  if (failed(coordinates) || failed(nearest) || failed(extrapolation) ||
      failed(cubicA) || failed(exclude))
    return failure();
  FailureOr<rect::ResizeCoordinates> parsedCoordinates =
      parseCoordinates(importer, *coordinates);
  if (failed(parsedCoordinates))
    return failure();
  std::optional<rect::NearestMode> nearestMode =
      rect::symbolizeNearestMode(*nearest);
  if (!nearestMode)
    return fail(importer) << "nearest_mode \"" << *nearest
                          << "\" is not supported";
  request.coordinates = *parsedCoordinates;
  request.nearestMode = *nearestMode;
  request.extrapolationValue = *extrapolation;
  request.cubicCoeffA = *cubicA;
  request.excludeOutside = *exclude != 0;
  return success();
}

/// The axes the scales and sizes refer to (opset 18's `axes`, else all).
FailureOr<SmallVector<int64_t>> readAxes(NodeImporter &importer,
                                         int64_t rank) {
  SmallVector<int64_t> all = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  if (importer.getOpset() < 18 || !importer.getAttributes().has("axes"))
    return all;
  FailureOr<SmallVector<int64_t>> axes = importer.getIntsAttr("axes");
  if (failed(axes))
    return failure();
  SmallVector<bool> seen(rank, false);
  for (int64_t &axis : *axes) {
    if (axis < -rank || axis >= rank)
      return fail(importer) << "axis " << axis << " is out of range for rank "
                            << rank;
    if (axis < 0)
      axis += rank;
    if (seen[axis])
      return fail(importer) << "axis " << axis << " is repeated";
    seen[axis] = true;
  }
  return *axes;
}

/// Fills the request's scales (and sizes) from a `sizes` input over `axes`,
/// applying keep_aspect_ratio_policy.
LogicalResult readSizes(NodeImporter &importer, unsigned index,
                        ArrayRef<int64_t> shape, ArrayRef<int64_t> axes,
                        ResizeRequest &request) {
  std::optional<FoldedTensor> folded = getFoldedInput(importer, index);
  if (!folded || folded->isFloat())
    return fail(importer) << "sizes (input '" << importer.getNode().input(index)
                          << "') must be an integer constant";
  if (folded->size() != static_cast<int64_t>(axes.size()))
    return fail(importer) << "sizes has " << folded->size()
                          << " entries for " << axes.size() << " axes";
  FailureOr<std::string> policy =
      importer.getStringAttr("keep_aspect_ratio_policy", "stretch");
  if (failed(policy))
    return failure();
  if (*policy != "stretch" && *policy != "not_larger" &&
      *policy != "not_smaller")
    return fail(importer) << "keep_aspect_ratio_policy \"" << *policy
                          << "\" is not supported";
  SmallVector<int64_t> sizes(shape);
  for (int64_t &size : sizes)
    if (size == ShapedType::kDynamic)
      size = -1;
  request.scales.assign(shape.size(), 1.0);
  // A dynamic dim may only be asked for as itself (the batch, c = 1).
  for (auto [i, axis] : llvm::enumerate(axes)) {
    bool dynamic = shape[axis] == ShapedType::kDynamic;
    bool symbolic = folded->isSymbolic(i);
    if (dynamic && symbolic && folded->batch[i] == 1)
      continue;
    if (dynamic || symbolic)
      return fail(importer) << "cannot resize dim " << axis
                            << ", whose size is only known at run time";
    if (folded->ints[i] < 1)
      return fail(importer) << "size " << folded->ints[i] << " of dim "
                            << axis << " must be positive";
    sizes[axis] = folded->ints[i];
    request.scales[axis] = static_cast<double>(folded->ints[i]) /
                           static_cast<double>(shape[axis]);
  }
  if (*policy != "stretch") {
    // One scale for every axis: the smallest (not_larger) or largest
    // (not_smaller) of the requested ones; sizes rounded half up.
    double scale = request.scales[axes.front()];
    for (int64_t axis : axes)
      scale = *policy == "not_larger" ? std::min(scale, request.scales[axis])
                                      : std::max(scale, request.scales[axis]);
    for (int64_t axis : axes) {
      if (shape[axis] == ShapedType::kDynamic)
        continue;
      request.scales[axis] = scale;
      sizes[axis] = static_cast<int64_t>(
          std::floor(scale * static_cast<double>(shape[axis]) + 0.5));
    }
  }
  request.sizes = std::move(sizes);
  return success();
}

/// Fills the request's scales, sizes and roi from a Resize node's inputs.
LogicalResult readResizeInputs(NodeImporter &importer,
                               ArrayRef<int64_t> shape,
                               ResizeRequest &request) {
  int64_t rank = shape.size();
  int64_t opset = importer.getOpset();
  unsigned scalesIndex = opset < 11 ? 1 : 2;
  FailureOr<SmallVector<int64_t>> axes = readAxes(importer, rank);
  if (failed(axes))
    return failure();
  FailureOr<SmallVector<double>> scales =
      getFloatParameter(importer, scalesIndex, "scales");
  if (failed(scales))
    return failure();
  bool hasSizes = opset >= 11 && importer.hasInput(3);
  if (!scales->empty() && hasSizes)
    return fail(importer) << "only one of scales and sizes may be given";
  if (hasSizes) {
    if (failed(readSizes(importer, 3, shape, *axes, request)))
      return failure();
  } else {
    if (scales->size() != axes->size())
      return fail(importer) << "scales has " << scales->size()
                            << " entries for " << axes->size() << " axes";
    request.scales.assign(rank, 1.0);
    for (auto [axis, scale] : llvm::zip(*axes, *scales))
      request.scales[axis] = scale;
  }
  // Antialiasing widens the kernel of a downsampled dim; upsampling is
  // unaffected.
  FailureOr<int64_t> antialias = importer.getIntAttr("antialias", 0);
  if (failed(antialias))
    return failure();
  if (opset >= 18 && *antialias != 0 &&
      request.mode != rect::ResizeMode::nearest &&
      llvm::any_of(request.scales, [](double s) { return s < 1.0; }))
    return fail(importer) << "antialias=1 is not supported when downsampling";
  if (request.coordinates != rect::ResizeCoordinates::tf_crop_and_resize)
    return success();
  FailureOr<SmallVector<double>> roi = getFloatParameter(importer, 1, "roi");
  if (failed(roi))
    return failure();
  if (roi->size() != 2 * axes->size())
    return fail(importer) << "tf_crop_and_resize needs a roi of "
                          << 2 * axes->size() << " entries, got "
                          << roi->size();
  // Starts then ends over all dims; dims outside `axes` are kept whole.
  SmallVector<double> full(2 * rank, 0.0);
  for (int64_t d = 0; d < rank; ++d)
    full[d + rank] = 1.0;
  for (auto [i, axis] : llvm::enumerate(*axes)) {
    full[axis] = (*roi)[i];
    full[axis + rank] = (*roi)[i + axes->size()];
  }
  request.roi = std::move(full);
  return success();
}

/// Fills the request's scales from an Upsample node (attribute at opset 7,
/// input from 9 on).
LogicalResult readUpsampleScales(NodeImporter &importer, int64_t rank,
                                 ResizeRequest &request) {
  if (importer.getOpset() < 9) {
    llvm::Expected<SmallVector<float>> scales =
        importer.getAttributes().getFloats("scales");
    if (!scales)
      return fail(importer) << llvm::toString(scales.takeError());
    request.scales.assign(scales->begin(), scales->end());
  } else {
    FailureOr<SmallVector<double>> scales =
        getFloatParameter(importer, 1, "scales");
    if (failed(scales))
      return failure();
    request.scales = std::move(*scales);
  }
  if (static_cast<int64_t>(request.scales.size()) != rank)
    return fail(importer) << "scales has " << request.scales.size()
                          << " entries for rank " << rank;
  return success();
}

/// The rect.resize of `input` that `request` describes.
FailureOr<Value> createResize(NodeImporter &importer, Value input,
                              const ResizeRequest &request) {
  OpBuilder &b = importer.getBuilder();
  MLIRContext *context = importer.getContext();
  return importer.create<rect::ResizeOp>(
      input.getType(), input, b.getDenseF64ArrayAttr(request.scales),
      request.sizes ? b.getDenseI64ArrayAttr(*request.sizes)
                    : DenseI64ArrayAttr(),
      rect::ResizeModeAttr::get(context, request.mode),
      rect::ResizeCoordinatesAttr::get(context, request.coordinates),
      rect::NearestModeAttr::get(context, request.nearestMode),
      request.roi ? b.getDenseF64ArrayAttr(*request.roi) : DenseF64ArrayAttr(),
      b.getF32FloatAttr(request.extrapolationValue),
      b.getF32FloatAttr(request.cubicCoeffA),
      b.getBoolAttr(request.excludeOutside));
}

} // namespace

LogicalResult rectify::importResize(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  auto type = cast<RankedTensorType>(input->getType());
  ResizeRequest request;
  if (failed(readAttributes(importer, request)))
    return failure();
  LogicalResult read =
      importer.getNode().op_type() == "Resize"
          ? readResizeInputs(importer, type.getShape(), request)
          : readUpsampleScales(importer, type.getRank(), request);
  if (failed(read))
    return failure();
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d) && request.scales[d] != 1.0)
      return fail(importer) << "cannot resize dim " << d
                            << ", whose size is only known at run time "
                               "(scale "
                            << request.scales[d] << ")";
  // Resize-10 and Upsample round a downsampled dim's coordinate up and an
  // upsampled one's down (as onnxruntime does); nearest resizing is
  // separable, so the downsampled dims are resized first, then the others.
  bool legacy = importer.getNode().op_type() != "Resize" ||
                importer.getOpset() < 11;
  Value result = *input;
  if (legacy && request.mode == rect::ResizeMode::nearest &&
      llvm::any_of(request.scales, [](double s) { return s < 1.0; })) {
    ResizeRequest down = request;
    down.nearestMode = rect::NearestMode::ceil;
    for (double &scale : down.scales)
      scale = std::min(scale, 1.0);
    for (double &scale : request.scales)
      scale = std::max(scale, 1.0);
    FailureOr<Value> downsampled = createResize(importer, result, down);
    if (failed(downsampled))
      return failure();
    result = *downsampled;
    if (llvm::all_of(request.scales, [](double s) { return s == 1.0; }))
      return importer.setOutput(0, result);
  }
  FailureOr<Value> resized = createResize(importer, result, request);
  if (failed(resized))
    return failure();
  return importer.setOutput(0, *resized);
}
