//===- PackWeights.cpp - Compile-time layout of matmul weights ------------===//
//
// Implements rectify-cpu-pack-weights. rect.linear keeps W as [N, K] (the
// ONNX/PyTorch layout) and lowers to a matmul that reads W transposed; the
// vector kernel wants W rows contiguous along N, so constant weights are
// transposed once here, at compile time, instead of on every call.
//
//===----------------------------------------------------------------------===//

#include "rectify/Target/CPU/Passes.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUPACKWEIGHTS
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

/// The [N, K] -> [K, N] transpose of a constant matrix (inline constants stay
/// inline, blobs stay blobs), or failure when the payload is not readable.
FailureOr<ElementsAttr> transposeConstant(ElementsAttr value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() != 2)
    return failure();
  auto transposedType = RankedTensorType::get(
      {type.getDimSize(1), type.getDimSize(0)}, type.getElementType());
  ElementsAttr transposed =
      rectify::rect::transposeElements(value, {1, 0}, transposedType);
  if (!transposed)
    return failure();
  return transposed;
}

/// True when `op` reads its right operand as B[n, k] (x · Wᵀ).
bool readsTransposedRhs(linalg::MatmulOp op) {
  MLIRContext *ctx = op.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  return maps.size() == 3 && maps[0] == AffineMap::get(3, 0, {m, k}, ctx) &&
         maps[1] == AffineMap::get(3, 0, {n, k}, ctx) &&
         maps[2] == AffineMap::get(3, 0, {m, n}, ctx);
}

struct PackTransposedMatmulRhs : OpRewritePattern<linalg::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::MatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || !readsTransposedRhs(op))
      return rewriter.notifyMatchFailure(op, "not a tensor x·Wᵀ matmul");
    Location loc = op.getLoc();
    Value rhs = op.getDpsInputOperand(1)->get();
    auto rhsType = cast<RankedTensorType>(rhs.getType());
    Value packed;
    ElementsAttr constant;
    if (matchPattern(rhs, m_Constant(&constant))) {
      FailureOr<ElementsAttr> transposed = transposeConstant(constant);
      if (failed(transposed))
        return rewriter.notifyMatchFailure(op, "unreadable constant weight");
      packed = arith::ConstantOp::create(rewriter, loc, *transposed);
    } else {
      // Runtime weights: one explicit transpose per call.
      SmallVector<OpFoldResult> sizes =
          tensor::getMixedSizes(rewriter, loc, rhs);
      std::swap(sizes[0], sizes[1]);
      Value init = tensor::EmptyOp::create(rewriter, loc, sizes,
                                           rhsType.getElementType());
      packed = linalg::TransposeOp::create(rewriter, loc, rhs, init,
                                           ArrayRef<int64_t>{1, 0})
                   ->getResult(0);
    }
    auto matmul = linalg::MatmulOp::create(
        rewriter, loc, op.getResultTypes(),
        ValueRange{op.getDpsInputOperand(0)->get(), packed},
        op.getDpsInits());
    rewriter.replaceOp(op, matmul->getResults());
    return success();
  }
};

struct CPUPackWeightsPass
    : rectify::cpu::impl::CPUPackWeightsBase<CPUPackWeightsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<PackTransposedMatmulRhs>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
