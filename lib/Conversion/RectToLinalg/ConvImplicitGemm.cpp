//===- ConvImplicitGemm.cpp - A convolution read in place, no im2col -----===//
//
// rect.conv with group = 1 and a constant weight lowers to a
// contraction that reads the padded input where it lies, with no window
// matrix (no im2col):
//
//   %p   = zero padding of the input                     : [N, C, Hp, Wp]
//   %w   = the weight as [kh, kw, C, F], transposed at compile time
//   %acc = linalg.fill 0                                 : [N, OH, OW, F]
//   %sum = linalg.generic (n, y, x, f | i, j, c)
//            %p[n, c, y*sh + i*dh, x*sw + j*dw] * %w[i, j, c, f]  -> %acc[n, y, x, f]
//   %out = linalg.generic (n, y, x, f): act(%sum + bias[f] + residual)
//            written to [N, F, OH, OW]
//
// The output channels are the innermost parallel dim, so the CPU back end
// holds a register tile of (output columns x channels) with the channels in
// the vector lanes, broadcasts input pixels and streams the weight rows, the
// schedule of a linear layer. The epilogue writes the NCHW result through a
// permuted map: one in-register transpose per tile, after the reduction.
//
//===----------------------------------------------------------------------===//

#include "ConvLowering.h"
#include "ConvPadding.h"
#include "Utils.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace rectify;
using namespace rectify::rect_to_linalg;

Value rectify::rect_to_linalg::transposedConstantWeight(OpBuilder &b,
                                                      Location loc,
                                                      Value weight) {
  ElementsAttr values;
  if (!matchPattern(weight, m_Constant(&values)))
    return {};
  auto type = cast<RankedTensorType>(weight.getType());
  if (!type.hasStaticShape())
    return {};
  auto transposedType = RankedTensorType::get(
      {type.getDimSize(2), type.getDimSize(3), type.getDimSize(1),
       type.getDimSize(0)},
      type.getElementType());
  ElementsAttr transposed =
      rect::transposeElements(values, {2, 3, 1, 0}, transposedType);
  if (!transposed)
    return {};
  return arith::ConstantOp::create(b, loc, cast<TypedAttr>(transposed));
}

/// Whether reading the input in place beats the GEMM over a window matrix
/// (ConvAsMatmul.cpp), from single-layer timings on the AVX-512 machine:
/// - the filters must fill whole vectors (a multiple of 16): a masked
///   channel tile made a 96->24 1x1 conv 10x slower;
/// - windows larger than one pixel, and strided ones, always gain (no
///   window matrix to write and read: 3x3 convs 1.1-1.6x faster);
/// - a 1x1 unit-stride conv only has its input and output to move: it gains
///   on small planes (7x7: 1.4-1.6x), where the GEMM's pixel vectors are
///   short, and with many input channels (C >= 256), but loses 10-30% on
///   large planes with few channels, whose output the GEMM writes as long
///   contiguous rows.
static bool prefersInPlace(int64_t channels, int64_t filters, int64_t kh,
                           int64_t kw, const WindowGeometry &window,
                           int64_t outH, int64_t outW) {
  if (filters % 16 != 0)
    return false;
  bool strided = llvm::any_of(window.strides, [](int64_t s) { return s > 1; });
  return kh * kw > 1 || strided || outH * outW <= 64 || channels >= 256;
}

Value rectify::rect_to_linalg::buildConvAsImplicitGemm(
    OpBuilder &b, Location loc, Value input, Value weight,
    const WindowGeometry &window, const ConvEpilogue &epilogue,
    RankedTensorType resultType) {
  auto shape = cast<RankedTensorType>(weight.getType()).getShape();
  if (!resultType.getElementType().isF32() ||
      !prefersInPlace(shape[1], shape[0], shape[2], shape[3], window,
                      resultType.getDimSize(2), resultType.getDimSize(3)))
    return {};
  Value kernel = transposedConstantWeight(b, loc, weight);
  if (!kernel)
    return {};
  MLIRContext *ctx = b.getContext();
  Type elementType = resultType.getElementType();
  auto weightType = cast<RankedTensorType>(weight.getType());
  int64_t filters = weightType.getDimSize(0);
  int64_t outH = resultType.getDimSize(2), outW = resultType.getDimSize(3);
  OpFoldResult batch = tensor::getMixedSize(b, loc, input, 0);

  bool padded = llvm::any_of(window.pads, [](int64_t p) { return p != 0; });
  Value source = padded ? padByCopy(b, loc, input, window.pads, 0.0) : input;
  Value acc = createFilledTensor(
      b, loc,
      {batch, b.getIndexAttr(outH), b.getIndexAttr(outW),
       b.getIndexAttr(filters)},
      elementType, 0.0);

  AffineExpr n, y, x, f, i, j, c;
  bindDims(ctx, n, y, x, f, i, j, c);
  SmallVector<AffineMap> maps = {
      AffineMap::get(7, 0,
                     {n, c, y * window.strides[0] + i * window.dilations[0],
                      x * window.strides[1] + j * window.dilations[1]},
                     ctx),
      AffineMap::get(7, 0, {i, j, c, f}, ctx),
      AffineMap::get(7, 0, {n, y, x, f}, ctx)};
  Value sum = buildMultiplyAccumulate(b, loc, source, kernel, acc, maps,
                                      /*reductions=*/3);

  // The epilogue iterates (n, y, x, f) like the sum and writes NCHW.
  return buildEpilogueIntoNCHW(b, loc, sum, /*nchwDims=*/{0, 3, 1, 2},
                               epilogue);
}
