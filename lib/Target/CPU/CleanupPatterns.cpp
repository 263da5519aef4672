//===- CleanupPatterns.cpp - Clean-ups between CPU schedule steps ---------===//

#include "CleanupPatterns.h"

#include "mlir/Dialect/Tensor/Transforms/Transforms.h"

using namespace mlir;

void rectify::cpu::populateScheduleCleanupPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  for (Dialect *dialect : ctx->getLoadedDialects())
    dialect->getCanonicalizationPatterns(patterns);
  for (RegisteredOperationName op : ctx->getRegisteredOperations())
    op.getCanonicalizationPatterns(patterns, ctx);
  tensor::populateFoldTensorEmptyPatterns(patterns);
}
