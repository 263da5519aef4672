//===- CleanupPatterns.cpp - Clean-ups between CPU schedule steps ---------===//

#include "CleanupPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace {

/// A read from a tensor that a splat vector wholly overwrote is that splat:
/// a fused fill's zero tile read back, at another rank, as the accumulator.
/// (vector.transfer_read folds its own write only at the same vector type.)
struct ReadOfSplatWrite : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    auto write = read.getBase().getDefiningOp<vector::TransferWriteOp>();
    if (!write || read.getMask() || write.getMask() ||
        read.hasOutOfBoundsDim() || write.hasOutOfBoundsDim() ||
        !write.getPermutationMap().isMinorIdentity())
      return failure();
    auto tensorType = dyn_cast<RankedTensorType>(write.getBase().getType());
    if (!tensorType || write.getVectorType().getShape() != tensorType.getShape())
      return failure();
    SplatElementsAttr splat;
    if (!matchPattern(write.getVector(), m_Constant(&splat)))
      return failure();
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        read, SplatElementsAttr::get(read.getVectorType(),
                                     splat.getSplatValue<Attribute>()));
    return success();
  }
};

/// A per-row value (a bias per filter) broadcast along the lanes arrives as
/// transpose(broadcast(v : R -> L x R)) : R x L, which the transpose lowering
/// makes one shuffle of R * L elements. Broadcasting v as an R x 1 column
/// gives each row a splat of its scalar instead.
struct TransposedBroadcastAsColumn : OpRewritePattern<vector::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransposeOp transpose,
                                PatternRewriter &rewriter) const override {
    auto broadcast = transpose.getVector().getDefiningOp<vector::BroadcastOp>();
    auto sourceType =
        broadcast ? dyn_cast<VectorType>(broadcast.getSourceType()) : nullptr;
    if (!sourceType || sourceType.getRank() != 1)
      return failure();
    ArrayRef<int64_t> perm = transpose.getPermutation();
    unsigned rank = perm.size();
    if (rank < 2 || perm[rank - 2] != rank - 1 || perm[rank - 1] != rank - 2)
      return failure();
    for (unsigned d = 0; d + 2 < rank; ++d)
      if (perm[d] != d)
        return failure();
    VectorType resultType = transpose.getResultVectorType();
    if (llvm::any_of(resultType.getShape().drop_back(2),
                     [](int64_t s) { return s != 1; }) ||
        resultType.getDimSize(rank - 2) != sourceType.getDimSize(0))
      return failure();
    auto columnType = VectorType::get({sourceType.getDimSize(0), 1},
                                      sourceType.getElementType());
    Value column = vector::ShapeCastOp::create(rewriter, transpose.getLoc(),
                                               columnType, broadcast.getSource());
    rewriter.replaceOpWithNewOp<vector::BroadcastOp>(transpose, resultType,
                                                     column);
    return success();
  }
};

/// A transpose that only moves unit dims keeps the order of the elements:
/// a shape_cast. (The 1-D shuffle lowering would flatten it into one long
/// shuffle whose rows, at offsets that are not whole registers, LLVM
/// assembles element by element.)
struct UnitDimTransposeAsShapeCast : OpRewritePattern<vector::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::TransposeOp transpose,
                                PatternRewriter &rewriter) const override {
    VectorType sourceType = transpose.getSourceVectorType();
    if (sourceType.isScalable())
      return failure();
    int64_t previous = -1;
    for (int64_t dim : transpose.getPermutation()) {
      if (sourceType.getDimSize(dim) == 1)
        continue;
      if (dim < previous)
        return failure();
      previous = dim;
    }
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(
        transpose, transpose.getResultVectorType(), transpose.getVector());
    return success();
  }
};

