//===- Resize.cpp - rect.resize to linalg ---------------------------------===//
//
// rect.resize becomes one linalg.generic over the output. Its body maps each
// output index (linalg.index) to an input coordinate in f64 arithmetic, in
// the order of operations of the ONNX reference, so that rounding to the
// nearest neighbour agrees with it; then reads the neighbours of that
// coordinate with tensor.extract (indices clamped to the input) and sums them
// weighted by the product of their per-dim weights: one neighbour per resized
// dim for `nearest`, two for `linear`, four for `cubic`. Copied dims (scale 1,
// same size) read the output index itself.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

/// One neighbour of an output element along one dim: the input index to
/// read and its weight (an f64, or null for the single nearest neighbour).
struct Tap {
  Value index;
  Value weight;
};

/// The neighbours of one output element along one dim, and (with
/// tf_crop_and_resize) an i1 that is true when its coordinate lies outside
/// the input.
struct DimTaps {
  SmallVector<Tap, 4> taps;
  Value outside;
};

/// Scalar f64 arithmetic for the body of the generic.
class F64Builder {
public:
  F64Builder(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  Value constant(double value) {
    return arith::ConstantOp::create(b, loc, b.getF64FloatAttr(value));
  }
  Value add(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return arith::DivFOp::create(b, loc, x, y); }
  Value floor(Value x) { return math::FloorOp::create(b, loc, x); }
  Value ceil(Value x) { return math::CeilOp::create(b, loc, x); }
  /// An index value as f64.
  Value fromIndex(Value index) {
    Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), index);
    return arith::SIToFPOp::create(b, loc, b.getF64Type(), i64);
  }
  /// An integral f64 as an i64.
  Value toInt(Value x) {
    return arith::FPToSIOp::create(b, loc, b.getI64Type(), x);
  }
  /// `i + offset` (an i64) clamped to [0, size - 1], as an index.
  Value clampedIndex(Value i, int64_t offset, int64_t size) {
    if (offset != 0)
      i = arith::AddIOp::create(b, loc, i, intConstant(offset));
    Value clamped = arith::MaxSIOp::create(b, loc, i, intConstant(0));
    clamped = arith::MinSIOp::create(b, loc, clamped, intConstant(size - 1));
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), clamped);
  }
  /// `i + offset` (an i64) is inside [0, size).
  Value inside(Value i, int64_t offset, int64_t size) {
    Value j = arith::AddIOp::create(b, loc, i, intConstant(offset));
    Value low = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, j,
                                      intConstant(0));
    Value high = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, j,
                                       intConstant(size));
    return arith::AndIOp::create(b, loc, low, high);
  }
  /// `x` is outside [low, high] (or NaN).
  Value outside(Value x, double low, double high) {
    Value below = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ULT, x,
                                        constant(low));
    Value above = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UGT, x,
                                        constant(high));
    return arith::OrIOp::create(b, loc, below, above);
  }
  Value select(Value cond, Value x, Value y) {
    return arith::SelectOp::create(b, loc, cond, x, y);
  }

private:
  Value intConstant(int64_t value) {
    return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(value));
  }

  OpBuilder &b;
  Location loc;
};

