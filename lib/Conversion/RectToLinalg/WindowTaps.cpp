//===- WindowTaps.cpp - Views of a window's taps ------------------------===//

#include "WindowTaps.h"

#include "ConvPadding.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace rectify::rect_to_linalg;

WindowTaps::WindowTaps(OpBuilder &b, Location loc, Value input,
                       ArrayRef<int64_t> pads, double padValue,
                       ArrayRef<int64_t> outputSize,
                       ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations)
    : outH(outputSize[0]), outW(outputSize[1]), strides(strides),
      dilations(dilations) {
  source = padByCopy(b, loc, input, pads, padValue);
}

Value WindowTaps::tap(OpBuilder &b, Location loc, int64_t i, int64_t j) const {
  auto type = cast<RankedTensorType>(source.getType());
  int64_t top = i * dilations[0], left = j * dilations[1];
  OpFoldResult batch = tensor::getMixedSize(b, loc, source, 0);
  auto viewType = RankedTensorType::get(
      {type.getDimSize(0), type.getDimSize(1), outH, outW},
      type.getElementType());
  SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0), b.getIndexAttr(0),
                                       b.getIndexAttr(top),
                                       b.getIndexAttr(left)};
  SmallVector<OpFoldResult> sizes = {batch, b.getIndexAttr(type.getDimSize(1)),
                                     b.getIndexAttr(outH),
                                     b.getIndexAttr(outW)};
  SmallVector<OpFoldResult> steps = {b.getIndexAttr(1), b.getIndexAttr(1),
                                     b.getIndexAttr(strides[0]),
                                     b.getIndexAttr(strides[1])};
  return tensor::ExtractSliceOp::create(b, loc, viewType, source, offsets,
                                        sizes, steps);
}

SmallVector<Value> WindowTaps::all(OpBuilder &b, Location loc,
                                   ArrayRef<int64_t> kernel) const {
  SmallVector<Value> taps;
  for (int64_t i = 0; i < kernel[0]; ++i)
    for (int64_t j = 0; j < kernel[1]; ++j)
      taps.push_back(tap(b, loc, i, j));
  return taps;
}
