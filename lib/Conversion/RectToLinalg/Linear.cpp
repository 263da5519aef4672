//===- Linear.cpp - rect.linear and rect.matmul to linalg -----------------===//
//
// rect.linear y = act(x * W^T + b) lowers to the shape the CPU back end tiles
// and fuses (for x of rank 2; other ranks are viewed as [M, K] first):
//
//   %e   = tensor.empty(M) : tensor<MxNxf32>
//   %f   = linalg.fill ins(%zero) outs(%e)
//   %mm  = linalg.matmul indexing_maps = [(m,n,k)->(m,k), (m,n,k)->(n,k),
//                                         (m,n,k)->(m,n)]
//            ins(%x, %W) outs(%f)
//   %e2  = tensor.empty(M) : tensor<MxNxf32>
//   %y   = linalg.generic {parallel, parallel}
//            ins(%mm, %bias?, %slope?) outs(%e2) { addf, activation, yield }
//
// The epilogue writes a fresh tensor.empty (not the matmul result) and exists
// only when there is a bias or an activation. A rank-1 x is expanded to
// [1, K]; a rank > 2 x has its leading dims collapsed into M, and the result
// is reshaped back to [..., N] after the epilogue.
//
// rect.matmul follows numpy: 1-D operands are promoted to matrices with a unit
// dim that is collapsed away after; an unbatched rhs folds lhs batch dims into
// M (one linalg.matmul); otherwise both operands are broadcast to the common
// batch shape (a linalg.generic copy only where they differ from it), batch
// dims are collapsed into one, and linalg.batch_matmul computes the product.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Conversion/RectToLinalg/RectToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <numeric>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

/// Reassociation [[0, ..., rank - 2], [rank - 1]]: all leading dims into one.
SmallVector<ReassociationIndices> leadingDimsIntoOne(int64_t rank) {
  ReassociationIndices leading(rank - 1);
  std::iota(leading.begin(), leading.end(), 0);
  return {leading, {rank - 1}};
}

/// Indexing maps of a matmul reading its rhs transposed: C[m, n] += A[m, k] *
/// B[n, k].
ArrayAttr getTransposedRhsMaps(OpBuilder &builder) {
  MLIRContext *context = builder.getContext();
  AffineExpr m, n, k;
  bindDims(context, m, n, k);
  auto map = [&](ArrayRef<AffineExpr> results) -> Attribute {
    return AffineMapAttr::get(AffineMap::get(3, 0, results, context));
  };
  return builder.getArrayAttr({map({m, k}), map({n, k}), map({m, n})});
}

/// Zero-filled accumulator of `sizes` and element type `elementType`.
Value createAccumulator(OpBuilder &builder, Location loc,
                        ArrayRef<OpFoldResult> sizes, Type elementType) {
  return createFilledTensor(builder, loc, sizes, elementType, 0.0);
}

class LinearOpLowering : public OpConversionPattern<LinearOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(LinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    Value weight = adaptor.getWeight();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type elementType = inputType.getElementType();
    int64_t rank = inputType.getRank();
    SmallVector<OpFoldResult> inputSizes;
    if (rank != 2)
      inputSizes = tensor::getMixedSizes(rewriter, loc, input);

    // View x as a matrix [M, K].
    Value matrix = input;
    if (rank == 1)
      matrix = expand(rewriter, loc, input,
                      {rewriter.getIndexAttr(1), inputSizes[0]}, {{0, 1}});
    else if (rank > 2)
      matrix = collapse(rewriter, loc, input, leadingDimsIntoOne(rank));

    OpFoldResult m = tensor::getMixedSize(rewriter, loc, matrix, 0);
    OpFoldResult n = tensor::getMixedSize(rewriter, loc, weight, 0);
    Value acc = createAccumulator(rewriter, loc, {m, n}, elementType);
    auto matmul =
        linalg::MatmulOp::create(rewriter, loc, TypeRange{acc.getType()},
                                 ValueRange{matrix, weight}, ValueRange{acc});
    matmul.setIndexingMapsAttr(getTransposedRhsMaps(rewriter));
    Value result = matmul.getResult(0);

    ActivationAttr activation = op.getActivation();
    Value bias = adaptor.getBias();
    Value slope = adaptor.getSlope();
    if (bias || !activation.isIdentity()) {
      SmallVector<Value> inputs = {result};
      if (bias)
        inputs.push_back(bias);
      if (slope)
        inputs.push_back(slope);
      result = buildBroadcastingGeneric(
          rewriter, loc, cast<RankedTensorType>(result.getType()), inputs,
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value value = args[0];
            if (bias)
              value = arith::AddFOp::create(b, l, value, args[1]);
            return emitActivation(b, l, activation, value,
                                  slope ? args.back() : Value());
          },
          /*resultSizes=*/{m, n});
    }

    // Back to [..., N].
    if (rank == 1) {
      result = collapse(rewriter, loc, result, {{0, 1}});
    } else if (rank > 2) {
      SmallVector<OpFoldResult> sizes(ArrayRef(inputSizes).drop_back());
      sizes.push_back(n);
      result = expand(rewriter, loc, result, sizes, leadingDimsIntoOne(rank));
    }
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

