//===- Recurrent.cpp - rect.rnn to linalg and scf -------------------------===//
//
// rect.rnn (x : [T, B, I], W : [D, H, I], R : [D, H, H], b : [D, 2H],
// h0 : [D, B, H]) lowers in two parts.
//
// 1. The input projection of every time step and direction is one matmul
//    with the summed biases Wb + Rb in its epilogue, the shape rect.linear
//    lowers to:
//
//      %xw = linalg.matmul (x viewed [T*B, I]) x (W viewed [D*H, I])^T
//      %p  = linalg.generic { addf(%xw, Wb + Rb) }        : [T*B, D*H]
//      %P  = tensor.expand_shape %p                       : [T, B, D, H]
//
// 2. Per direction d, the steps in time order s (t, or T - 1 - t in
//    reverse), each
//
//      %hr = linalg.matmul h_prev x R_d^T (accumulator zero-filled) : [B, H]
//      %h  = linalg.generic { act_d(clip(%hr + P[s, :, d, :])) }   : [B, H]
//      %Y' = tensor.insert_slice %h into Y[s, d, :, :]
//
//    The first step (h_prev = initial_h[d] or zeros) is emitted before an
//    scf.for over the other T - 1 steps, which reads h_prev back from Y
//    (Y[s -/+ 1, d]): Y is the loop's only iter_arg and each step updates
//    it in place, which one-shot bufferization requires of loop-carried
//    tensors. final_h[d] is Y at the last step. A bidirectional layer
//    chains its two directions through Y.
//
// The time dimension is static (at least 1); the batch may be dynamic.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Conversion/RectToLinalg/RectToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

/// acc + lhs [M, K] x rhs [N, K]^T as a linalg.matmul with transposed-B
/// indexing maps (the form rect.linear lowers to).
Value matmulTransposedRhs(OpBuilder &builder, Location loc, Value lhs,
                          Value rhs, Value acc) {
  MLIRContext *context = builder.getContext();
  AffineExpr m, n, k;
  bindDims(context, m, n, k);
  auto map = [&](ArrayRef<AffineExpr> results) -> Attribute {
    return AffineMapAttr::get(AffineMap::get(3, 0, results, context));
  };
  auto matmul = linalg::MatmulOp::create(builder, loc, TypeRange{acc.getType()},
                                         ValueRange{lhs, rhs}, ValueRange{acc});
  matmul.setIndexingMapsAttr(
      builder.getArrayAttr({map({m, k}), map({n, k}), map({m, n})}));
  return matmul.getResult(0);
}

