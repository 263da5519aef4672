//===- ConvAsMatmul.cpp - An ungrouped convolution as one GEMM ------------===//
//
// rect.conv with group = 1 lowers to one matrix product over the batch:
//
//   %p   = zero padding of the input (linalg.fill + a copy into the interior)
//   %col = [C, kh, kw, N, OH, OW]: one generic gathering every window tap
//          from %p through an affine input map, viewed as [C*kh*kw, N*OH*OW]
//          (strided windows: one copy per tap from its strided view of
//          %p, see WindowTaps.h)
//   %acc = linalg.fill 0                                 : [F, N*OH*OW]
//   %mm  = linalg.matmul ins(W : [F, C*kh*kw], %col) outs(%acc)
//   %y   = linalg.generic {parallel, parallel} (+ bias, + residual, act)
//   %out = linalg.generic: [F, N, OH, OW] -> [N, F, OH, OW]
//
// The matmul and its 2-D epilogue have the shape the CPU back end tiles into
// register tiles with the epilogue applied to the accumulator (the schedule
// of rect.linear): M = F, N = N*OH*OW, K = C*kh*kw. Keeping the batch inside
// the GEMM (rather than a loop over images) keeps every op's shape in the
// linalg ops themselves. A 1x1 convolution with unit strides and no padding
// only transposes the input to [C, N*H*W]; the final transpose moves whole
// OH*OW planes, so both are contiguous copies.
//
//===----------------------------------------------------------------------===//

#include "ConvLowering.h"
#include "ConvPadding.h"
#include "Utils.h"
#include "WindowTaps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace rectify::rect_to_linalg;

namespace {

/// `value` [A, B, ...] as [B, A, ...] (the two leading dims swapped): a
/// reshape when A or B is 1 (a batch of one image), else a copying generic.
Value swapLeadingDims(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  unsigned rank = type.getRank();
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  std::swap(sizes[0], sizes[1]);
  if (type.getDimSize(0) == 1 || type.getDimSize(1) == 1) {
    SmallVector<ReassociationIndices> leadingPair = {{0, 1}};
    for (unsigned d = 2; d < rank; ++d)
      leadingPair.push_back({d});
    return expand(b, loc, collapse(b, loc, value, leadingPair), sizes,
                  leadingPair);
  }
  Value init = tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
  SmallVector<AffineExpr> swapped;
  for (unsigned d = 0; d < rank; ++d)
    swapped.push_back(b.getAffineDimExpr(d));
  std::swap(swapped[0], swapped[1]);
  SmallVector<AffineMap> maps = {
      AffineMap::get(rank, 0, swapped, b.getContext()),
      AffineMap::getMultiDimIdentityMap(rank, b.getContext())};
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{value},
             ValueRange{init}, maps,
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             [](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, args[0]);
             })
      .getResult(0);
}

/// The [C*kh*kw, N*OH*OW] matrix whose column (n, y, x) holds the window of
/// output position (y, x) of image n of the padded input [N, C, Hp, Wp]. One
/// generic whose input map reads padded[n, c, y*sh + i*dh, x*sw + j*dw]: an
/// affine access (no tensor.extract), so the back end tiles and vectorizes
/// it like any elementwise copy.
Value buildColumns(OpBuilder &b, Location loc, Value padded, int64_t kh,
                   int64_t kw, const WindowGeometry &window, int64_t outH,
                   int64_t outW) {
  auto type = cast<RankedTensorType>(padded.getType());
  int64_t channels = type.getDimSize(1);
  Value init = tensor::EmptyOp::create(
      b, loc,
      {b.getIndexAttr(channels), b.getIndexAttr(kh), b.getIndexAttr(kw),
       tensor::getMixedSize(b, loc, padded, 0), b.getIndexAttr(outH),
       b.getIndexAttr(outW)},
      type.getElementType());
  MLIRContext *ctx = b.getContext();
  AffineExpr c, i, j, n, y, x;
  bindDims(ctx, c, i, j, n, y, x);
  AffineMap window6 = AffineMap::get(
      6, 0,
      {n, c, y * window.strides[0] + i * window.dilations[0],
       x * window.strides[1] + j * window.dilations[1]},
      ctx);
  Value columns =
      linalg::GenericOp::create(
          b, loc, TypeRange{init.getType()}, ValueRange{padded},
          ValueRange{init},
          SmallVector<AffineMap>{window6,
                                 AffineMap::getMultiDimIdentityMap(6, ctx)},
          SmallVector<utils::IteratorType>(6, utils::IteratorType::parallel),
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            linalg::YieldOp::create(nb, nl, args[0]);
          })
          .getResult(0);
  return collapse(b, loc, columns, {{0, 1, 2}, {3, 4, 5}});
}