class MatMulOpLowering : public OpConversionPattern<MatMulOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getLhs();
    Value rhs = adaptor.getRhs();
    Type elementType = op.getType().getElementType();

    // Promote 1-D operands to matrices: [K] -> [1, K] (lhs), [K, 1] (rhs).
    bool lhsIsVector = cast<RankedTensorType>(lhs.getType()).getRank() == 1;
    bool rhsIsVector = cast<RankedTensorType>(rhs.getType()).getRank() == 1;
    OpFoldResult one = rewriter.getIndexAttr(1);
    if (lhsIsVector)
      lhs =
          expand(rewriter, loc, lhs,
                 {one, tensor::getMixedSize(rewriter, loc, lhs, 0)}, {{0, 1}});
    if (rhsIsVector)
      rhs =
          expand(rewriter, loc, rhs,
                 {tensor::getMixedSize(rewriter, loc, rhs, 0), one}, {{0, 1}});

    auto lhsType = cast<RankedTensorType>(lhs.getType());
    auto rhsType = cast<RankedTensorType>(rhs.getType());
    SmallVector<OpFoldResult> lhsSizes =
        tensor::getMixedSizes(rewriter, loc, lhs);
    SmallVector<OpFoldResult> rhsSizes =
        tensor::getMixedSizes(rewriter, loc, rhs);
    OpFoldResult n = rhsSizes.back();

    Value result;
    if (rhsType.getRank() == 2) {
      // Unbatched rhs: lhs batch dims fold into M, one linalg.matmul.
      int64_t lhsRank = lhsType.getRank();
      Value matrix = lhsRank > 2 ? collapse(rewriter, loc, lhs,
                                            leadingDimsIntoOne(lhsRank))
                                 : lhs;
      OpFoldResult rows = tensor::getMixedSize(rewriter, loc, matrix, 0);
      Value acc = createAccumulator(rewriter, loc, {rows, n}, elementType);
      result =
          linalg::MatmulOp::create(rewriter, loc, TypeRange{acc.getType()},
                                   ValueRange{matrix, rhs}, ValueRange{acc})
              .getResult(0);
      if (lhsRank > 2) {
        SmallVector<OpFoldResult> sizes(ArrayRef(lhsSizes).drop_back());
        sizes.push_back(n);
        result =
            expand(rewriter, loc, result, sizes, leadingDimsIntoOne(lhsRank));
      }
    } else {
      FailureOr<Value> batched =
          buildBatchedMatmul(rewriter, loc, lhs, rhs, lhsSizes, rhsSizes);
      if (failed(batched))
        return rewriter.notifyMatchFailure(op, "batch dims do not broadcast");
      result = *batched;
    }

    // Remove the unit dims of promoted operands.
    int64_t rank = cast<RankedTensorType>(result.getType()).getRank();
    SmallVector<int64_t> unitDims;
    if (lhsIsVector)
      unitDims.push_back(rank - 2);
    if (rhsIsVector)
      unitDims.push_back(rank - 1);
    if (!unitDims.empty())
      result = collapse(rewriter, loc, result,
                        getDropUnitDimsReassociation(rank, unitDims));
    if (result.getType() != op.getType())
      result = tensor::CastOp::create(rewriter, loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }

