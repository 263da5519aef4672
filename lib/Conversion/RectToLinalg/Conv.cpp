//===- Conv.cpp - rect.conv and rect.conv_transpose to linalg -------------===//
//
// rect.conv y = act(conv(x, W) + b + residual) lowers, by its groups, to
//
//   group = 1:      3x3 unit-stride: Winograd's F(4, 3) along the rows
//                   (ConvWinograd.cpp); else one contraction reading the
//                   input in place (ConvImplicitGemm.cpp, ConvPointwise.cpp)
//                   or one GEMM per image, [F, C*kh*kw] x [C*kh*kw, OH*OW],
//                   with a 2-D epilogue generic (ConvAsMatmul.cpp);
//   depthwise:      one elementwise generic over the window taps, epilogue
//                   included (DepthwiseConv.cpp);
//   other groups:   the input padded with zeros, a linalg.generic over
//                   [N, G, F/G, OH, OW] x [C/G, kh, kw], then a 4-D
//                   all-parallel epilogue generic.
//
// With named-window-ops (targets without the CPU GEMM schedule), ungrouped
// and depthwise convolutions are linalg.conv_2d_nchw_fchw and
// linalg.depthwise_conv_2d_nchw_chw on the padded input, then the epilogue.
//
// rect.conv_transpose is a stride-1 convolution of the input with zeros
// inserted between its elements (stride - 1 of them) and padded by
// dilation * (k - 1) - pad (plus output_padding at the end), both in one
// gathering generic, with the weight flipped spatially and its in/out
// channels swapped per group (at compile time for a constant weight).
//
// Padding never uses tensor.pad, whose bufferization copies into a strided
// subview (a call to the memrefCopy runtime function, which compiled models
// do not link): see ConvPadding.h.
//
//===----------------------------------------------------------------------===//

#include "ConvLowering.h"
#include "ConvPadding.h"
#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Analysis/FloatElements.h"
#include "rectify/Conversion/RectToLinalg/RectToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

/// The unpadded grouped convolution (1 < group, not depthwise) of `input`
/// [N, C, H, W] with `weight` [F, C / group, kh, kw] into a fresh
/// [N, F, OH, OW] tensor.
Value buildGroupedConvolution(OpBuilder &b, Location loc, Value input,
                              Value weight, ArrayRef<int64_t> strides,
                              ArrayRef<int64_t> dilations, int64_t group,
                              RankedTensorType resultType) {
  Type elementType = resultType.getElementType();
  OpFoldResult batch = tensor::getMixedSize(b, loc, input, 0);
  ArrayRef<int64_t> shape = resultType.getShape();
  auto weightType = cast<RankedTensorType>(weight.getType());
  int64_t filters = weightType.getDimSize(0);
  int64_t channels = cast<RankedTensorType>(input.getType()).getDimSize(1);

  // Grouped: [N, G, C/G, H, W] (x) [G, F/G, C/G, kh, kw] -> [N, G, F/G, OH, OW].
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t perGroupIn = channels / group, perGroupOut = filters / group;
  Value groupedInput = expand(
      b, loc, input,
      {batch, b.getIndexAttr(group), b.getIndexAttr(perGroupIn),
       b.getIndexAttr(inputType.getDimSize(2)),
       b.getIndexAttr(inputType.getDimSize(3))},
      {{0}, {1, 2}, {3}, {4}});
  Value groupedWeight = expand(
      b, loc, weight,
      {b.getIndexAttr(group), b.getIndexAttr(perGroupOut),
       b.getIndexAttr(perGroupIn), b.getIndexAttr(weightType.getDimSize(2)),
       b.getIndexAttr(weightType.getDimSize(3))},
      {{0, 1}, {2}, {3}, {4}});
  Value acc = createFilledTensor(
      b, loc,
      {batch, b.getIndexAttr(group), b.getIndexAttr(perGroupOut),
       b.getIndexAttr(shape[2]), b.getIndexAttr(shape[3])},
      elementType, 0.0);
  MLIRContext *context = b.getContext();
  AffineExpr n, g, f, oh, ow, c, kh, kw;
  bindDims(context, n, g, f, oh, ow, c, kh, kw);
  auto map = [&](ArrayRef<AffineExpr> results) {
    return AffineMap::get(8, 0, results, context);
  };
  SmallVector<AffineMap> maps = {
      map({n, g, c, oh * strides[0] + kh * dilations[0],
           ow * strides[1] + kw * dilations[1]}),
      map({g, f, c, kh, kw}), map({n, g, f, oh, ow})};
  SmallVector<utils::IteratorType> iterators(5, utils::IteratorType::parallel);
  iterators.append(3, utils::IteratorType::reduction);
  Value grouped =
      linalg::GenericOp::create(
          b, loc, TypeRange{acc.getType()},
          ValueRange{groupedInput, groupedWeight}, ValueRange{acc}, maps,
          iterators,
          [](OpBuilder &nb, Location nl, ValueRange args) {
            Value product = arith::MulFOp::create(nb, nl, args[0], args[1]);
            Value sum = arith::AddFOp::create(nb, nl, args[2], product);
            linalg::YieldOp::create(nb, nl, sum);
          })
          .getResult(0);
  return collapse(b, loc, grouped, {{0}, {1, 2}, {3}, {4}});
}

