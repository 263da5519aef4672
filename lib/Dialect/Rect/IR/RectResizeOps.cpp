//===- RectResizeOps.cpp - Resampling ops ---------------------------------===//
//
// Result type inference and verifier of rect.resize (RectResizeOps.td).
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <cmath>

using namespace mlir;
using namespace rectify::rect;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

/// The extent `end - start` of the crop of dim `dim` (1 without a roi).
static double cropExtent(std::optional<ArrayRef<double>> roi, int64_t dim,
                         int64_t rank) {
  if (!roi)
    return 1.0;
  return (*roi)[dim + rank] - (*roi)[dim];
}

LogicalResult ResizeOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  auto type = cast<RankedTensorType>(adaptor.getInput().getType());
  int64_t rank = type.getRank();
  ArrayRef<double> scales = adaptor.getScales();
  std::optional<ArrayRef<int64_t>> sizes = adaptor.getSizes();
  std::optional<ArrayRef<double>> roi = adaptor.getRoi();
  auto fail = [&](auto &&...args) {
    return emitOptionalError(loc, "'", getOperationName(), "' op ", args...);
  };
  if (static_cast<int64_t>(scales.size()) != rank)
    return fail("has ", scales.size(), " scales for rank ", rank);
  if (sizes && static_cast<int64_t>(sizes->size()) != rank)
    return fail("has ", sizes->size(), " sizes for rank ", rank);
  if (roi && static_cast<int64_t>(roi->size()) != 2 * rank)
    return fail("roi has ", roi->size(), " entries, expected ", 2 * rank,
                " (starts then ends)");
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    double scale = scales[d];
    if (!(scale > 0.0) || !std::isfinite(scale))
      return fail("scale ", scale, " of dim ", d, " must be positive");
    int64_t in = type.getDimSize(d);
    if (in == kDynamic) {
      if (sizes && (*sizes)[d] != -1)
        return fail("size of dynamic dim ", d, " must be -1");
      shape.push_back(kDynamic);
      continue;
    }
    int64_t out =
        sizes ? (*sizes)[d]
              : static_cast<int64_t>(std::floor(
                    static_cast<double>(in) * cropExtent(roi, d, rank) *
                    scale));
    if (out < 1)
      return fail("resizes dim ", d, " of size ", in, " to ", out, " elements");
    shape.push_back(out);
  }
  results.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

LogicalResult ResizeOp::verify() {
  bool crop = getCoordinates() == ResizeCoordinates::tf_crop_and_resize;
  if (crop != getRoi().has_value())
    return emitOpError(crop ? "tf_crop_and_resize needs a roi"
                            : "a roi is only used by tf_crop_and_resize");
  RankedTensorType type = getInput().getType();
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d) && !isCopiedDim(d))
      return emitOpError("dynamic dim ")
             << d << " can only be copied (scale 1 and an identity mapping)";
  return success();
}

bool ResizeOp::isCopiedDim(int64_t dim) {
  if (getInput().getType().getDimSize(dim) !=
          getOutput().getType().getDimSize(dim) ||
      getScales()[dim] != 1.0)
    return false;
  switch (getCoordinates()) {
  case ResizeCoordinates::tf_half_pixel_for_nn:
    // i + 0.5 rounds back to i only when halves round down.
    return getMode() == ResizeMode::nearest &&
           (getNearestMode() == NearestMode::round_prefer_floor ||
            getNearestMode() == NearestMode::floor);
  case ResizeCoordinates::tf_crop_and_resize: {
    int64_t rank = getInput().getType().getRank();
    ArrayRef<double> roi = *getRoi();
    return roi[dim] == 0.0 && roi[dim + rank] == 1.0;
  }
  default:
    return true;
  }
}

double ResizeOp::getResizedLength(int64_t dim) {
  if (std::optional<ArrayRef<int64_t>> sizes = getSizes())
    return static_cast<double>((*sizes)[dim]);
  return static_cast<double>(getInput().getType().getDimSize(dim)) *
         getScales()[dim];
}
