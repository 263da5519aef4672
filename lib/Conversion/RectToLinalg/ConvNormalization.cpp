//===- ConvNormalization.cpp - rect.batch_norm and rect.lrn to linalg -----===//
//
// rect.batch_norm is one all-parallel generic reading x and the four
// per-channel vectors (indexed by dim 1):
//   y = (x - mean) * (scale / sqrt(var + epsilon)) + bias.
// rect.lrn squares x (a generic), pads the squares with zeros along the
// channel dim by floor((size - 1) / 2) before and ceil((size - 1) / 2) after,
// sums each channel window with a generic reducing over a `size`-long window
// dim, and divides x by (bias + alpha / size * sum)^beta.
//
//===----------------------------------------------------------------------===//

#include "ConvPadding.h"
#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

class BatchNormOpLowering : public OpConversionPattern<BatchNormOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    int64_t rank = type.getRank();
    Type elementType = type.getElementType();
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
    AffineMap channel =
        AffineMap::get(rank, 0, {getAffineDimExpr(1, context)}, context);
    Value epsilon = createFloatConstant(
        rewriter, loc, elementType, op.getEpsilon().convertToDouble());
    Value init = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, input),
        elementType);
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{type},
            ValueRange{input, adaptor.getScale(), adaptor.getBias(),
                       adaptor.getMean(), adaptor.getVar()},
            ValueRange{init},
            SmallVector<AffineMap>{identity, channel, channel, channel,
                                   channel, identity},
            SmallVector<utils::IteratorType>(rank,
                                             utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value centered = arith::SubFOp::create(b, l, args[0], args[3]);
              Value variance = arith::AddFOp::create(b, l, args[4], epsilon);
              Value stddev = math::SqrtOp::create(b, l, variance);
              Value factor = arith::DivFOp::create(b, l, args[1], stddev);
              Value scaled = arith::MulFOp::create(b, l, centered, factor);
              linalg::YieldOp::create(
                  b, l, arith::AddFOp::create(b, l, scaled, args[2]).getResult());
            })
            .getResult(0);
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

class LRNOpLowering : public OpConversionPattern<LRNOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(LRNOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    int64_t rank = type.getRank();
    Type elementType = type.getElementType();
    int64_t size = op.getSize();
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, input);
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
    SmallVector<utils::IteratorType> parallel(rank,
                                              utils::IteratorType::parallel);

    // x^2, padded with zeros along the channels.
    Value squares = buildBroadcastingGeneric(
        rewriter, loc, type, ValueRange{input},
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          return arith::MulFOp::create(b, l, args[0], args[0]);
        },
        sizes);
    int64_t before = (size - 1) / 2, after = size - 1 - before;
    SmallVector<int64_t> low(rank, 0), high(rank, 0), ones(rank, 1);
    low[1] = before;
    high[1] = after;
    Value padded =
        padAndDilate(rewriter, loc, squares, low, high, ones, 0.0);

    // sum[n, c, ...] = sum_k padded[n, c + k, ...].
    Value acc = createFilledTensor(rewriter, loc, sizes, elementType, 0.0);
    Value window = tensor::EmptyOp::create(rewriter, loc,
                                           ArrayRef<int64_t>{size}, elementType);
    SmallVector<AffineExpr> inputExprs;
    for (int64_t d = 0; d < rank; ++d)
      inputExprs.push_back(getAffineDimExpr(d, context));
    inputExprs[1] = inputExprs[1] + getAffineDimExpr(rank, context);
    SmallVector<AffineExpr> outputExprs(inputExprs.begin(), inputExprs.end());
    outputExprs[1] = getAffineDimExpr(1, context);
    SmallVector<utils::IteratorType> iterators(parallel);
    iterators.push_back(utils::IteratorType::reduction);
    Value sums =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{acc.getType()},
            ValueRange{padded, window}, ValueRange{acc},
            SmallVector<AffineMap>{
                AffineMap::get(rank + 1, 0, inputExprs, context),
                AffineMap::get(rank + 1, 0, {getAffineDimExpr(rank, context)},
                               context),
                AffineMap::get(rank + 1, 0, outputExprs, context)},
            iterators,
            [](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l, arith::AddFOp::create(b, l, args[2], args[0])
                            .getResult());
            })
            .getResult(0);

    // y = x / (bias + alpha / size * sum)^beta.
    double alphaOverSize = op.getAlpha().convertToDouble() / size;
    Value scale = createFloatConstant(rewriter, loc, elementType, alphaOverSize);
    Value bias = createFloatConstant(rewriter, loc, elementType,
                                     op.getBias().convertToDouble());
    Value beta = createFloatConstant(rewriter, loc, elementType,
                                     op.getBeta().convertToDouble());
    Value init = tensor::EmptyOp::create(rewriter, loc, sizes, elementType);
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{type}, ValueRange{input, sums},
            ValueRange{init},
            SmallVector<AffineMap>{identity, identity, identity}, parallel,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value scaled = arith::MulFOp::create(b, l, args[1], scale);
              Value base = arith::AddFOp::create(b, l, scaled, bias);
              Value denominator = math::PowFOp::create(b, l, base, beta);
              linalg::YieldOp::create(
                  b, l,
                  arith::DivFOp::create(b, l, args[0], denominator).getResult());
            })
            .getResult(0);
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateConvNormalizationPatterns(
    RewritePatternSet &patterns) {
  patterns.add<BatchNormOpLowering, LRNOpLowering>(patterns.getContext());
}
