//===- Shape.cpp - Shape ops and constants to tensor/linalg/arith ---------===//
//
// rect.reshape and rect.flatten become tensor.collapse_shape or
// tensor.expand_shape when the new shape merges or splits contiguous groups
// of dims, and tensor.reshape with a shape tensor otherwise. A dynamic extent
// is computed from tensor.dim and the static sizes. rect.transpose becomes
// linalg.transpose; rect.constant becomes arith.constant with the very same
// elements attribute (a dense_resource blob stays one).
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

using namespace mlir;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

namespace {

/// Groups consecutive dims of `big` so the static sizes of each group multiply
/// to the matching entry of `small`, consuming `big` from its front. Returns
/// the groups and sets `consumed` to the number of dims of `big` used, or
/// fails. Every size involved must be static.
std::optional<SmallVector<ReassociationIndices>>
matchStaticGroups(ArrayRef<int64_t> big, ArrayRef<int64_t> small,
                  int64_t &consumed) {
  SmallVector<ReassociationIndices> groups;
  int64_t next = 0, end = big.size();
  for (int64_t target : small) {
    if (target == kDynamic || target == 0)
      return std::nullopt;
    ReassociationIndices group;
    int64_t product = 1;
    while (next < end && (group.empty() || product < target)) {
      if (big[next] == kDynamic || big[next] == 0)
        return std::nullopt;
      product *= big[next];
      group.push_back(next++);
    }
    if (product != target)
      return std::nullopt;
    groups.push_back(std::move(group));
  }
  consumed = next;
  return groups;
}

/// Reassociation collapsing a tensor of shape `big` into shape `small`, or
/// nullopt when `small` does not merge contiguous groups of `big`. Each shape
/// has at most one dynamic dim; when present, the two must face each other
/// (the dynamic dim of `small` is the group holding the one of `big`).
std::optional<SmallVector<ReassociationIndices>>
findCollapseReassociation(ArrayRef<int64_t> big, ArrayRef<int64_t> small) {
  const auto *bigDynamic = llvm::find(big, kDynamic);
  const auto *smallDynamic = llvm::find(small, kDynamic);
  bool hasBigDynamic = bigDynamic != big.end();
  bool hasSmallDynamic = smallDynamic != small.end();
  if (hasBigDynamic != hasSmallDynamic)
    return std::nullopt;

  if (!hasBigDynamic) {
    int64_t consumed = 0;
    auto groups = matchStaticGroups(big, small, consumed);
    if (!groups)
      return std::nullopt;
    // Trailing unit dims join the last group; collapsing to rank 0 takes
    // only unit dims and no group at all.
    for (int64_t i = consumed, e = big.size(); i < e; ++i) {
      if (big[i] != 1)
        return std::nullopt;
      if (!groups->empty())
        groups->back().push_back(i);
    }
    return groups;
  }

  // Static groups on both sides of the dynamic group, the dynamic group takes
  // whatever lies between them.
  int64_t bigPos = bigDynamic - big.begin();
  int64_t smallPos = smallDynamic - small.begin();
  int64_t leftConsumed = 0, rightConsumed = 0;
  auto left = matchStaticGroups(big.take_front(bigPos),
                                small.take_front(smallPos), leftConsumed);
  SmallVector<int64_t> bigTail(llvm::reverse(big.drop_front(bigPos + 1)));
  SmallVector<int64_t> smallTail(llvm::reverse(small.drop_front(smallPos + 1)));
  auto right = matchStaticGroups(bigTail, smallTail, rightConsumed);
  if (!left || !right)
    return std::nullopt;

  SmallVector<ReassociationIndices> groups = std::move(*left);
  int64_t bigRank = big.size();
  ReassociationIndices middle;
  for (int64_t i = leftConsumed; i < bigRank - rightConsumed; ++i)
    middle.push_back(i);
  groups.push_back(std::move(middle));
  // Mirror the right groups back into ascending order.
  for (const ReassociationIndices &reversed : llvm::reverse(*right)) {
    ReassociationIndices group;
    for (int64_t i : llvm::reverse(reversed))
      group.push_back(bigRank - 1 - i);
    groups.push_back(std::move(group));
  }
  return groups;
}

/// Reshapes `input` to `resultType` (same element count, row-major order).
Value buildReshape(OpBuilder &builder, Location loc, Value input,
                   RankedTensorType resultType) {
  auto inputType = cast<RankedTensorType>(input.getType());
  if (inputType == resultType)
    return input;
  ArrayRef<int64_t> inShape = inputType.getShape();
  ArrayRef<int64_t> outShape = resultType.getShape();

  auto castToResult = [&](Value value) -> Value {
    if (value.getType() == resultType)
      return value;
    return tensor::CastOp::create(builder, loc, resultType, value);
  };

  if (inShape.size() > outShape.size()) {
    if (auto reassociation = findCollapseReassociation(inShape, outShape))
      return castToResult(collapse(builder, loc, input, *reassociation));
  } else if (inShape.size() < outShape.size()) {
    if (auto reassociation = findCollapseReassociation(outShape, inShape)) {
      SmallVector<OpFoldResult> inSizes =
          tensor::getMixedSizes(builder, loc, input);
      // Static sizes as they are (unit dims outside every group occur only
      // when expanding rank 0); a dynamic result dim is its source dim
      // divided by the static sizes of its group.
      SmallVector<OpFoldResult> outSizes;
      for (int64_t d : outShape)
        outSizes.push_back(builder.getIndexAttr(d == kDynamic ? 0 : d));
      for (auto [srcDim, group] : llvm::enumerate(*reassociation)) {
        int64_t staticProduct = 1;
        for (int64_t d : group)
          if (outShape[d] != kDynamic)
            staticProduct *= outShape[d];
        for (int64_t d : group) {
          if (outShape[d] != kDynamic)
            continue;
          Value size =
              getValueOrCreateConstantIndexOp(builder, loc, inSizes[srcDim]);
          if (staticProduct != 1)
            size = arith::DivUIOp::create(
                builder, loc, size,
                arith::ConstantIndexOp::create(builder, loc, staticProduct));
          outSizes[d] = size;
        }
      }
      return castToResult(
          expand(builder, loc, input, outSizes, *reassociation));
    }
  }

  // General case: tensor.reshape with a shape tensor; the dynamic extent is
  // the element count divided by the static result sizes.
  int64_t staticProduct = 1;
  for (int64_t d : outShape)
    if (d != kDynamic)
      staticProduct *= d;
  SmallVector<OpFoldResult> inSizes;
  if (!resultType.hasStaticShape())
    inSizes = tensor::getMixedSizes(builder, loc, input);
  SmallVector<Value> shape;
  for (int64_t d : outShape) {
    if (d != kDynamic) {
      shape.push_back(arith::ConstantIndexOp::create(builder, loc, d));
      continue;
    }
    Value total = getValueOrCreateConstantIndexOp(
        builder, loc, multiplySizes(builder, loc, inSizes));
    if (staticProduct != 1)
      total = arith::DivUIOp::create(
          builder, loc, total,
          arith::ConstantIndexOp::create(builder, loc, staticProduct));
    shape.push_back(total);
  }
  auto shapeType = RankedTensorType::get({static_cast<int64_t>(shape.size())},
                                         builder.getIndexType());
  Value shapeTensor =
      tensor::FromElementsOp::create(builder, loc, shapeType, shape);
  return tensor::ReshapeOp::create(builder, loc, resultType, input,
                                   shapeTensor);
}

class ReshapeOpLowering : public OpConversionPattern<ReshapeOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, buildReshape(rewriter, op.getLoc(),
                                        adaptor.getInput(), op.getType()));
    return success();
  }
};

