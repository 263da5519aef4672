//===- RectFillOps.cpp - Constants sized by the dynamic batch -------------===//
//
// Verifier of rect.fill (RectFillOps.td).
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"

using namespace mlir;
using namespace rectify::rect;

LogicalResult FillOp::verify() {
  auto source = cast<RankedTensorType>(getSource().getType());
  int64_t dim = static_cast<int64_t>(getSourceDim());
  if (dim < 0 || dim >= source.getRank())
    return emitOpError("source_dim ")
           << dim << " is out of range for rank " << source.getRank();
  if (!source.isDynamicDim(dim))
    return emitOpError("source_dim ") << dim << " of the source is not dynamic";
  if (getMultiple() < 1)
    return emitOpError("multiple must be positive, got ") << getMultiple();
  if (getType().getNumDynamicDims() != 1)
    return emitOpError("the result must have exactly one dynamic dim, got ")
           << getType();
  return success();
}
