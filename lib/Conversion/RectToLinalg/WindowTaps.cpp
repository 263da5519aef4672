//===- WindowTaps.cpp - Unit-stride views of a window's taps --------------===//

#include "WindowTaps.h"

#include "ConvPadding.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace rectify::rect_to_linalg;

namespace {

/// `padded` [N, C, Hp, Wp] (Hp, Wp multiples of the strides) split into its
/// stride phases [N, C, sh, sw, Hp / sh, Wp / sw]: one generic reading
/// padded[n, c, y * sh + a, x * sw + b].
Value splitPhases(OpBuilder &b, Location loc, Value padded,
                  ArrayRef<int64_t> strides) {
  auto type = cast<RankedTensorType>(padded.getType());
  MLIRContext *ctx = b.getContext();
  Value init = tensor::EmptyOp::create(
      b, loc,
      {tensor::getMixedSize(b, loc, padded, 0),
       b.getIndexAttr(type.getDimSize(1)), b.getIndexAttr(strides[0]),
       b.getIndexAttr(strides[1]),
       b.getIndexAttr(type.getDimSize(2) / strides[0]),
       b.getIndexAttr(type.getDimSize(3) / strides[1])},
      type.getElementType());
  AffineExpr n, c, ph, pw, y, x;
  bindDims(ctx, n, c, ph, pw, y, x);
  AffineMap read =
      AffineMap::get(6, 0, {n, c, y * strides[0] + ph, x * strides[1] + pw},
                     ctx);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{padded},
             ValueRange{init},
             SmallVector<AffineMap>{read,
                                    AffineMap::getMultiDimIdentityMap(6, ctx)},
             SmallVector<utils::IteratorType>(6, utils::IteratorType::parallel),
             [](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, args[0]);
             })
      .getResult(0);
}

} // namespace

WindowTaps::WindowTaps(OpBuilder &b, Location loc, Value input,
                       ArrayRef<int64_t> pads, double padValue,
                       ArrayRef<int64_t> outputSize,
                       ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations)
    : outH(outputSize[0]), outW(outputSize[1]), strides(strides),
      dilations(dilations) {
  phased = strides[0] > 1 || strides[1] > 1;
  SmallVector<int64_t> allPads(pads);
  if (phased) {
    // Round the padded extents up to multiples of the strides; the extra
    // rows and columns are never read.
    auto type = cast<RankedTensorType>(input.getType());
    for (int d = 0; d < 2; ++d) {
      int64_t extent = type.getDimSize(2 + d) + pads[d] + pads[2 + d];
      allPads[2 + d] += llvm::alignTo(extent, strides[d]) - extent;
    }
  }
  source = padByCopy(b, loc, input, allPads, padValue);
  if (phased)
    source = splitPhases(b, loc, source, strides);
}

Value WindowTaps::tap(OpBuilder &b, Location loc, int64_t i, int64_t j) const {
  auto type = cast<RankedTensorType>(source.getType());
  int64_t top = i * dilations[0], left = j * dilations[1];
  OpFoldResult batch = tensor::getMixedSize(b, loc, source, 0);
  IntegerAttr channels = b.getIndexAttr(type.getDimSize(1));
  auto viewType = RankedTensorType::get(
      {type.getDimSize(0), type.getDimSize(1), outH, outW},
      type.getElementType());
  SmallVector<OpFoldResult> offsets, sizes;
  if (phased) {
    offsets = {b.getIndexAttr(0),
               b.getIndexAttr(0),
               b.getIndexAttr(top % strides[0]),
               b.getIndexAttr(left % strides[1]),
               b.getIndexAttr(top / strides[0]),
               b.getIndexAttr(left / strides[1])};
    sizes = {batch,           channels,
             b.getIndexAttr(1), b.getIndexAttr(1),
             b.getIndexAttr(outH), b.getIndexAttr(outW)};
  } else {
    offsets = {b.getIndexAttr(0), b.getIndexAttr(0), b.getIndexAttr(top),
               b.getIndexAttr(left)};
    sizes = {batch, channels, b.getIndexAttr(outH), b.getIndexAttr(outW)};
  }
  SmallVector<OpFoldResult> unit(offsets.size(), b.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(b, loc, viewType, source, offsets,
                                        sizes, unit);
}

SmallVector<Value> WindowTaps::all(OpBuilder &b, Location loc,
                                   ArrayRef<int64_t> kernel) const {
  SmallVector<Value> taps;
  for (int64_t i = 0; i < kernel[0]; ++i)
    for (int64_t j = 0; j < kernel[1]; ++j)
      taps.push_back(tap(b, loc, i, j));
  return taps;
}