class FlattenOpLowering : public OpConversionPattern<FlattenOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FlattenOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op,
                       buildReshape(rewriter, op.getLoc(), adaptor.getInput(),
                                    cast<RankedTensorType>(op.getType())));
    return success();
  }
};

class TransposeOpLowering : public OpConversionPattern<TransposeOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    ArrayRef<int64_t> permutation = op.getPermutation();
    SmallVector<OpFoldResult> inSizes =
        tensor::getMixedSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> outSizes;
    for (int64_t p : permutation)
      outSizes.push_back(inSizes[p]);
    Value init = tensor::EmptyOp::create(
        rewriter, loc, outSizes,
        cast<RankedTensorType>(input.getType()).getElementType());
    Value result =
        linalg::TransposeOp::create(rewriter, loc, input, init, permutation)
            ->getResult(0);
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

class ConstantOpLowering : public OpConversionPattern<ConstantOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto value = dyn_cast<TypedAttr>(Attribute(op.getValue()));
    if (!value)
      return rewriter.notifyMatchFailure(op, "value is not a typed attribute");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, value);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateShapePatterns(
    RewritePatternSet &patterns) {
  patterns.add<ReshapeOpLowering, FlattenOpLowering, TransposeOpLowering,
               ConstantOpLowering>(patterns.getContext());
}
