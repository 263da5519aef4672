//===- Softmax.cpp - rect.softmax to linalg.generic -----------------------===//
//
// softmax(x)_i = exp(x_i - max(x)) / sum_j exp(x_j - max(x)) along one axis,
// as four linalg.generics:
//   1. max-reduce over the axis (init -inf, arith.maximumf, so NaN propagates),
//   2. exp(x - max) (all parallel, max broadcast along the axis),
//   3. sum-reduce of the exponentials over the axis (init 0),
//   4. exponentials divided by the sum (all parallel).
// Subtracting the maximum keeps exp from overflowing.
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

class SoftmaxOpLowering : public OpConversionPattern<SoftmaxOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    // The attribute is an I64Attr, whose getter returns it unsigned.
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;

    // Maps: the full iteration space, and the space without the axis.
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    SmallVector<AffineExpr> reducedExprs;
    for (int64_t i = 0; i < rank; ++i)
      if (i != axis)
        reducedExprs.push_back(getAffineDimExpr(i, context));
    AffineMap reduced = AffineMap::get(rank, 0, reducedExprs, context);
    SmallVector<utils::IteratorType> reductionIterators(
        rank, utils::IteratorType::parallel);
    reductionIterators[axis] = utils::IteratorType::reduction;
    SmallVector<utils::IteratorType> parallelIterators(
        rank, utils::IteratorType::parallel);

    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> reducedSizes(sizes);
    reducedSizes.erase(reducedSizes.begin() + axis);

    // Reduces `value` over the axis with `combine`, starting from `init`.
    auto reduce =
        [&](Value value, double init,
            function_ref<Value(OpBuilder &, Location, Value, Value)> combine)
        -> Value {
      Value acc =
          createFilledTensor(rewriter, loc, reducedSizes, elementType, init);
      return linalg::GenericOp::create(
                 rewriter, loc, TypeRange{acc.getType()}, ValueRange{value},
                 ValueRange{acc}, ArrayRef<AffineMap>{identity, reduced},
                 reductionIterators,
                 [&](OpBuilder &b, Location l, ValueRange args) {
                   linalg::YieldOp::create(b, l,
                                           combine(b, l, args[0], args[1]));
                 })
          .getResult(0);
    };
    // Elementwise `compute(x, r)` of a full tensor and a reduced one.
    auto combineWithReduced =
        [&](Value full, Value part,
            function_ref<Value(OpBuilder &, Location, Value, Value)> compute)
        -> Value {
      Value init = tensor::EmptyOp::create(rewriter, loc, sizes, elementType);
      return linalg::GenericOp::create(
                 rewriter, loc, TypeRange{init.getType()},
                 ValueRange{full, part}, ValueRange{init},
                 ArrayRef<AffineMap>{identity, reduced, identity},
                 parallelIterators,
                 [&](OpBuilder &b, Location l, ValueRange args) {
                   linalg::YieldOp::create(b, l,
                                           compute(b, l, args[0], args[1]));
                 })
          .getResult(0);
    };

    Value max =
        reduce(input, -std::numeric_limits<double>::infinity(),
               [](OpBuilder &b, Location l, Value x, Value acc) {
                 return arith::MaximumFOp::create(b, l, x, acc).getResult();
               });
    Value exps = combineWithReduced(
        input, max, [](OpBuilder &b, Location l, Value x, Value m) {
          Value shifted = arith::SubFOp::create(b, l, x, m);
          return math::ExpOp::create(b, l, shifted).getResult();
        });
    Value sum =
        reduce(exps, 0.0, [](OpBuilder &b, Location l, Value e, Value acc) {
          return arith::AddFOp::create(b, l, e, acc).getResult();
        });
    Value result = combineWithReduced(
        exps, sum, [](OpBuilder &b, Location l, Value e, Value s) {
          return arith::DivFOp::create(b, l, e, s).getResult();
        });
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateSoftmaxPatterns(
    RewritePatternSet &patterns) {
  patterns.add<SoftmaxOpLowering>(patterns.getContext());
}