private:
  /// lhs [..., M, K] times rhs [..., K, N] with at least one batch dim on rhs.
  static FailureOr<Value> buildBatchedMatmul(OpBuilder &builder, Location loc,
                                             Value lhs, Value rhs,
                                             ArrayRef<OpFoldResult> lhsSizes,
                                             ArrayRef<OpFoldResult> rhsSizes) {
    auto lhsType = cast<RankedTensorType>(lhs.getType());
    auto rhsType = cast<RankedTensorType>(rhs.getType());
    Type elementType = lhsType.getElementType();
    ArrayRef<int64_t> lhsBatch = lhsType.getShape().drop_back(2);
    ArrayRef<int64_t> rhsBatch = rhsType.getShape().drop_back(2);
    FailureOr<SmallVector<int64_t>> batchShape =
        broadcastShapes(lhsBatch, rhsBatch);
    if (failed(batchShape))
      return failure();
    int64_t numBatch = batchShape->size();

    // Sizes of the common batch dims, from an operand not broadcast there.
    SmallVector<OpFoldResult> batchSizes;
    for (int64_t i = 0; i < numBatch; ++i) {
      int64_t lhsDim = i - (numBatch - static_cast<int64_t>(lhsBatch.size()));
      int64_t rhsDim = i - (numBatch - static_cast<int64_t>(rhsBatch.size()));
      if (lhsDim >= 0 && lhsBatch[lhsDim] != 1)
        batchSizes.push_back(lhsSizes[lhsDim]);
      else if (rhsDim >= 0 && rhsBatch[rhsDim] != 1)
        batchSizes.push_back(rhsSizes[rhsDim]);
      else
        batchSizes.push_back(builder.getIndexAttr(1));
    }

    // Broadcast an operand to the common batch dims when it differs.
    auto broadcastOperand = [&](Value operand, ArrayRef<int64_t> shape,
                                ArrayRef<OpFoldResult> sizes) -> Value {
      ArrayRef<int64_t> batch = shape.drop_back(2);
      if (batch == ArrayRef<int64_t>(*batchShape))
        return operand;
      SmallVector<int64_t> fullShape(*batchShape);
      llvm::append_range(fullShape, shape.take_back(2));
      SmallVector<OpFoldResult> fullSizes(batchSizes);
      llvm::append_range(fullSizes, sizes.take_back(2));
      return broadcastTo(builder, loc, operand,
                         RankedTensorType::get(fullShape, elementType),
                         fullSizes);
    };
    lhs = broadcastOperand(lhs, lhsType.getShape(), lhsSizes);
    rhs = broadcastOperand(rhs, rhsType.getShape(), rhsSizes);

    // Collapse the batch dims into one.
    SmallVector<ReassociationIndices> reassociation;
    if (numBatch != 1) {
      ReassociationIndices batchGroup(numBatch);
      std::iota(batchGroup.begin(), batchGroup.end(), 0);
      reassociation = {batchGroup, {numBatch}, {numBatch + 1}};
      lhs = collapse(builder, loc, lhs, reassociation);
      rhs = collapse(builder, loc, rhs, reassociation);
    }
    OpFoldResult batch = tensor::getMixedSize(builder, loc, lhs, 0);
    OpFoldResult m = lhsSizes[lhsSizes.size() - 2];
    OpFoldResult n = rhsSizes.back();
    Value acc = createAccumulator(builder, loc, {batch, m, n}, elementType);
    Value result =
        linalg::BatchMatmulOp::create(builder, loc, TypeRange{acc.getType()},
                                      ValueRange{lhs, rhs}, ValueRange{acc})
            .getResult(0);
    if (numBatch == 1)
      return result;
    SmallVector<OpFoldResult> sizes(batchSizes);
    sizes.push_back(m);
    sizes.push_back(n);
    return expand(builder, loc, result, sizes, reassociation);
  }
};

} // namespace

void rectify::rect_to_linalg::populateLinearPatterns(
    RewritePatternSet &patterns) {
  patterns.add<LinearOpLowering, MatMulOpLowering>(patterns.getContext());
}