/// The unpadded ungrouped or depthwise convolution of `input` as linalg's
/// named op (linalg.conv_2d_nchw_fchw / depthwise_conv_2d_nchw_chw) into a
/// fresh zero-filled [N, F, OH, OW] tensor; null for other groups.
Value buildNamedConvolution(OpBuilder &b, Location loc, Value input,
                            Value weight, ArrayRef<int64_t> strides,
                            ArrayRef<int64_t> dilations, int64_t group,
                            RankedTensorType resultType) {
  int64_t channels = cast<RankedTensorType>(input.getType()).getDimSize(1);
  int64_t filters = cast<RankedTensorType>(weight.getType()).getDimSize(0);
  bool depthwise = group == channels && filters == channels;
  if (group != 1 && !depthwise)
    return Value();
  ArrayRef<int64_t> shape = resultType.getShape();
  Value acc = createFilledTensor(
      b, loc,
      {tensor::getMixedSize(b, loc, input, 0), b.getIndexAttr(shape[1]),
       b.getIndexAttr(shape[2]), b.getIndexAttr(shape[3])},
      resultType.getElementType(), 0.0);
  auto stridesAttr = b.getI64VectorAttr(strides);
  auto dilationsAttr = b.getI64VectorAttr(dilations);
  if (group == 1)
    return linalg::Conv2DNchwFchwOp::create(
               b, loc, TypeRange{acc.getType()}, ValueRange{input, weight},
               ValueRange{acc}, stridesAttr, dilationsAttr)
        .getResult(0);
  Value filter = collapse(b, loc, weight, {{0, 1}, {2}, {3}});
  return linalg::DepthwiseConv2DNchwChwOp::create(
             b, loc, TypeRange{acc.getType()}, ValueRange{input, filter},
             ValueRange{acc}, stridesAttr, dilationsAttr)
      .getResult(0);
}

