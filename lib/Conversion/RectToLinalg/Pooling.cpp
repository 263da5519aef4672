//===- Pooling.cpp - rect pooling ops to linalg ---------------------------===//
//
// rect.max_pool: padding with -inf (the explicit pads, plus what ceil_mode's
// last window reaches past them), then one all-parallel generic over
// [N, C, OH, OW] taking the maximum of the window taps (read through affine
// maps, as the depthwise convolution does, so unit-stride pools vectorize).
// rect.avg_pool: padding with 0, then the same generic summing the taps and
// dividing by the window's element count, a compile-time constant [OH, OW]
// computed as PyTorch does (the window clipped to the input, or with
// count_include_pad to the input plus its explicit pads). With
// named-window-ops both use linalg.pooling_nchw_max/sum on the input padded by
// a gathering generic instead. Global pools reduce the spatial dims with
// one linalg.generic into [N, C] and expand the result to [N, C, 1, ...].
//
//===----------------------------------------------------------------------===//

#include "ConvPadding.h"
#include "PopulatePatterns.h"
#include "Utils.h"
#include "WindowTaps.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

/// Pads [top, left, bottom, right] of a pool, with the bottom/right grown so
/// that every output window lies inside the padded input.
SmallVector<int64_t> getPoolPads(RankedTensorType inputType,
                                 RankedTensorType resultType,
                                 ArrayRef<int64_t> kernel,
                                 ArrayRef<int64_t> strides,
                                 ArrayRef<int64_t> pads,
                                 ArrayRef<int64_t> dilations) {
  SmallVector<int64_t> result(pads);
  for (int i = 0; i < 2; ++i) {
    int64_t needed = (resultType.getDimSize(2 + i) - 1) * strides[i] +
                     dilations[i] * (kernel[i] - 1) + 1;
    int64_t have = inputType.getDimSize(2 + i) + pads[i] + pads[2 + i];
    result[2 + i] += std::max<int64_t>(needed - have, 0);
  }
  return result;
}

/// Pools `input` padded with `padValue`: one all-parallel generic over
/// [N, C, OH, OW] that reads the window taps through affine maps and folds
/// them with `combine`; `finish` (if given) maps the folded value and the
/// scalars of `extraInputs` (read with `extraMaps`) to the result.
Value buildPool(OpBuilder &b, Location loc, Value input,
                RankedTensorType resultType, ArrayRef<int64_t> kernel,
                ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                ArrayRef<int64_t> dilations, double padValue,
                function_ref<Value(OpBuilder &, Location, Value, Value)> combine,
                ValueRange extraInputs = {}, ArrayRef<AffineMap> extraMaps = {},
                function_ref<Value(OpBuilder &, Location, Value, ValueRange)>
                    finish = nullptr) {
  auto inputType = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> allPads =
      getPoolPads(inputType, resultType, kernel, strides, pads, dilations);
  ArrayRef<int64_t> shape = resultType.getShape();
  WindowTaps window(b, loc, input, allPads, padValue, shape.drop_front(2),
                    strides, dilations);
  Value init = tensor::EmptyOp::create(
      b, loc,
      {tensor::getMixedSize(b, loc, input, 0), b.getIndexAttr(shape[1]),
       b.getIndexAttr(shape[2]), b.getIndexAttr(shape[3])},
      inputType.getElementType());
  SmallVector<Value> inputs = window.all(b, loc, kernel);
  size_t taps = inputs.size();
  SmallVector<AffineMap> maps(
      taps, AffineMap::getMultiDimIdentityMap(4, b.getContext()));
  inputs.append(extraInputs.begin(), extraInputs.end());
  maps.append(extraMaps.begin(), extraMaps.end());
  maps.push_back(AffineMap::getMultiDimIdentityMap(4, b.getContext()));
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init},
             maps,
             SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value folded;
               for (Value tap : args.take_front(taps))
                 folded = folded ? combine(nb, nl, folded, tap) : tap;
               if (finish)
                 folded = finish(nb, nl, folded,
                                 args.slice(taps, args.size() - taps - 1));
               linalg::YieldOp::create(nb, nl, folded);
             })
      .getResult(0);
}

