//===- Tensor.cpp - Data-movement rect ops to tensor/linalg ---------------===//
//
// rect.concat inserts each input into a fresh tensor (tensor.insert_slice),
// so that the op computing an input can write into the result in place, or,
// for targets without buffer views, is one generic that selects between
// inputs read at clamped indices. rect.slice, rect.pad, rect.gather and
// rect.tile become one linalg.generic each that computes its source index
// from linalg.index and reads with tensor.extract (constant padding selects
// the value outside the input). rect.expand and rect.where are broadcasting
// linalg.generics; rect.log, rect.reciprocal and rect.pow one scalar op each.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

/// Index constant.
Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// A linalg.generic with no inputs writing a fresh tensor of `type` (sizes
/// `sizes`), whose body builds the element from the iteration indices.
Value buildIndexedGeneric(
    OpBuilder &builder, Location loc, RankedTensorType type,
    ArrayRef<OpFoldResult> sizes, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ValueRange, ValueRange)> body) {
  int64_t rank = type.getRank();
  Value init =
      tensor::EmptyOp::create(builder, loc, sizes, type.getElementType());
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(builder.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             builder, loc, TypeRange{init.getType()}, inputs, ValueRange{init},
             maps, iterators,
             [&](OpBuilder &b, Location l, ValueRange args) {
               SmallVector<Value> indices;
               for (int64_t i = 0; i < rank; ++i)
                 indices.push_back(linalg::IndexOp::create(b, l, i));
               linalg::YieldOp::create(b, l,
                                       body(b, l, indices, args.drop_back()));
             })
      .getResult(0);
}

/// `value` cast to `type` when the lowering produced a less static type.
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// `value` clamped to [0, size - 1].
Value clampIndex(OpBuilder &b, Location loc, Value value, Value size) {
  Value zero = indexConstant(b, loc, 0);
  Value last = arith::SubIOp::create(b, loc, size, indexConstant(b, loc, 1));
  Value clamped = arith::MaxSIOp::create(b, loc, value, zero);
  return arith::MinSIOp::create(b, loc, clamped, last);
}

struct ConcatOpLowering : OpConversionPattern<ConcatOp> {
  ConcatOpLowering(MLIRContext *context, bool byInsertion)
      : OpConversionPattern(context), byInsertion(byInsertion) {}

  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    ValueRange inputs = adaptor.getInputs();
    // Each input's extent along the axis and its offset in the result.
    SmallVector<Value> extents, offsets;
    Value offset = indexConstant(rewriter, loc, 0);
    for (Value input : inputs) {
      Value extent = getValueOrCreateConstantIndexOp(
          rewriter, loc, tensor::getMixedSize(rewriter, loc, input, axis));
      extents.push_back(extent);
      offsets.push_back(offset);
      offset = rewriter.createOrFold<arith::AddIOp>(loc, offset, extent);
    }
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, inputs.front());
    sizes[axis] = offset;
    for (int64_t i = 0; i < rank; ++i)
      if (!type.isDynamicDim(i))
        sizes[i] = rewriter.getIndexAttr(type.getDimSize(i));
    Value result = byInsertion
                       ? insertAll(rewriter, loc, type, sizes, inputs, offsets,
                                   axis)
                       : selectByIndex(rewriter, loc, type, sizes, inputs,
                                       offsets, extents, axis);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, type));
    return success();
  }

private:
  /// Each input inserted at its offset into a fresh tensor: the CPU back end
  /// lets the op computing an input write straight into its slice.
  static Value insertAll(OpBuilder &b, Location loc, RankedTensorType type,
                         ArrayRef<OpFoldResult> sizes, ValueRange inputs,
                         ArrayRef<Value> offsets, int64_t axis) {
    int64_t rank = type.getRank();
    Value result =
        tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
    SmallVector<OpFoldResult> ones(rank, b.getIndexAttr(1));
    for (auto [input, at] : llvm::zip(inputs, offsets)) {
      SmallVector<OpFoldResult> inputOffsets(rank, b.getIndexAttr(0));
      inputOffsets[axis] = getAsOpFoldResult(at);
      result = tensor::InsertSliceOp::create(
          b, loc, input, result, inputOffsets,
          tensor::getMixedSizes(b, loc, input), ones);
    }
    return result;
  }

  /// One generic: every element reads each input at its (clamped) position
  /// and keeps the one whose range holds the index. No buffer views, for
  /// targets whose host code cannot address them.
  static Value selectByIndex(OpBuilder &builder, Location loc,
                             RankedTensorType type,
                             ArrayRef<OpFoldResult> sizes, ValueRange inputs,
                             ArrayRef<Value> offsets, ArrayRef<Value> extents,
                             int64_t axis) {
    return buildIndexedGeneric(
        builder, loc, type, sizes, {}, {},
        [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange) {
          Value chosen;
          for (auto [k, input] : llvm::enumerate(inputs)) {
            SmallVector<Value> index(ivs);
            Value local = arith::SubIOp::create(b, l, ivs[axis], offsets[k]);
            index[axis] = clampIndex(b, l, local, extents[k]);
            Value element = tensor::ExtractOp::create(b, l, input, index);
            if (!chosen) {
              chosen = element;
              continue;
            }
            Value inRange = arith::CmpIOp::create(
                b, l, arith::CmpIPredicate::sge, ivs[axis], offsets[k]);
            chosen = arith::SelectOp::create(b, l, inRange, element, chosen);
          }
          return chosen;
        });
  }

  bool byInsertion;
};

