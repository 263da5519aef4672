//===- DepthwiseConv.cpp - A depthwise convolution over its window taps ---===//
//
// A depthwise convolution (one filter per channel) has no reduction across
// channels: each output is a kh*kw-term dot product along the window. It
// lowers to the zero-padded input and one all-parallel generic over
// [N, C, OH, OW] that reads the kh*kw window taps of it through affine maps
// and takes the matching per-channel weights as inputs:
//
//   y = act(sum_t tap_t * w_t + bias + residual)
//
// so the whole layer, epilogue included, is one loop nest, which the CPU
// back end vectorizes along OW (strided taps are strided views, read as
// contiguous spans and shuffled).
//
//===----------------------------------------------------------------------===//

#include "ConvLowering.h"
#include "WindowTaps.h"
#include "Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace rectify::rect_to_linalg;

Value rectify::rect_to_linalg::buildDepthwiseConv(
    OpBuilder &b, Location loc, Value input, Value weight,
    const WindowGeometry &geometry, const ConvEpilogue &epilogue,
    RankedTensorType resultType) {
  MLIRContext *context = b.getContext();
  auto weightType = cast<RankedTensorType>(weight.getType());
  Type elementType = resultType.getElementType();
  int64_t channels = weightType.getDimSize(0);
  int64_t kh = weightType.getDimSize(2), kw = weightType.getDimSize(3);
  int64_t outH = resultType.getDimSize(2), outW = resultType.getDimSize(3);

  Value filter = collapse(b, loc, weight, {{0, 1}, {2}, {3}});
  auto tapWeightType = RankedTensorType::get({channels}, elementType);
  SmallVector<Value> tapWeights;
  for (int64_t i = 0; i < kh; ++i)
    for (int64_t j = 0; j < kw; ++j)
      tapWeights.push_back(tensor::ExtractSliceOp::create(
          b, loc, tapWeightType, filter,
          ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(i),
                                 b.getIndexAttr(j)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(channels), b.getIndexAttr(1),
                                 b.getIndexAttr(1)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1),
                                 b.getIndexAttr(1)}));
  int64_t taps = kh * kw;
  AffineMap identity = AffineMap::getMultiDimIdentityMap(4, context);
  AffineMap channel =
      AffineMap::get(4, 0, {getAffineDimExpr(1, context)}, context);
  WindowTaps window(b, loc, input, geometry.pads, 0.0, {outH, outW},
                    geometry.strides, geometry.dilations);
  SmallVector<Value> inputs = window.all(b, loc, {kh, kw});
  SmallVector<AffineMap> maps(taps, identity);
  inputs.append(tapWeights);
  maps.append(taps, channel);
  appendEpilogueOperands(epilogue, 4, /*channelDim=*/1, inputs, maps);
  maps.push_back(identity);
  Value init = tensor::EmptyOp::create(
      b, loc,
      {tensor::getMixedSize(b, loc, input, 0), b.getIndexAttr(channels),
       b.getIndexAttr(outH), b.getIndexAttr(outW)},
      elementType);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               // args: the taps, their weights, the epilogue operands.
               Value sum;
               for (int64_t t = 0; t < taps; ++t)
                 sum = sum ? math::FmaOp::create(nb, nl, args[t],
                                                 args[taps + t], sum)
                                 .getResult()
                           : arith::MulFOp::create(nb, nl, args[t],
                                                   args[taps + t])
                                 .getResult();
               linalg::YieldOp::create(
                   nb, nl,
                   applyEpilogue(nb, nl, epilogue, sum,
                                 args.slice(2 * taps,
                                            args.size() - 2 * taps - 1)));
             })
      .getResult(0);
}