/// Pools the padded `input` through linalg's named pooling op `PoolOp` into
/// an accumulator filled with `initValue` (the named-window-ops form).
template <typename PoolOp>
Value buildNamedPool(OpBuilder &b, Location loc, Value input,
                     RankedTensorType resultType, ArrayRef<int64_t> kernel,
                     ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                     ArrayRef<int64_t> dilations, double padValue,
                     double initValue) {
  auto inputType = cast<RankedTensorType>(input.getType());
  Type elementType = inputType.getElementType();
  SmallVector<int64_t> allPads =
      getPoolPads(inputType, resultType, kernel, strides, pads, dilations);
  Value padded = padSpatial(b, loc, input, allPads, padValue);
  ArrayRef<int64_t> shape = resultType.getShape();
  Value acc = createFilledTensor(
      b, loc,
      {tensor::getMixedSize(b, loc, input, 0), b.getIndexAttr(shape[1]),
       b.getIndexAttr(shape[2]), b.getIndexAttr(shape[3])},
      elementType, initValue);
  Value window = tensor::EmptyOp::create(b, loc, kernel, elementType);
  return PoolOp::create(b, loc, TypeRange{acc.getType()},
                        ValueRange{padded, window}, ValueRange{acc},
                        b.getI64VectorAttr(strides),
                        b.getI64VectorAttr(dilations))
      .getResult(0);
}

class MaxPoolOpLowering : public OpConversionPattern<MaxPoolOp> {
public:
  MaxPoolOpLowering(MLIRContext *context, bool namedWindowOps)
      : OpConversionPattern(context), namedWindowOps(namedWindowOps) {}

  LogicalResult
  matchAndRewrite(MaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value result =
        namedWindowOps
            ? buildNamedPool<linalg::PoolingNchwMaxOp>(
                  rewriter, op.getLoc(), adaptor.getInput(), op.getType(),
                  op.getKernelShape(), op.getStrides(), op.getPads(),
                  op.getDilations(), kNegInf, kNegInf)
            : buildPool(rewriter, op.getLoc(), adaptor.getInput(),
                        op.getType(), op.getKernelShape(), op.getStrides(),
                        op.getPads(), op.getDilations(), kNegInf,
                        [](OpBuilder &nb, Location nl, Value a,
                           Value b) -> Value {
                          return arith::MaximumFOp::create(nb, nl, a, b);
                        });
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, op.getLoc(), op.getType(),
                                      result);
    rewriter.replaceOp(op, result);
    return success();
  }

private:
  bool namedWindowOps;
};

/// Number of elements the window of output position `out` averages over along
/// one dim, as PyTorch's avg_pool2d counts them.
int64_t getWindowCount(int64_t out, int64_t size, int64_t kernel,
                       int64_t stride, int64_t padBegin, int64_t padEnd,
                       bool countIncludePad) {
  int64_t start = out * stride - padBegin;
  int64_t end = std::min(start + kernel, size + padEnd);
  if (countIncludePad)
    return end - start;
  return std::min(end, size) - std::max<int64_t>(start, 0);
}

class AvgPoolOpLowering : public OpConversionPattern<AvgPoolOp> {
public:
  AvgPoolOpLowering(MLIRContext *context, bool namedWindowOps)
      : OpConversionPattern(context), namedWindowOps(namedWindowOps) {}

  LogicalResult
  matchAndRewrite(AvgPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    RankedTensorType type = op.getType();
    Type elementType = type.getElementType();
    ArrayRef<int64_t> kernel = op.getKernelShape(), strides = op.getStrides();
    ArrayRef<int64_t> pads = op.getPads();
    SmallVector<int64_t> ones = {1, 1};
    // The divisor of every output position.
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    int64_t oh = type.getDimSize(2), ow = type.getDimSize(3);
    SmallVector<float> counts;
    counts.reserve(oh * ow);
    for (int64_t y = 0; y < oh; ++y) {
      int64_t ch = getWindowCount(y, inputType.getDimSize(2), kernel[0],
                                  strides[0], pads[0], pads[2],
                                  op.getCountIncludePad());
      for (int64_t x = 0; x < ow; ++x) {
        int64_t cw = getWindowCount(x, inputType.getDimSize(3), kernel[1],
                                    strides[1], pads[1], pads[3],
                                    op.getCountIncludePad());
        counts.push_back(static_cast<float>(std::max<int64_t>(ch * cw, 1)));
      }
    }
    auto countType = RankedTensorType::get({oh, ow}, elementType);
    Value divisor = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(countType, ArrayRef(counts)));

