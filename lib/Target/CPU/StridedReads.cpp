//===- StridedReads.cpp - Strided vector reads as contiguous reads --------===//
//
// A window with stride s reads every s-th input column. Vectorized along the
// output columns, a tap is a read of a slice with stride s in its innermost
// dim, which LLVM can only lower to single-element loads. Reading the s*V
// contiguous elements that cover the V wanted ones and keeping lanes
// 0, s, 2s, ... costs s vector loads and a few permutes, and needs no
// stride-phase copy of the input.
//
//===----------------------------------------------------------------------===//

#include "StridedReads.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace {

/// The number of leading lanes `mask` enables in its innermost dim when all
/// its other (unit) dims are enabled; null when it is not such a mask.
static OpFoldResult innermostMaskBound(Value mask) {
  if (auto constant = mask.getDefiningOp<vector::ConstantMaskOp>()) {
    ArrayRef<int64_t> sizes = constant.getMaskDimSizes();
    if (llvm::any_of(sizes.drop_back(), [](int64_t s) { return s != 1; }))
      return {};
    return IntegerAttr::get(IndexType::get(mask.getContext()), sizes.back());
  }
  if (auto create = mask.getDefiningOp<vector::CreateMaskOp>()) {
    for (Value bound : create.getOperands().drop_back())
      if (getConstantIntValue(bound) != 1)
        return {};
    return create.getOperands().back();
  }
  return {};
}

struct StridedReadAsShuffle : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    auto slice = read.getBase().getDefiningOp<tensor::ExtractSliceOp>();
    VectorType vectorType = read.getVectorType();
    if (!slice || vectorType.isScalable() ||
        !read.getPermutationMap().isMinorIdentity() ||
        vectorType.getRank() != slice.getType().getRank() ||
        slice.getSourceType().getRank() != slice.getType().getRank())
      return failure();
    ArrayRef<int64_t> shape = vectorType.getShape();
    if (llvm::any_of(shape.drop_back(), [](int64_t s) { return s != 1; }) ||
        llvm::any_of(read.getInBoundsValues(), [](bool b) { return !b; }))
      return failure();
    std::optional<int64_t> stride =
        getConstantIntValue(slice.getMixedStrides().back());
    if (!stride || *stride <= 1)
      return failure();
    int64_t lanes = shape.back();
    OpFoldResult size = slice.getMixedSizes().back();

    // A masked read must enable exactly the lanes up to the end of the
    // slice: the longer read then sees the other lanes out of bounds and
    // yields the padding for them, as the mask did.
    Operation *replaced = read;
    if (auto masked = dyn_cast<vector::MaskOp>(read->getParentOp())) {
      OpFoldResult bound = innermostMaskBound(masked.getMask());
      if (!bound || masked.hasPassthru() ||
          getConstantIntValue(read.getIndices().back()) != 0 ||
          !isEqualConstantIntOrValue(bound, size))
        return failure();
      replaced = masked;
    } else if (read.getMask()) {
      return failure();
    }

    Location loc = read.getLoc();
    // The contiguous span of the slice: its size in the innermost dim is
    // s * (size - 1) + 1 source elements.
    rewriter.setInsertionPoint(slice);
    SmallVector<OpFoldResult> sizes = slice.getMixedSizes();
    SmallVector<OpFoldResult> strides = slice.getMixedStrides();
    strides.back() = rewriter.getIndexAttr(1);
    if (std::optional<int64_t> staticSize = getConstantIntValue(size)) {
      sizes.back() = rewriter.getIndexAttr(*stride * (*staticSize - 1) + 1);
    } else {
      Value dynamic = cast<Value>(size);
      Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
      Value s = arith::ConstantIndexOp::create(rewriter, loc, *stride);
      sizes.back() = arith::AddIOp::create(
                         rewriter, loc,
                         arith::MulIOp::create(
                             rewriter, loc,
                             arith::SubIOp::create(rewriter, loc, dynamic, one),
                             s),
                         one)
                         .getResult();
    }
    Value span = tensor::ExtractSliceOp::create(
        rewriter, loc, slice.getSource(), slice.getMixedOffsets(), sizes,
        strides);

    rewriter.setInsertionPoint(replaced);
    SmallVector<Value> indices(read.getIndices());
    indices.back() = arith::MulIOp::create(
        rewriter, loc, indices.back(),
        arith::ConstantIndexOp::create(rewriter, loc, *stride));
    SmallVector<int64_t> wideShape(shape);
    wideShape.back() = lanes * *stride;
    auto wideType = VectorType::get(wideShape, vectorType.getElementType());
    SmallVector<bool> inBounds(shape.size(), true);
    // The last s - 1 elements lie past the span.
    inBounds.back() = false;
    Value wide = vector::TransferReadOp::create(
        rewriter, loc, wideType, span, indices, read.getPadding(),
        ArrayRef<bool>(inBounds));
    auto flatWide =
        VectorType::get({lanes * *stride}, vectorType.getElementType());
    Value flat = vector::ShapeCastOp::create(rewriter, loc, flatWide, wide);
    SmallVector<int64_t> picked;
    for (int64_t lane = 0; lane < lanes; ++lane)
      picked.push_back(lane * *stride);
    Value narrow = vector::ShuffleOp::create(rewriter, loc, flat, flat, picked);
    rewriter.replaceOp(replaced, vector::ShapeCastOp::create(
                                     rewriter, loc, vectorType, narrow)
                                     .getResult());
    return success();
  }
};

} // namespace

void rectify::cpu::populateStridedReadPatterns(RewritePatternSet &patterns) {
  patterns.add<StridedReadAsShuffle>(patterns.getContext());
}