/// The convolution of `input` by `weight` with `group` groups, followed by
/// its epilogue: when ungrouped, F(4, 3) along the rows (`winograd`) or one
/// contraction reading the input in place for a constant weight, else one
/// GEMM over a window matrix; one
/// elementwise generic over the window taps when depthwise; else a grouped
/// generic.
Value buildConvWithEpilogue(OpBuilder &b, Location loc, Value input,
                            Value weight, int64_t group,
                            const WindowGeometry &window,
                            const ConvEpilogue &epilogue,
                            RankedTensorType resultType, bool namedWindowOps,
                            bool winograd) {
  int64_t channels = cast<RankedTensorType>(input.getType()).getDimSize(1);
  int64_t filters = cast<RankedTensorType>(weight.getType()).getDimSize(0);
  if (namedWindowOps) {
    Value padded = padSpatial(b, loc, input, window.pads, 0.0);
    if (Value conv = buildNamedConvolution(b, loc, padded, weight,
                                           window.strides, window.dilations,
                                           group, resultType))
      return buildChannelEpilogue(b, loc, conv, /*channelDim=*/1, epilogue);
  }
  if (group == 1 && winograd)
    if (Value conv = buildConvAsRowWinograd(b, loc, input, weight, window,
                                            epilogue, resultType))
      return conv;
  if (group == 1)
    if (Value conv = buildConvAsImplicitGemm(b, loc, input, weight, window,
                                             epilogue, resultType))
      return conv;
  if (group == 1)
    if (Value conv = buildPointwiseConv(b, loc, input, weight, window,
                                        epilogue, resultType))
      return conv;
  if (group == 1)
    return buildConvAsMatmul(b, loc, input, weight, window, epilogue,
                             resultType);
  if (group == channels && filters == channels)
    return buildDepthwiseConv(b, loc, input, weight, window, epilogue,
                              resultType);
  Value padded = padSpatial(b, loc, input, window.pads, 0.0);
  Value conv = buildGroupedConvolution(b, loc, padded, weight, window.strides,
                                       window.dilations, group, resultType);
  return buildChannelEpilogue(b, loc, conv, /*channelDim=*/1, epilogue);
}

class ConvOpLowering : public OpConversionPattern<ConvOp> {
public:
  ConvOpLowering(MLIRContext *context, bool namedWindowOps, bool winograd)
      : OpConversionPattern(context), namedWindowOps(namedWindowOps),
        winograd(winograd) {}

  LogicalResult
  matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ConvEpilogue epilogue{adaptor.getBias(), adaptor.getResidual(),
                          adaptor.getSlope(), op.getActivation()};
    Value result = buildConvWithEpilogue(
        rewriter, op.getLoc(), adaptor.getInput(), adaptor.getWeight(),
        op.getGroup(),
        WindowGeometry{op.getPads(), op.getStrides(), op.getDilations()},
        epilogue, op.getType(), namedWindowOps, winograd);
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, op.getLoc(), op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }

private:
  bool namedWindowOps, winograd;
};

class ConvTransposeOpLowering : public OpConversionPattern<ConvTransposeOp> {
public:
  ConvTransposeOpLowering(MLIRContext *context, bool namedWindowOps,
                          bool winograd)
      : OpConversionPattern(context), namedWindowOps(namedWindowOps),
        winograd(winograd) {}