struct SliceOpLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    ArrayRef<int64_t> offsets = op.getOffsets(), sizes = op.getSizes(),
                      strides = op.getStrides();
    SmallVector<OpFoldResult> resultSizes;
    for (int64_t i = 0; i < rank; ++i)
      resultSizes.push_back(
          sizes[i] == -1 ? tensor::getMixedSize(rewriter, loc, input, i)
                         : rewriter.getIndexAttr(sizes[i]));
    // A generic reading offset + i * stride of each dim (strides may be
    // negative) writes a fresh dense tensor; an extract_slice would leave a
    // strided view whose copies need a runtime library.
    Value result = buildIndexedGeneric(
        rewriter, loc, type, resultSizes, {}, {},
        [&](OpBuilder &b, Location l, ValueRange indices, ValueRange) {
          SmallVector<Value> source;
          for (int64_t i = 0; i < rank; ++i) {
            Value scaled = arith::MulIOp::create(
                b, l, indices[i], indexConstant(b, l, strides[i]));
            source.push_back(arith::AddIOp::create(
                b, l, scaled, indexConstant(b, l, offsets[i])));
          }
          return tensor::ExtractOp::create(b, l, input, source).getResult();
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, type));
    return success();
  }
};

struct PadOpLowering : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    ArrayRef<int64_t> pads = op.getPads();
    Type elementType = type.getElementType();
    bool reflect = op.getMode() == "reflect";
    bool constant = op.getMode() == "constant";
    SmallVector<OpFoldResult> sizes;
    for (int64_t i = 0; i < rank; ++i)
      sizes.push_back(type.isDynamicDim(i)
                          ? tensor::getMixedSize(rewriter, loc, input, i)
                          : rewriter.getIndexAttr(type.getDimSize(i)));
    auto inputType = cast<RankedTensorType>(input.getType());
    Value result = buildIndexedGeneric(
        rewriter, loc, type, sizes, {}, {},
        [&](OpBuilder &b, Location l, ValueRange indices, ValueRange) {
          SmallVector<Value> source;
          Value inside;
          for (int64_t i = 0; i < rank; ++i) {
            if (pads[i] == 0 && pads[i + rank] == 0) {
              source.push_back(indices[i]);
              continue;
            }
            // j = i - low, then mapped into [0, n).
            int64_t n = inputType.getDimSize(i);
            Value j = arith::SubIOp::create(b, l, indices[i],
                                            indexConstant(b, l, pads[i]));
            Value zero = indexConstant(b, l, 0);
            Value last = indexConstant(b, l, n - 1);
            if (constant) {
              // Read a clamped index; the padding value replaces it outside.
              Value fromLow = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::sge, j, zero);
              Value toHigh = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::sle, j, last);
              Value within = arith::AndIOp::create(b, l, fromLow, toHigh);
              inside = inside ? arith::AndIOp::create(b, l, inside, within)
                                    .getResult()
                              : within;
              j = arith::MaxSIOp::create(b, l, j, zero);
              j = arith::MinSIOp::create(b, l, j, last);
            } else if (reflect) {
              // j < 0 -> -j; j > n-1 -> 2(n-1) - j.
              Value negated = arith::SubIOp::create(b, l, zero, j);
              Value mirrored = arith::SubIOp::create(
                  b, l, indexConstant(b, l, 2 * (n - 1)), j);
              Value below = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::slt, j, zero);
              Value above = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::sgt, j, last);
              j = arith::SelectOp::create(b, l, below, negated, j);
              j = arith::SelectOp::create(b, l, above, mirrored, j);
            } else {
              j = arith::MaxSIOp::create(b, l, j, zero);
              j = arith::MinSIOp::create(b, l, j, last);
            }
            source.push_back(j);
          }
          Value element = tensor::ExtractOp::create(b, l, input, source);
          if (!constant || !inside)
            return element;
          Value value = createFloatConstant(b, l, elementType,
                                            op.getValue().convertToDouble());
          return arith::SelectOp::create(b, l, inside, element, value)
              .getResult();
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, type));
    return success();
  }
};

