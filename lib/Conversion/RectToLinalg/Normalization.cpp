//===- Normalization.cpp - rect.layer_norm and rect.log_softmax -----------===//
//
// layer_norm over dims [axis, rank) as three linalg.generics: the sum (for
// the mean), the sum of squared deviations (for the biased variance), and
//   y = (x - mean) / sqrt(var + epsilon) * scale + bias
// with mean and var broadcast along the normalized dims and scale/bias along
// the outer ones. log_softmax along one axis:
//   y = x - max - log(sum(exp(x - max))).
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

/// Map from the rank-`rank` iteration space to a value of `shape` aligned to
/// the trailing dims, reading index 0 along its size-1 dims that face a
/// larger dim of `full`.
AffineMap trailingMap(MLIRContext *context, int64_t rank,
                      ArrayRef<int64_t> shape, ArrayRef<int64_t> full) {
  SmallVector<AffineExpr> exprs;
  int64_t offset = rank - shape.size();
  for (int64_t j = 0, e = shape.size(); j < e; ++j) {
    if (shape[j] == 1 && full[offset + j] != 1)
      exprs.push_back(getAffineConstantExpr(0, context));
    else
      exprs.push_back(getAffineDimExpr(offset + j, context));
  }
  return AffineMap::get(rank, 0, exprs, context);
}

/// Map to the leading `count` dims.
AffineMap leadingMap(MLIRContext *context, int64_t rank, int64_t count) {
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < count; ++i)
    exprs.push_back(getAffineDimExpr(i, context));
  return AffineMap::get(rank, 0, exprs, context);
}

/// A linalg.generic over the iteration space of `like` writing a fresh
/// tensor of its shape.
Value buildParallel(OpBuilder &builder, Location loc, Value like,
                    ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  auto type = cast<RankedTensorType>(like.getType());
  int64_t rank = type.getRank();
  Value init = tensor::EmptyOp::create(
      builder, loc, tensor::getMixedSizes(builder, loc, like),
      type.getElementType());
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(builder.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             builder, loc, TypeRange{init.getType()}, inputs, ValueRange{init},
             maps, iterators,
             [&](OpBuilder &b, Location l, ValueRange args) {
               linalg::YieldOp::create(b, l, body(b, l, args.drop_back()));
             })
      .getResult(0);
}

struct LayerNormOpLowering : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    SmallVector<int64_t> axes;
    int64_t count = 1;
    for (int64_t i = axis; i < rank; ++i) {
      axes.push_back(i);
      count *= type.getDimSize(i);
    }
    Value n = createFloatConstant(rewriter, loc, elementType,
                                  static_cast<double>(count));
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap outer = leadingMap(context, rank, axis);

    Value sum = buildReduction(
        rewriter, loc, input, axes, 0.0,
        [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
          return arith::AddFOp::create(b, l, x, acc);
        });
    // Sum of squared deviations: a reduction reading x and the sum.
    SmallVector<OpFoldResult> outerSizes;
    for (int64_t i = 0; i < axis; ++i)
      outerSizes.push_back(tensor::getMixedSize(rewriter, loc, input, i));
    Value acc = createFilledTensor(rewriter, loc, outerSizes, elementType, 0.0);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    for (int64_t i = axis; i < rank; ++i)
      iterators[i] = utils::IteratorType::reduction;
    Value squares =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{acc.getType()}, ValueRange{input, sum},
            ValueRange{acc}, ArrayRef<AffineMap>{identity, outer, outer},
            iterators,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value mean = arith::DivFOp::create(b, l, args[1], n);
              Value d = arith::SubFOp::create(b, l, args[0], mean);
              Value sq = arith::MulFOp::create(b, l, d, d);
              linalg::YieldOp::create(
                  b, l, arith::AddFOp::create(b, l, sq, args[2]).getResult());
            })
            .getResult(0);

    SmallVector<Value> inputs{input, sum, squares, adaptor.getScale()};
    ArrayRef<int64_t> full = type.getShape();
    SmallVector<AffineMap> maps{
        identity, outer, outer,
        trailingMap(context, rank,
                    cast<RankedTensorType>(adaptor.getScale().getType())
                        .getShape(),
                    full)};
    if (Value bias = adaptor.getBias()) {
      inputs.push_back(bias);
      maps.push_back(trailingMap(
          context, rank, cast<RankedTensorType>(bias.getType()).getShape(),
          full));
    }
    double epsilon = op.getEpsilon().convertToDouble();
    Value result = buildParallel(
        rewriter, loc, input, inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value mean = arith::DivFOp::create(b, l, args[1], n);
          Value var = arith::DivFOp::create(b, l, args[2], n);
          Value eps = createFloatConstant(b, l, elementType, epsilon);
          Value denom = math::SqrtOp::create(
              b, l, arith::AddFOp::create(b, l, var, eps));
          Value centered = arith::SubFOp::create(b, l, args[0], mean);
          Value y = arith::DivFOp::create(b, l, centered, denom);
          y = arith::MulFOp::create(b, l, y, args[3]);
          if (args.size() > 4)
            y = arith::AddFOp::create(b, l, y, args[4]);
          return y;
        });
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct LogSoftmaxOpLowering : OpConversionPattern<LogSoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LogSoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    SmallVector<AffineExpr> reducedExprs;
    for (int64_t i = 0; i < rank; ++i)
      if (i != axis)
        reducedExprs.push_back(getAffineDimExpr(i, context));
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap reduced = AffineMap::get(rank, 0, reducedExprs, context);

    Value max = buildReduction(
        rewriter, loc, input, {axis}, -std::numeric_limits<double>::infinity(),
        [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
          return arith::MaximumFOp::create(b, l, x, acc);
        });
    SmallVector<OpFoldResult> reducedSizes;
    for (int64_t i = 0; i < rank; ++i)
      if (i != axis)
        reducedSizes.push_back(tensor::getMixedSize(rewriter, loc, input, i));
    Value acc =
        createFilledTensor(rewriter, loc, reducedSizes, elementType, 0.0);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[axis] = utils::IteratorType::reduction;
    Value sum =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{acc.getType()}, ValueRange{input, max},
            ValueRange{acc}, ArrayRef<AffineMap>{identity, reduced, reduced},
            iterators,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value shifted = arith::SubFOp::create(b, l, args[0], args[1]);
              Value e = math::ExpOp::create(b, l, shifted);
              linalg::YieldOp::create(
                  b, l, arith::AddFOp::create(b, l, e, args[2]).getResult());
            })
            .getResult(0);
    Value result = buildParallel(
        rewriter, loc, input, ValueRange{input, max, sum},
        {identity, reduced, reduced},
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value shifted = arith::SubFOp::create(b, l, args[0], args[1]);
          Value logSum = math::LogOp::create(b, l, args[2]);
          return arith::SubFOp::create(b, l, shifted, logSum);
        });
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateNormalizationPatterns(
    RewritePatternSet &patterns) {
  patterns.add<LayerNormOpLowering, LogSoftmaxOpLowering>(
      patterns.getContext());
}