/// The input coordinate (f64) that output index `x` of resized dim `dim`
/// maps to, with the reference's order of operations.
Value sourceCoordinate(F64Builder &f, ResizeOp op, int64_t dim, Value x) {
  double in = static_cast<double>(op.getInput().getType().getDimSize(dim));
  double out = static_cast<double>(op.getOutput().getType().getDimSize(dim));
  double scale = op.getScales()[dim];
  double length = op.getResizedLength(dim);
  // (x + 0.5) / scale - 0.5
  auto halfPixel = [&] {
    return f.sub(f.div(f.add(x, f.constant(0.5)), f.constant(scale)),
                 f.constant(0.5));
  };
  switch (op.getCoordinates()) {
  case ResizeCoordinates::half_pixel:
    return halfPixel();
  case ResizeCoordinates::half_pixel_symmetric: {
    double offset = in / 2 * (1 - out / length);
    return f.add(f.constant(offset), halfPixel());
  }
  case ResizeCoordinates::pytorch_half_pixel:
    return length == 1.0 ? f.constant(-0.5) : halfPixel();
  case ResizeCoordinates::align_corners:
    if (length == 1.0)
      return f.constant(0.0);
    return f.div(f.mul(x, f.constant(in - 1)), f.constant(length - 1));
  case ResizeCoordinates::asymmetric:
    return f.div(x, f.constant(scale));
  case ResizeCoordinates::tf_half_pixel_for_nn:
    return f.div(f.add(x, f.constant(0.5)), f.constant(scale));
  case ResizeCoordinates::tf_crop_and_resize: {
    int64_t rank = op.getInput().getType().getRank();
    double start = (*op.getRoi())[dim], end = (*op.getRoi())[dim + rank];
    Value startCoordinate = f.constant(start * (in - 1));
    if (length == 1.0)
      return f.constant(0.5 * (start + end) * (in - 1));
    Value scaled = f.mul(f.mul(x, f.constant(end - start)), f.constant(in - 1));
    return f.add(f.div(scaled, f.constant(length - 1)), startCoordinate);
  }
  }
  llvm_unreachable("unknown coordinate transformation");
}

/// The four weights of the cubic (Keys) kernel of parameter `a` for the
/// neighbours at distances 1 + t, t, 1 - t, 2 - t of the coordinate.
SmallVector<Value, 4> cubicWeights(F64Builder &f, Value t, double a) {
  // |s| <= 1: (a + 2)|s|^3 - (a + 3)|s|^2 + 1
  auto near = [&](Value s) {
    Value inner = f.sub(f.mul(f.constant(a + 2), s), f.constant(a + 3));
    return f.add(f.mul(f.mul(inner, s), s), f.constant(1.0));
  };
  // 1 < |s| < 2: ((a|s| - 5a)|s| + 8a)|s| - 4a
  auto far = [&](Value s) {
    Value inner = f.sub(f.mul(f.constant(a), s), f.constant(5 * a));
    inner = f.add(f.mul(inner, s), f.constant(8 * a));
    return f.sub(f.mul(inner, s), f.constant(4 * a));
  };
  Value one = f.constant(1.0);
  Value rest = f.sub(one, t);
  return {far(f.add(t, one)), near(t), near(rest), far(f.add(rest, one))};
}

/// The neighbours of output index `x` along resized dim `dim`.
DimTaps resizedDimTaps(F64Builder &f, ResizeOp op, int64_t dim, Value x) {
  int64_t in = op.getInput().getType().getDimSize(dim);
  Value coordinate = sourceCoordinate(f, op, dim, f.fromIndex(x));
  DimTaps result;
  if (op.getCoordinates() == ResizeCoordinates::tf_crop_and_resize)
    result.outside =
        f.outside(coordinate, 0.0, static_cast<double>(in - 1));
  switch (op.getMode()) {
  case ResizeMode::nearest: {
    Value rounded;
    switch (op.getNearestMode()) {
    case NearestMode::round_prefer_floor:
      rounded = f.ceil(f.sub(coordinate, f.constant(0.5)));
      break;
    case NearestMode::round_prefer_ceil:
      rounded = f.floor(f.add(coordinate, f.constant(0.5)));
      break;
    case NearestMode::floor:
      rounded = f.floor(coordinate);
      break;
    case NearestMode::ceil:
      rounded = f.ceil(coordinate);
      break;
    }
    result.taps.push_back({f.clampedIndex(f.toInt(rounded), 0, in), {}});
    return result;
  }
  case ResizeMode::linear: {
    Value low = f.floor(coordinate);
    Value t = f.sub(coordinate, low);
    Value base = f.toInt(low);
    result.taps.push_back(
        {f.clampedIndex(base, 0, in), f.sub(f.constant(1.0), t)});
    result.taps.push_back({f.clampedIndex(base, 1, in), t});
    return result;
  }
  case ResizeMode::cubic: {
    Value low = f.floor(coordinate);
    Value t = f.sub(coordinate, low);
    Value base = f.toInt(low);
    SmallVector<Value, 4> weights =
        cubicWeights(f, t, op.getCubicCoeffA().convertToDouble());
    if (op.getExcludeOutside()) {
      // Neighbours outside the input weigh 0; the others are renormalised.
      Value zero = f.constant(0.0), sum = zero;
      for (int64_t k = 0; k < 4; ++k) {
        weights[k] = f.select(f.inside(base, k - 1, in), weights[k], zero);
        sum = f.add(sum, weights[k]);
      }
      for (Value &weight : weights)
        weight = f.div(weight, sum);
    }
    for (int64_t k = 0; k < 4; ++k)
      result.taps.push_back({f.clampedIndex(base, k - 1, in), weights[k]});
    return result;
  }
  }
  llvm_unreachable("unknown resize mode");
}