  LogicalResult
  matchAndRewrite(ConvTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    Value weight = adaptor.getWeight();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto weightType = cast<RankedTensorType>(weight.getType());
    Type elementType = inputType.getElementType();
    ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations();
    ArrayRef<int64_t> pads = op.getPads(), outputPadding = op.getOutputPadding();
    int64_t group = op.getGroup();
    int64_t channels = weightType.getDimSize(0);
    int64_t perGroupOut = weightType.getDimSize(1);
    int64_t perGroupIn = channels / group;
    int64_t kh = weightType.getDimSize(2), kw = weightType.getDimSize(3);

    // Zeros between the input elements, then dilation * (k - 1) - pad
    // around them (+ output_padding at the end); a negative amount crops.
    SmallVector<int64_t> low = {0, 0, dilations[0] * (kh - 1) - pads[0],
                                dilations[1] * (kw - 1) - pads[1]};
    SmallVector<int64_t> high = {
        0, 0, dilations[0] * (kh - 1) - pads[2] + outputPadding[0],
        dilations[1] * (kw - 1) - pads[3] + outputPadding[1]};
    Value padded = padAndDilate(rewriter, loc, input, low, high,
                                {1, 1, strides[0], strides[1]}, 0.0);

    // W [C, F/G, kh, kw] viewed as [G, C/G, F/G, kh, kw] becomes the conv
    // weight [G, F/G, C/G, kh, kw] flipped along kh and kw, then
    // [F, C/G, kh, kw]: at compile time for a constant weight, else with a
    // copying generic.
    Value convWeight;
    std::optional<SmallVector<double>> values;
    if (weightType.getElementType().isF32())
      values = readFloatElements(op.getWeight());
    if (values) {
      SmallVector<float> flippedValues(values->size());
      for (int64_t g = 0; g < group; ++g)
        for (int64_t c = 0; c < perGroupIn; ++c)
          for (int64_t f = 0; f < perGroupOut; ++f)
            for (int64_t y = 0; y < kh; ++y)
              for (int64_t x = 0; x < kw; ++x) {
                int64_t from =
                    (((g * perGroupIn + c) * perGroupOut + f) * kh + y) * kw +
                    x;
                int64_t to = (((g * perGroupOut + f) * perGroupIn + c) * kh +
                              (kh - 1 - y)) *
                                 kw +
                             (kw - 1 - x);
                flippedValues[to] = (*values)[from];
              }
      auto type = RankedTensorType::get(
          {group * perGroupOut, perGroupIn, kh, kw}, elementType);
      convWeight = arith::ConstantOp::create(
          rewriter, loc, DenseElementsAttr::get(type, ArrayRef(flippedValues)));
    } else {
      Value viewed = expand(
          rewriter, loc, weight,
          {rewriter.getIndexAttr(group), rewriter.getIndexAttr(perGroupIn),
           rewriter.getIndexAttr(perGroupOut), rewriter.getIndexAttr(kh),
           rewriter.getIndexAttr(kw)},
          {{0, 1}, {2}, {3}, {4}});
      // A gathering generic (tensor.extract at the flipped indices) keeps
      // every indexing map an identity, which the back end's tiling needs.
      Value flippedInit = tensor::EmptyOp::create(
          rewriter, loc,
          ArrayRef<int64_t>{group, perGroupOut, perGroupIn, kh, kw},
          elementType);
      Value flipped =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{flippedInit.getType()}, ValueRange{},
              ValueRange{flippedInit},
              SmallVector<AffineMap>{
                  AffineMap::getMultiDimIdentityMap(5, context)},
              SmallVector<utils::IteratorType>(5,
                                               utils::IteratorType::parallel),
              [&](OpBuilder &nb, Location nl, ValueRange) {
                SmallVector<Value> idx;
                for (int64_t d = 0; d < 5; ++d)
                  idx.push_back(linalg::IndexOp::create(nb, nl, d));
                auto reverse = [&](Value i, int64_t size) -> Value {
                  return arith::SubIOp::create(
                      nb, nl, arith::ConstantIndexOp::create(nb, nl, size - 1),
                      i);
                };
                Value v = tensor::ExtractOp::create(
                    nb, nl, viewed,
                    ValueRange{idx[0], idx[2], idx[1], reverse(idx[3], kh),
                               reverse(idx[4], kw)});
                linalg::YieldOp::create(nb, nl, v);
              })
              .getResult(0);
      convWeight = collapse(rewriter, loc, flipped, {{0, 1}, {2}, {3}, {4}});
    }

    ConvEpilogue epilogue{adaptor.getBias(), Value(), Value(),
                          ActivationAttr::get(context, ActivationKind::none)};
    SmallVector<int64_t> noPads(4, 0), unitStrides(2, 1);
    Value result = buildConvWithEpilogue(
        rewriter, loc, padded, convWeight, group,
        WindowGeometry{noPads, unitStrides, dilations}, epilogue,
        op.getType(), namedWindowOps, winograd);
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }

private:
  bool namedWindowOps, winograd;
};

} // namespace

void rectify::rect_to_linalg::populateConvPatterns(RewritePatternSet &patterns,
                                                  bool namedWindowOps,
                                                  bool winograd) {
  patterns.add<ConvOpLowering, ConvTransposeOpLowering>(
      patterns.getContext(), namedWindowOps, winograd);
}