/// maximumf / minimumf of a vector and a splat constant that is not NaN (a
/// ReLU or a clip bound) as a compare and a select ordered so that x86
/// matches one vmaxps / vminps: select(x < c, c, x) is MAXPS(c, x), which
/// returns x when x is NaN, as maximumf does. LLVM lowers maximumf itself
/// with an extra compare and blend per vector to propagate NaN. The one
/// difference: max(-0, +0) keeps -0 (equal values).
template <typename MinMaxOp, arith::CmpFPredicate predicate>
struct ClampAsSelect : OpRewritePattern<MinMaxOp> {
  using OpRewritePattern<MinMaxOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(MinMaxOp op,
                                PatternRewriter &rewriter) const override {
    if (!isa<VectorType>(op.getType()))
      return failure();
    Value x = op.getLhs(), bound = op.getRhs();
    SplatElementsAttr splat;
    if (!matchPattern(bound, m_Constant(&splat))) {
      std::swap(x, bound);
      if (!matchPattern(bound, m_Constant(&splat)))
        return failure();
    }
    auto value = dyn_cast<FloatAttr>(splat.getSplatValue<Attribute>());
    if (!value || value.getValue().isNaN())
      return failure();
    Value beyond =
        arith::CmpFOp::create(rewriter, op.getLoc(), predicate, x, bound);
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, beyond, bound, x);
    return success();
  }
};

/// A chain of maximumf (minimumf) ops over n vectors, a pooling window's
/// taps, as n - 1 compare + select steps that x86 matches to one vmaxps
/// (vminps) each, and one unordered compare per pair of leaves: any NaN
/// leaf makes the result NaN, as maximumf does. LLVM lowers each maximumf
/// to about six instructions (it also orders -0 below +0, which this drops:
/// equal values keep the earlier leaf). A chain with a constant leaf is
/// left to ClampAsSelect.
template <typename MinMaxOp, arith::CmpFPredicate predicate>
struct MinMaxChainAsSelects : OpRewritePattern<MinMaxOp> {
  using OpRewritePattern<MinMaxOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(MinMaxOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<VectorType>(op.getType());
    if (!type)
      return failure();
    // Only the root: the inner links are rewritten with it.
    if (op->hasOneUse() && isa<MinMaxOp>(*op->user_begin()))
      return failure();
    SmallVector<Value> leaves;
    std::function<void(Value)> collect = [&](Value value) {
      auto link = value.getDefiningOp<MinMaxOp>();
      if (link && (link == op || link->hasOneUse())) {
        collect(link.getLhs());
        collect(link.getRhs());
        return;
      }
      leaves.push_back(value);
    };
    collect(op.getResult());
    if (llvm::any_of(leaves, [](Value leaf) {
          return matchPattern(leaf, m_Constant());
        }))
      return failure();
    Location loc = op.getLoc();
    Value extreme = leaves.front();
    for (Value leaf : llvm::drop_begin(leaves)) {
      Value wins =
          arith::CmpFOp::create(rewriter, loc, predicate, leaf, extreme);
      extreme = arith::SelectOp::create(rewriter, loc, wins, leaf, extreme);
    }
    Value anyNaN;
    for (size_t i = 0; i < leaves.size(); i += 2) {
      Value pair = leaves[std::min(i + 1, leaves.size() - 1)];
      Value nan = arith::CmpFOp::create(
          rewriter, loc, arith::CmpFPredicate::UNO, leaves[i], pair);
      anyNaN = anyNaN ? arith::OrIOp::create(rewriter, loc, anyNaN, nan) : nan;
    }
    auto elementType = cast<FloatType>(type.getElementType());
    Value quietNaN = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(
            type, APFloat::getQNaN(elementType.getFloatSemantics())));
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, anyNaN, quietNaN,
                                                 extreme);
    return success();
  }
};

} // namespace

void rectify::cpu::populateScheduleCleanupPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  for (Dialect *dialect : ctx->getLoadedDialects())
    dialect->getCanonicalizationPatterns(patterns);
  for (RegisteredOperationName op : ctx->getRegisteredOperations())
    op.getCanonicalizationPatterns(patterns, ctx);
  tensor::populateFoldTensorEmptyPatterns(patterns);
  using arith::CmpFPredicate;
  patterns.add<ReadOfSplatWrite, TransposedBroadcastAsColumn,
               UnitDimTransposeAsShapeCast,
               ClampAsSelect<arith::MaximumFOp, CmpFPredicate::OLT>,
               ClampAsSelect<arith::MinimumFOp, CmpFPredicate::OGT>,
               MinMaxChainAsSelects<arith::MaximumFOp, CmpFPredicate::OGT>,
               MinMaxChainAsSelects<arith::MinimumFOp, CmpFPredicate::OLT>>(ctx);
}