struct GatherOpLowering : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput(), indices = adaptor.getIndices();
    RankedTensorType type = op.getType();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto indicesType = cast<RankedTensorType>(indices.getType());
    int64_t axis = static_cast<int64_t>(op.getAxis());
    int64_t indexRank = indicesType.getRank();
    int64_t rank = type.getRank();
    SmallVector<OpFoldResult> sizes;
    for (int64_t i = 0; i < rank; ++i) {
      if (!type.isDynamicDim(i)) {
        sizes.push_back(rewriter.getIndexAttr(type.getDimSize(i)));
        continue;
      }
      // Dynamic dims come from the input (never from the constant indices).
      int64_t inputDim = i < axis ? i : i - indexRank + 1;
      sizes.push_back(tensor::getMixedSize(rewriter, loc, input, inputDim));
    }
    SmallVector<AffineExpr> indexExprs;
    for (int64_t d = 0; d < indexRank; ++d)
      indexExprs.push_back(rewriter.getAffineDimExpr(axis + d));
    AffineMap indexMap =
        AffineMap::get(rank, 0, indexExprs, rewriter.getContext());
    int64_t axisSize = inputType.getDimSize(axis);
    Value result = buildIndexedGeneric(
        rewriter, loc, type, sizes, indices, indexMap,
        [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange args) {
          Value index =
              arith::IndexCastOp::create(b, l, b.getIndexType(), args[0]);
          Value zero = indexConstant(b, l, 0);
          Value negative = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::slt, index, zero);
          Value wrapped = arith::AddIOp::create(
              b, l, index, indexConstant(b, l, axisSize));
          index = arith::SelectOp::create(b, l, negative, wrapped, index);
          SmallVector<Value> source(ivs.take_front(axis));
          source.push_back(index);
          llvm::append_range(source, ivs.drop_front(axis + indexRank));
          return tensor::ExtractOp::create(b, l, input, source).getResult();
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, type));
    return success();
  }
};

struct TileOpLowering : OpConversionPattern<TileOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    SmallVector<OpFoldResult> sizes, inputSizes;
    for (int64_t i = 0; i < rank; ++i) {
      inputSizes.push_back(tensor::getMixedSize(rewriter, loc, input, i));
      sizes.push_back(type.isDynamicDim(i)
                          ? inputSizes.back()
                          : rewriter.getIndexAttr(type.getDimSize(i)));
    }
    Value result = buildIndexedGeneric(
        rewriter, loc, type, sizes, {}, {},
        [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange) {
          SmallVector<Value> source;
          for (int64_t i = 0; i < rank; ++i) {
            if (op.getRepeats()[i] == 1) {
              source.push_back(ivs[i]);
              continue;
            }
            Value n = getValueOrCreateConstantIndexOp(b, l, inputSizes[i]);
            source.push_back(arith::RemUIOp::create(b, l, ivs[i], n));
          }
          return tensor::ExtractOp::create(b, l, input, source).getResult();
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, type));
    return success();
  }
};

struct ExpandOpLowering : OpConversionPattern<ExpandOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ExpandOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value result = broadcastTo(rewriter, op.getLoc(), adaptor.getInput(),
                               op.getType(), {});
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct WhereOpLowering : OpConversionPattern<WhereOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(WhereOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value result = buildBroadcastingGeneric(
        rewriter, op.getLoc(), op.getType(), adaptor.getOperands(),
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          return arith::SelectOp::create(b, l, args[0], args[1], args[2]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// A unary or binary op computed by one scalar op on broadcast elements.
template <typename OpTy>
struct ScalarLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value result = buildBroadcastingGeneric(
        rewriter, op.getLoc(), cast<RankedTensorType>(op.getType()),
        adaptor.getOperands(),
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          if constexpr (std::is_same_v<OpTy, LogOp>)
            return math::LogOp::create(b, l, args[0]);
          if constexpr (std::is_same_v<OpTy, PowOp>)
            return math::PowFOp::create(b, l, args[0], args[1]);
          Value one = createFloatConstant(b, l, args[0].getType(), 1.0);
          return arith::DivFOp::create(b, l, one, args[0]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateTensorPatterns(
    RewritePatternSet &patterns, bool concatByInsertion) {
  patterns.add<ConcatOpLowering>(patterns.getContext(), concatByInsertion);
  patterns.add<SliceOpLowering, PadOpLowering,
               GatherOpLowering, TileOpLowering, ExpandOpLowering,
               WhereOpLowering, ScalarLowering<LogOp>,
               ScalarLowering<ReciprocalOp>, ScalarLowering<PowOp>>(
      patterns.getContext());
}