/// buildColumns for a strided window: the taps are strided views of the
/// padded input (WindowTaps), each copied into its [C, N, OH, OW] plane of
/// the [C, kh, kw, N, OH, OW] columns.
Value buildStridedColumns(OpBuilder &b, Location loc, Value input,
                          int64_t kh, int64_t kw,
                          const WindowGeometry &window, int64_t outH,
                          int64_t outW) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t channels = type.getDimSize(1);
  MLIRContext *ctx = b.getContext();
  WindowTaps taps(b, loc, input, window.pads, 0.0, {outH, outW},
                  window.strides, window.dilations);
  OpFoldResult batch = tensor::getMixedSize(b, loc, input, 0);
  Value columns = tensor::EmptyOp::create(
      b, loc,
      {b.getIndexAttr(channels), b.getIndexAttr(kh), b.getIndexAttr(kw), batch,
       b.getIndexAttr(outH), b.getIndexAttr(outW)},
      type.getElementType());
  auto planeType = RankedTensorType::get(
      {channels, type.getDimSize(0), outH, outW}, type.getElementType());
  AffineExpr c, n, y, x;
  bindDims(ctx, c, n, y, x);
  SmallVector<AffineMap> maps = {AffineMap::get(4, 0, {n, c, y, x}, ctx),
                                 AffineMap::getMultiDimIdentityMap(4, ctx)};
  SmallVector<OpFoldResult> sizes = {
      b.getIndexAttr(channels), b.getIndexAttr(1),    b.getIndexAttr(1),
      batch,                    b.getIndexAttr(outH), b.getIndexAttr(outW)};
  SmallVector<OpFoldResult> unit(6, b.getIndexAttr(1));
  for (int64_t i = 0; i < kh; ++i)
    for (int64_t j = 0; j < kw; ++j) {
      SmallVector<OpFoldResult> offsets = {
          b.getIndexAttr(0), b.getIndexAttr(i), b.getIndexAttr(j),
          b.getIndexAttr(0), b.getIndexAttr(0), b.getIndexAttr(0)};
      Value plane = tensor::ExtractSliceOp::create(b, loc, planeType, columns,
                                                   offsets, sizes, unit);
      Value copied =
          linalg::GenericOp::create(
              b, loc, TypeRange{planeType}, ValueRange{taps.tap(b, loc, i, j)},
              ValueRange{plane}, maps,
              SmallVector<utils::IteratorType>(4,
                                               utils::IteratorType::parallel),
              [](OpBuilder &nb, Location nl, ValueRange args) {
                linalg::YieldOp::create(nb, nl, args[0]);
              })
              .getResult(0);
      columns = tensor::InsertSliceOp::create(b, loc, copied, columns, offsets,
                                              sizes, unit);
    }
  return collapse(b, loc, columns, {{0, 1, 2}, {3, 4, 5}});
}

} // namespace

Value rectify::rect_to_linalg::buildConvAsMatmul(
    OpBuilder &b, Location loc, Value input, Value weight,
    const WindowGeometry &window, const ConvEpilogue &epilogue,
    RankedTensorType resultType) {
  auto weightType = cast<RankedTensorType>(weight.getType());
  Type elementType = resultType.getElementType();
  int64_t filters = weightType.getDimSize(0);
  int64_t kh = weightType.getDimSize(2), kw = weightType.getDimSize(3);
  int64_t outH = resultType.getDimSize(2), outW = resultType.getDimSize(3);
  bool direct = kh == 1 && kw == 1 &&
                llvm::all_of(window.strides, [](int64_t s) { return s == 1; }) &&
                llvm::all_of(window.pads, [](int64_t p) { return p == 0; });
  OpFoldResult batch = tensor::getMixedSize(b, loc, input, 0);

  Value matrix = collapse(b, loc, weight, {{0}, {1, 2, 3}});
  bool strided =
      llvm::any_of(window.strides, [](int64_t s) { return s > 1; });
  Value columns =
      direct    ? collapse(b, loc, swapLeadingDims(b, loc, input),
                           {{0}, {1, 2, 3}})
      : strided ? buildStridedColumns(b, loc, input, kh, kw, window, outH, outW)
                : buildColumns(b, loc,
                               padByCopy(b, loc, input, window.pads, 0.0), kh,
                               kw, window, outH, outW);
  OpFoldResult pixels = multiplySizes(
      b, loc, {batch, b.getIndexAttr(outH), b.getIndexAttr(outW)});
  Value acc = createFilledTensor(b, loc, {b.getIndexAttr(filters), pixels},
                                 elementType, 0.0);
  Value product = linalg::MatmulOp::create(b, loc, TypeRange{acc.getType()},
                                           ValueRange{matrix, columns},
                                           ValueRange{acc})
                      .getResult(0);
  ConvEpilogue matrixEpilogue = epilogue;
  if (epilogue.residual)
    matrixEpilogue.residual = collapse(
        b, loc, swapLeadingDims(b, loc, epilogue.residual), {{0}, {1, 2, 3}});
  Value result = buildChannelEpilogue(b, loc, product, /*channelDim=*/0,
                                      matrixEpilogue);
  Value planes = expand(b, loc, result,
                        {b.getIndexAttr(filters), batch, b.getIndexAttr(outH),
                         b.getIndexAttr(outW)},
                        {{0}, {1, 2, 3}});
  return swapLeadingDims(b, loc, planes);
}
