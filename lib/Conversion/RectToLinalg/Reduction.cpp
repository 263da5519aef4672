//===- Reduction.cpp - rect.reduce_* to linalg.generic --------------------===//
//
// A reduction is one linalg.generic over the input's iteration space with
// the reduced dims as reduction iterators, accumulating into a tensor of the
// kept dims filled with the identity (0, -inf, +inf; arith.maximumf and
// minimumf propagate NaN). reduce_mean divides the sum by the element count.
// With keepdims the reduced dims come back as 1s through
// tensor.expand_shape.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace rectify::rect_to_linalg {

Value buildReduction(
    OpBuilder &builder, Location loc, Value input, ArrayRef<int64_t> axes,
    double init,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  MLIRContext *context = builder.getContext();
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  SmallVector<AffineExpr> keptExprs;
  SmallVector<OpFoldResult> keptSizes;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t i = 0; i < rank; ++i) {
    if (llvm::is_contained(axes, i)) {
      iterators.push_back(utils::IteratorType::reduction);
      continue;
    }
    iterators.push_back(utils::IteratorType::parallel);
    keptExprs.push_back(getAffineDimExpr(i, context));
    keptSizes.push_back(tensor::getMixedSize(builder, loc, input, i));
  }
  Value acc = createFilledTensor(builder, loc, keptSizes,
                                 type.getElementType(), init);
  AffineMap identity = builder.getMultiDimIdentityMap(rank);
  AffineMap kept = AffineMap::get(rank, 0, keptExprs, context);
  return linalg::GenericOp::create(
             builder, loc, TypeRange{acc.getType()}, ValueRange{input},
             ValueRange{acc}, ArrayRef<AffineMap>{identity, kept}, iterators,
             [&](OpBuilder &b, Location l, ValueRange args) {
               linalg::YieldOp::create(b, l, combine(b, l, args[0], args[1]));
             })
      .getResult(0);
}

} // namespace rectify::rect_to_linalg

namespace {

enum class ReduceKind { Sum, Mean, Max, Min };

template <typename OpTy, ReduceKind Kind>
struct ReduceOpLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> axes = op.getAxes();
    constexpr double kInf = std::numeric_limits<double>::infinity();
    double init = Kind == ReduceKind::Max   ? -kInf
                  : Kind == ReduceKind::Min ? kInf
                                            : 0.0;
    Value result = buildReduction(
        rewriter, loc, input, axes, init,
        [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
          if constexpr (Kind == ReduceKind::Max)
            return arith::MaximumFOp::create(b, l, x, acc);
          if constexpr (Kind == ReduceKind::Min)
            return arith::MinimumFOp::create(b, l, x, acc);
          return arith::AddFOp::create(b, l, x, acc);
        });
    if constexpr (Kind == ReduceKind::Mean) {
      SmallVector<OpFoldResult> reducedSizes;
      for (int64_t axis : axes)
        reducedSizes.push_back(tensor::getMixedSize(rewriter, loc, input, axis));
      OpFoldResult count = multiplySizes(rewriter, loc, reducedSizes);
      Value divisor;
      if (std::optional<int64_t> c = getConstantIntValue(count)) {
        divisor = createFloatConstant(rewriter, loc, type.getElementType(),
                                      static_cast<double>(*c));
      } else {
        Value asInt = arith::IndexCastOp::create(
            rewriter, loc, rewriter.getI64Type(), cast<Value>(count));
        divisor = arith::SIToFPOp::create(rewriter, loc, type.getElementType(),
                                          asInt);
      }
      auto sumType = cast<RankedTensorType>(result.getType());
      result = buildBroadcastingGeneric(
          rewriter, loc, sumType, ValueRange{result},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::DivFOp::create(b, l, args[0], divisor);
          });
    }
    if (op.getKeepdims() && !axes.empty()) {
      // Re-insert the reduced dims as 1s: each joins a neighbouring group.
      int64_t rank = type.getRank();
      SmallVector<ReassociationIndices> groups =
          getDropUnitDimsReassociation(rank, axes);
      SmallVector<OpFoldResult> sizes;
      for (int64_t i = 0; i < rank; ++i)
        sizes.push_back(llvm::is_contained(axes, i)
                            ? rewriter.getIndexAttr(1)
                            : tensor::getMixedSize(rewriter, loc, input, i));
      result = expand(rewriter, loc, result, sizes, groups);
    }
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateReductionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ReduceOpLowering<ReduceSumOp, ReduceKind::Sum>,
               ReduceOpLowering<ReduceMeanOp, ReduceKind::Mean>,
               ReduceOpLowering<ReduceMaxOp, ReduceKind::Max>,
               ReduceOpLowering<ReduceMinOp, ReduceKind::Min>>(
      patterns.getContext());
}
