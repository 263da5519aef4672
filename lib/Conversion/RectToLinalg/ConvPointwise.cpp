//===- ConvPointwise.cpp - A 1x1 convolution with the pixels in the lanes -===//
//
// A 1x1, unit-stride, unpadded convolution on a large plane is a GEMM of
// W[F, C] by the input plane [C, H*W]. Lowered as linalg.matmul, its result
// is a [F, N*H*W] matrix that only reshapes to NCHW: it cannot be written
// into a strided view (the interior of the next layer's padded input, or
// its slice of a concatenation), so those consumers copy it. This lowering
// keeps the GEMM's register tile (filters x output columns, the columns in
// the vector lanes) but iterates the output rows as their own loop:
//
//   %w   = the weight as [C, F], transposed at compile time
//   %acc = linalg.fill 0                                 : [N, H, F, W]
//   %sum = linalg.generic (n, y, f, x | c)
//            %w[c, f] * %in[n, c, y, x]  -> %acc[n, y, f, x]
//   %out = linalg.generic (n, y, f, x): act(%sum + bias[f] + residual)
//            written to [N, F, H, W]
//
// The CPU back end schedules it as a window contraction (rows of filters,
// lanes along x), and the epilogue writes each tile of the NCHW result
// where it belongs, so rectify-cpu-write-into-padding can place it.
//
//===----------------------------------------------------------------------===//

#include "ConvLowering.h"
#include "Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace rectify::rect_to_linalg;

/// Whether the pixels-in-lanes form beats the GEMM for this shape, from
/// single-layer and whole-model timings on the AVX-512 machine: only rows
/// of at least 24 pixels fill most of a 32-lane register tile (narrower
/// planes keep the GEMM, whose columns run across rows); the row must
/// split into 32- or 16-lane tiles and a remainder of at most half a tile
/// (odd-sized remainders such as 24 or 12 lanes measured 2-3x slower than
/// the GEMM); and the filters must fill whole rows of the register tile.
static bool prefersPixelLanes(ArrayRef<int64_t> weightShape,
                              const WindowGeometry &window, int64_t outW) {
  bool pointwise = weightShape[2] == 1 && weightShape[3] == 1;
  bool unitStride =
      llvm::all_of(window.strides, [](int64_t s) { return s == 1; });
  bool unpadded = llvm::all_of(window.pads, [](int64_t p) { return p == 0; });
  return pointwise && unitStride && unpadded && weightShape[0] % 8 == 0 &&
         !ShapedType::isDynamic(outW) && outW >= 24 &&
         (outW % 32 <= 16 || outW % 16 <= 8);
}

Value rectify::rect_to_linalg::buildPointwiseConv(
    OpBuilder &b, Location loc, Value input, Value weight,
    const WindowGeometry &window, const ConvEpilogue &epilogue,
    RankedTensorType resultType) {
  auto weightType = cast<RankedTensorType>(weight.getType());
  if (!resultType.getElementType().isF32() || !weightType.hasStaticShape() ||
      !prefersPixelLanes(weightType.getShape(), window,
                         resultType.getDimSize(3)))
    return {};
  MLIRContext *ctx = b.getContext();
  Type elementType = resultType.getElementType();
  int64_t filters = weightType.getDimSize(0);
  int64_t outH = resultType.getDimSize(2), outW = resultType.getDimSize(3);
  OpFoldResult batch = tensor::getMixedSize(b, loc, input, 0);

  // [C, F]: each reduction step reads the tile's filters as one row.
  Value kernel = transposedConstantWeight(b, loc, weight);
  if (!kernel)
    return {};
  Value matrix = collapse(b, loc, kernel, {{0, 1, 2}, {3}});
  Value acc = createFilledTensor(
      b, loc,
      {batch, b.getIndexAttr(outH), b.getIndexAttr(filters),
       b.getIndexAttr(outW)},
      elementType, 0.0);
  AffineExpr n, y, f, x, c;
  bindDims(ctx, n, y, f, x, c);
  SmallVector<AffineMap> maps = {AffineMap::get(5, 0, {c, f}, ctx),
                                 AffineMap::get(5, 0, {n, c, y, x}, ctx),
                                 AffineMap::get(5, 0, {n, y, f, x}, ctx)};
  Value sum = buildMultiplyAccumulate(b, loc, matrix, input, acc, maps,
                                      /*reductions=*/1);

  // The epilogue iterates (n, y, f, x) like the sum and writes NCHW.
  return buildEpilogueIntoNCHW(b, loc, sum, /*nchwDims=*/{0, 2, 1, 3},
                               epilogue);
}