/// The output element at `ivs`: the weighted sum over every combination of
/// the per-dim neighbours.
Value buildResizedElement(OpBuilder &b, Location loc, ResizeOp op,
                          Value input, ValueRange ivs) {
  F64Builder f(b, loc);
  Type elementType = op.getType().getElementType();
  int64_t rank = op.getType().getRank();
  SmallVector<DimTaps> dims;
  Value outside;
  for (int64_t d = 0; d < rank; ++d) {
    if (op.isCopiedDim(d)) {
      dims.push_back({{Tap{ivs[d], {}}}, {}});
      continue;
    }
    dims.push_back(resizedDimTaps(f, op, d, ivs[d]));
    if (Value o = dims.back().outside)
      outside = outside ? arith::OrIOp::create(b, loc, outside, o) : o;
  }
  // Walk the combinations like an odometer over the per-dim tap lists.
  SmallVector<size_t> choice(rank, 0);
  Value sum;
  while (true) {
    SmallVector<Value> indices;
    Value weight;
    for (int64_t d = 0; d < rank; ++d) {
      const Tap &tap = dims[d].taps[choice[d]];
      indices.push_back(tap.index);
      if (tap.weight)
        weight = weight ? f.mul(weight, tap.weight) : tap.weight;
    }
    Value term = tensor::ExtractOp::create(b, loc, input, indices);
    if (weight) {
      if (elementType != weight.getType())
        weight = arith::TruncFOp::create(b, loc, elementType, weight);
      term = arith::MulFOp::create(b, loc, weight, term);
    }
    sum = sum ? arith::AddFOp::create(b, loc, sum, term) : term;
    int64_t d = rank - 1;
    for (; d >= 0; --d) {
      if (++choice[d] < dims[d].taps.size())
        break;
      choice[d] = 0;
    }
    if (d < 0)
      break;
  }
  if (!outside)
    return sum;
  Value extrapolated =
      createFloatConstant(b, loc, elementType,
                          op.getExtrapolationValue().convertToDouble());
  return arith::SelectOp::create(b, loc, outside, extrapolated, sum);
}

struct ResizeOpLowering : OpConversionPattern<ResizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ResizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    // Dynamic dims are copied, so they take the input's size.
    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(type.isDynamicDim(d)
                          ? tensor::getMixedSize(rewriter, loc, input, d)
                          : rewriter.getIndexAttr(type.getDimSize(d)));
    Value init =
        tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType());
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{init.getType()}, ValueRange{},
        ValueRange{init}, {rewriter.getMultiDimIdentityMap(rank)}, iterators,
        [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> ivs;
          for (int64_t d = 0; d < rank; ++d)
            ivs.push_back(linalg::IndexOp::create(b, l, d));
          linalg::YieldOp::create(
              b, l, buildResizedElement(b, l, op, input, ivs));
        });
    Value result = generic.getResult(0);
    if (result.getType() != type)
      result = tensor::CastOp::create(rewriter, loc, type, result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateResizePatterns(
    RewritePatternSet &patterns) {
  patterns.add<ResizeOpLowering>(patterns.getContext());
}