    Value result;
    if (namedWindowOps) {
      Value sum = buildNamedPool<linalg::PoolingNchwSumOp>(
          rewriter, loc, adaptor.getInput(), type, kernel, strides, pads, ones,
          0.0, 0.0);
      // The [OH, OW] divisor broadcasts over the batch and channels.
      result = buildBroadcastingGeneric(
          rewriter, loc, cast<RankedTensorType>(sum.getType()),
          ValueRange{sum, divisor},
          [](OpBuilder &nb, Location nl, ValueRange args) -> Value {
            return arith::DivFOp::create(nb, nl, args[0], args[1]);
          });
    } else {
      AffineMap spatial = AffineMap::get(
          4, 0, {getAffineDimExpr(2, context), getAffineDimExpr(3, context)},
          context);
      result = buildPool(
          rewriter, loc, adaptor.getInput(), type, kernel, strides, pads, ones,
          0.0,
          [](OpBuilder &nb, Location nl, Value a, Value b) -> Value {
            return arith::AddFOp::create(nb, nl, a, b);
          },
          ValueRange{divisor}, {spatial},
          [](OpBuilder &nb, Location nl, Value sum, ValueRange args) -> Value {
            return arith::DivFOp::create(nb, nl, sum, args[0]);
          });
    }
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }

private:
  bool namedWindowOps;
};

/// Global pooling: reduce dims 2.. of [N, C, d...] into [N, C] starting from
/// `initValue` with `combine`, optionally divide by the element count, then
/// expand to [N, C, 1, ...].
template <typename OpTy, bool IsMax>
class GlobalPoolLowering : public OpConversionPattern<OpTy> {
public:
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type elementType = inputType.getElementType();
    int64_t rank = inputType.getRank();
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, input);
    Value acc = createFilledTensor(rewriter, loc, {sizes[0], sizes[1]},
                                   elementType, IsMax ? kNegInf : 0.0);
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, context),
        AffineMap::get(rank, 0,
                       {getAffineDimExpr(0, context),
                        getAffineDimExpr(1, context)},
                       context)};
    SmallVector<utils::IteratorType> iterators(2,
                                               utils::IteratorType::parallel);
    iterators.append(rank - 2, utils::IteratorType::reduction);
    Value reduced =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{acc.getType()}, ValueRange{input},
            ValueRange{acc}, maps, iterators,
            [](OpBuilder &nb, Location nl, ValueRange args) {
              Value v =
                  IsMax ? arith::MaximumFOp::create(nb, nl, args[1], args[0])
                              .getResult()
                        : arith::AddFOp::create(nb, nl, args[1], args[0])
                              .getResult();
              linalg::YieldOp::create(nb, nl, v);
            })
            .getResult(0);
    if (!IsMax) {
      int64_t count = 1;
      for (int64_t d : inputType.getShape().drop_front(2))
        count *= d;
      auto type = cast<RankedTensorType>(reduced.getType());
      Value divisor = createFloatConstant(rewriter, loc, elementType,
                                          static_cast<double>(count));
      reduced = buildBroadcastingGeneric(
          rewriter, loc, type, ValueRange{reduced},
          [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
            return arith::DivFOp::create(nb, nl, args[0], divisor);
          },
          {sizes[0], sizes[1]});
    }
    SmallVector<OpFoldResult> resultSizes = {sizes[0], sizes[1]};
    resultSizes.append(rank - 2, rewriter.getIndexAttr(1));
    ReassociationIndices tail;
    for (int64_t d = 1; d < rank; ++d)
      tail.push_back(d);
    Value result = expand(rewriter, loc, reduced, resultSizes, {{0}, tail});
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populatePoolingPatterns(
    RewritePatternSet &patterns, bool namedWindowOps) {
  patterns.add<MaxPoolOpLowering, AvgPoolOpLowering>(patterns.getContext(),
                                                     namedWindowOps);
  patterns.add<GlobalPoolLowering<GlobalAvgPoolOp, false>,
               GlobalPoolLowering<GlobalMaxPoolOp, true>>(
      patterns.getContext());
}