/// A tensor.extract_slice of `source` at `offsets` with `sizes` (unit
/// strides) typed `resultShape`: the sizes with unit dims dropped.
Value extractSlice(OpBuilder &builder, Location loc, Value source,
                   ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
                   ArrayRef<int64_t> resultShape) {
  auto sourceType = cast<RankedTensorType>(source.getType());
  auto resultType =
      RankedTensorType::get(resultShape, sourceType.getElementType());
  SmallVector<OpFoldResult> strides(sizes.size(), builder.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(builder, loc, resultType, source,
                                        offsets, sizes, strides);
}

/// tensor.insert_slice of `source` into `dest` at `offsets` with `sizes`
/// (unit strides; unit dims of `sizes` missing from `source` are dropped).
Value insertSlice(OpBuilder &builder, Location loc, Value source, Value dest,
                  ArrayRef<OpFoldResult> offsets,
                  ArrayRef<OpFoldResult> sizes) {
  SmallVector<OpFoldResult> strides(sizes.size(), builder.getIndexAttr(1));
  return tensor::InsertSliceOp::create(builder, loc, source, dest, offsets,
                                       sizes, strides);
}

class RNNOpLowering : public OpConversionPattern<RNNOp> {
public:
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(RNNOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    Value weight = adaptor.getWeight();
    Value recurrence = adaptor.getRecurrence();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type elementType = inputType.getElementType();
    int64_t numDirections = op.getNumDirections();
    int64_t hidden = op.getHiddenSize();
    if (ShapedType::isDynamic(hidden))
      return rewriter.notifyMatchFailure(op, "hidden size is dynamic");
    if (inputType.isDynamicDim(0) || inputType.getDimSize(0) < 1)
      return rewriter.notifyMatchFailure(
          op, "sequence length must be static and at least 1");
    int64_t batchDim = inputType.getDimSize(1);

    OpFoldResult seqLength = tensor::getMixedSize(rewriter, loc, input, 0);
    OpFoldResult batch = tensor::getMixedSize(rewriter, loc, input, 1);
    OpFoldResult zero = rewriter.getIndexAttr(0);
    OpFoldResult one = rewriter.getIndexAttr(1);
    OpFoldResult hiddenSize = rewriter.getIndexAttr(hidden);

    // 1. P = x W^T + Wb + Rb for all steps and directions: [T, B, D, H].
    Value inputMatrix = collapse(rewriter, loc, input, {{0, 1}, {2}});
    Value weightMatrix = collapse(rewriter, loc, weight, {{0, 1}, {2}});
    OpFoldResult rows = tensor::getMixedSize(rewriter, loc, inputMatrix, 0);
    OpFoldResult cols = rewriter.getIndexAttr(numDirections * hidden);
    Value projection = matmulTransposedRhs(
        rewriter, loc, inputMatrix, weightMatrix,
        createFilledTensor(rewriter, loc, {rows, cols}, elementType, 0.0));
    if (Value bias = adaptor.getBias()) {
      OpFoldResult directions = rewriter.getIndexAttr(numDirections);
      auto halfType =
          RankedTensorType::get({numDirections, hidden}, elementType);
      Value inputBias =
          extractSlice(rewriter, loc, bias, {zero, zero},
                       {directions, hiddenSize}, halfType.getShape());
      Value recurrenceBias =
          extractSlice(rewriter, loc, bias, {zero, hiddenSize},
                       {directions, hiddenSize}, halfType.getShape());
      Value biasSum = buildBroadcastingGeneric(
          rewriter, loc, halfType, {inputBias, recurrenceBias},
          [](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::AddFOp::create(b, l, args[0], args[1]);
          });
      Value flatBias = collapse(rewriter, loc, biasSum, {{0, 1}});
      projection = buildBroadcastingGeneric(
          rewriter, loc, cast<RankedTensorType>(projection.getType()),
          {projection, flatBias},
          [](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::AddFOp::create(b, l, args[0], args[1]);
          },
          /*resultSizes=*/{rows, cols});
    }
    projection = expand(
        rewriter, loc, projection,
        {seqLength, batch, rewriter.getIndexAttr(numDirections), hiddenSize},
        {{0, 1}, {2, 3}});

    // 2. Per direction, a loop over time carrying h and Y. Every write goes
    //    into a slice of an iter_arg (extract_slice, write, insert_slice
    //    back) and h is read before it is overwritten, so the loop updates
    //    both in place.
    SmallVector<OpFoldResult> outputSizes = {
        seqLength, rewriter.getIndexAttr(numDirections), batch, hiddenSize};
    Value output =
        tensor::EmptyOp::create(rewriter, loc, outputSizes, elementType);
    Value finalH = tensor::EmptyOp::create(
        rewriter, loc, ArrayRef(outputSizes).drop_front(), elementType);
    Value lowerBound = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value step = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value upperBound =
        arith::ConstantIndexOp::create(rewriter, loc, inputType.getDimSize(0));
    Value last = arith::SubIOp::create(rewriter, loc, upperBound, step);
    auto stateType = RankedTensorType::get({batchDim, hidden}, elementType);
    FloatAttr clip = op.getClipAttr();
    auto activations = op.getActivations().getAsRange<ActivationAttr>();
    AffineMap identity = rewriter.getMultiDimIdentityMap(2);
    SmallVector<utils::IteratorType> parallel(2, utils::IteratorType::parallel);

    for (auto [index, attr] : llvm::enumerate(activations)) {
      int64_t d = index;
      ActivationAttr activation = attr;
      OpFoldResult direction = rewriter.getIndexAttr(d);
      bool reverse =
          op.getDirection() == RecurrentDirection::reverse ||
          (op.getDirection() == RecurrentDirection::bidirectional && d == 1);
      Value recurrenceD =
          extractSlice(rewriter, loc, recurrence, {direction, zero, zero},
                       {one, hiddenSize, hiddenSize}, {hidden, hidden});

      // The loop-carried h starts as a copy of initial_h[d] (or zeros).
      Value initialH;
      if (Value h0 = adaptor.getInitialH())
        initialH =
            linalg::CopyOp::create(
                rewriter, loc, TypeRange{stateType},
                ValueRange{extractSlice(
                    rewriter, loc, h0, {direction, zero, zero},
                    {one, batch, hiddenSize}, stateType.getShape())},
                ValueRange{tensor::EmptyOp::create(
                    rewriter, loc, ArrayRef<OpFoldResult>{batch, hiddenSize},
                    elementType)})
                .getResult(0);
      else
        initialH = createFilledTensor(rewriter, loc, {batch, hiddenSize},
                                      elementType, 0.0);

      auto loop = scf::ForOp::create(
          rewriter, loc, lowerBound, upperBound, step,
          ValueRange{initialH, output},
          [&](OpBuilder &b, Location l, Value t, ValueRange state) {
            Value time = reverse ? arith::SubIOp::create(b, l, last, t) : t;
            Value projected = extractSlice(
                b, l, projection, {time, zero, direction, zero},
                {one, batch, one, hiddenSize}, stateType.getShape());
            Value product = matmulTransposedRhs(
                b, l, state[0], recurrenceD,
                createFilledTensor(b, l, {batch, hiddenSize}, elementType,
                                   0.0));
            // Y[time, d] = act(clip(h R_d^T + P[time, :, d, :])).
            SmallVector<OpFoldResult> ySliceOffsets = {time, direction, zero,
                                                       zero};
            SmallVector<OpFoldResult> ySliceSizes = {one, one, batch,
                                                     hiddenSize};
            Value ySlice = extractSlice(b, l, state[1], ySliceOffsets,
                                        ySliceSizes, stateType.getShape());
            Value next =
                linalg::GenericOp::create(
                    b, l, TypeRange{stateType}, ValueRange{product, projected},
                    ValueRange{ySlice},
                    ArrayRef<AffineMap>{identity, identity, identity}, parallel,
                    [&](OpBuilder &nb, Location nl, ValueRange args) {
                      Value sum =
                          arith::AddFOp::create(nb, nl, args[0], args[1]);
                      if (clip) {
                        double bound = clip.getValueAsDouble();
                        Value high =
                            createFloatConstant(nb, nl, sum.getType(), bound);
                        Value low =
                            createFloatConstant(nb, nl, sum.getType(), -bound);
                        sum = arith::MaximumFOp::create(nb, nl, sum, low);
                        sum = arith::MinimumFOp::create(nb, nl, sum, high);
                      }
                      linalg::YieldOp::create(
                          nb, nl, emitActivation(nb, nl, activation, sum));
                    })
                    .getResult(0);
            Value written =
                insertSlice(b, l, next, state[1], ySliceOffsets, ySliceSizes);
            // h is dead once the matmul has read it: overwrite it.
            Value hNext =
                linalg::CopyOp::create(b, l, TypeRange{stateType},
                                       ValueRange{next}, ValueRange{state[0]})
                    .getResult(0);
            scf::YieldOp::create(b, l, ValueRange{hNext, written});
          });
      output = loop.getResult(1);
    }

    // 3. final_h[d] = Y[s_d, d] with s_d the last step of direction d:
    //    T - 1 forward, 0 in reverse, (T - 1) * (1 - d) when bidirectional.
    MLIRContext *context = rewriter.getContext();
    AffineExpr d0, d1, d2;
    bindDims(context, d0, d1, d2);
    int64_t lastStep = inputType.getDimSize(0) - 1;
    AffineExpr lastTime;
    switch (op.getDirection()) {
    case RecurrentDirection::forward:
      lastTime = getAffineConstantExpr(lastStep, context);
      break;
    case RecurrentDirection::reverse:
      lastTime = getAffineConstantExpr(0, context);
      break;
    case RecurrentDirection::bidirectional:
      lastTime = lastStep - d0 * lastStep;
      break;
    }
    AffineMap readLast = AffineMap::get(3, 0, {lastTime, d0, d1, d2}, context);
    finalH =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{finalH.getType()}, ValueRange{output},
            ValueRange{finalH},
            ArrayRef<AffineMap>{readLast, rewriter.getMultiDimIdentityMap(3)},
            SmallVector<utils::IteratorType>(3, utils::IteratorType::parallel),
            [](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(b, l, args[0]);
            })
            .getResult(0);

    SmallVector<Value> results = {output, finalH};
    for (auto [result, type] : llvm::zip(results, op.getResultTypes()))
      if (result.getType() != type)
        result = tensor::CastOp::create(rewriter, loc, type, result);
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateRecurrentPatterns(
    RewritePatternSet &patterns) {
  patterns.add<RNNOpLowering>(patterns.getContext());
}
