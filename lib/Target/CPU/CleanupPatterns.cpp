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

} // namespace

void rectify::cpu::populateScheduleCleanupPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  for (Dialect *dialect : ctx->getLoadedDialects())
    dialect->getCanonicalizationPatterns(patterns);
  for (RegisteredOperationName op : ctx->getRegisteredOperations())
    op.getCanonicalizationPatterns(patterns, ctx);
  tensor::populateFoldTensorEmptyPatterns(patterns);
  patterns.add<ReadOfSplatWrite>(ctx);
}
