//===- ConvRanges.cpp - Ranges of convolution, pooling and normalization --===//
//
// Transfer functions of the interval analysis for the NCHW op family:
// rect.conv (per output channel: W split into positive and negative parts
// over each input channel's interval), max/avg and global pooling (per
// channel), concat, pad, batch_norm and layer_norm. Their ranges are kept
// per channel (dimension 1), the granularity at which channels are pruned.
// Margins follow the soundness rule in ValueRange.h.
//
//===----------------------------------------------------------------------===//

#include "RangeBuilder.h"

#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::ranges;

/// The largest magnitude of a bound of `x`.
static double magnitude(Interval x) {
  return std::max(std::fabs(x.lo), std::fabs(x.hi));
}

static bool hasPadding(ArrayRef<int64_t> pads) {
  return llvm::any_of(pads, [](int64_t p) { return p != 0; });
}

void RangeBuilder::visitConv(ConvOp op) {
  auto inputType = cast<ShapedType>(op.getInput().getType());
  auto weightType = cast<ShapedType>(op.getWeight().getType());
  auto resultType = cast<ShapedType>(op.getType());
  if (!weightType.hasStaticShape() || weightType.getRank() != 4 ||
      inputType.getRank() != 4 || inputType.isDynamicDim(1))
    return setUnbounded(op.getResult());
  int64_t f = weightType.getDimSize(0), cg = weightType.getDimSize(1);
  int64_t window = weightType.getDimSize(2) * weightType.getDimSize(3);
  int64_t group = op.getGroup(), c = inputType.getDimSize(1);
  if (group < 1 || f % group != 0 || c != cg * group)
    return setUnbounded(op.getResult());

  // Every term of an output element reads one input channel's element or,
  // at a padded position, the value 0.
  SmallVector<Interval> x = perDim(get(op.getInput()), 1, c);
  if (hasPadding(op.getPads()))
    for (Interval &xc : x)
      xc = xc.hull(Interval::point(0));
  int64_t k = cg * window;
  SmallVector<Interval> weights =
      getElements(op.getWeight(), weightType.getShape());
  SmallVector<Interval> bias(f, Interval::point(0));
  if (Value b = op.getBias())
    bias = get(b).perLastDim(f);
  SmallVector<Interval> residual;
  if (Value r = op.getResidual())
    residual = perDim(get(r), 1, f);

  int64_t perGroup = f / group;
  SmallVector<Interval> pre(f), terms(k);
  for (int64_t o = 0; o < f; ++o) {
    int64_t first = (o / perGroup) * cg;
    for (int64_t j = 0; j < k; ++j)
      terms[j] = x[first + j / window];
    pre[o] = computeLinear(terms, ArrayRef<Interval>(weights).slice(o * k, k),
                           bias[o], 1, k)[0];
    if (!residual.empty())
      pre[o] = widenOp({pre[o].lo + residual[o].lo, pre[o].hi + residual[o].hi});
  }
  SmallVector<Interval> slope(f, Interval::point(0));
  if (Value s = op.getSlope())
    slope = get(s).perLastDim(f);
  SmallVector<Interval> out(f);
  for (int64_t o = 0; o < f; ++o)
    out[o] = applyActivation(op.getActivation(), pre[o], slope[o]);
  analysis.preActivation[op.getOperation()] = std::move(pre);
  set(op.getResult(), alongDim(resultType.getRank(), 1, out));
}

/// A maximum over a window of real elements (padding never wins) stays in
/// the channel's hull.
void RangeBuilder::visitMaxPool(Value input, Value output) {
  auto type = cast<ShapedType>(input.getType());
  if (type.getRank() < 2 || type.isDynamicDim(1))
    return set(output, TensorRange::uniform(type.getRank(), get(input).hull()));
  set(output, alongDim(type.getRank(), 1,
                       perDim(get(input), 1, type.getDimSize(1))));
}

/// An average of `window` elements of a channel (and zeros, when the padding
/// counts): the channel's hull widened by the summation and division margin.
/// A mean of values of one sign keeps that sign.
void RangeBuilder::visitAvgPool(Value input, Value output, int64_t window,
                                bool countsPadding) {
  auto type = cast<ShapedType>(input.getType());
  auto average = [&](Interval x) {
    return accumulate(countsPadding ? x.hull(Interval::point(0)) : x, window,
                      /*mean=*/true);
  };
  if (type.getRank() < 2 || type.isDynamicDim(1))
    return set(output,
               TensorRange::uniform(type.getRank(), average(get(input).hull())));
  SmallVector<Interval> channels = perDim(get(input), 1, type.getDimSize(1));
  for (Interval &x : channels)
    x = average(x);
  set(output, alongDim(type.getRank(), 1, channels));
}

/// Per index of the concatenated dimension (one interval when it is the
/// batch dimension or dynamic).
void RangeBuilder::visitConcat(ConcatOp op) {
  auto type = cast<ShapedType>(op.getType());
  int64_t axis = op.getAxis();
  Interval all{kInf, -kInf};
  for (Value input : op.getInputs())
    all = all.hull(get(input).hull());
  if (axis <= 0 || axis >= type.getRank() || type.isDynamicDim(axis))
    return set(op.getResult(), TensorRange::uniform(type.getRank(), all));
  SmallVector<Interval> parts;
  for (Value input : op.getInputs()) {
    int64_t extent = cast<ShapedType>(input.getType()).getDimSize(axis);
    llvm::append_range(parts, perDim(get(input), axis, extent));
  }
  set(op.getResult(), alongDim(type.getRank(), axis, parts));
}

/// Constant padding adds its value; reflection and edge padding repeat
/// elements, so the hull stays.
void RangeBuilder::visitPad(PadOp op) {
  auto type = cast<ShapedType>(op.getType());
  Interval x = get(op.getInput()).hull();
  if (op.getMode() == "constant")
    x = x.hull(Interval::point(op.getValue().convertToDouble()));
  set(op.getResult(), TensorRange::uniform(type.getRank(), x));
}

/// y = (x - mean) * (scale / sqrt(var + eps)) + bias per channel, in
/// interval arithmetic, widened like a transcendental function of the
/// largest term.
void RangeBuilder::visitBatchNorm(BatchNormOp op) {
  auto type = cast<ShapedType>(op.getType());
  if (type.getRank() < 2 || type.isDynamicDim(1))
    return setUnbounded(op.getResult());
  int64_t c = type.getDimSize(1);
  SmallVector<Interval> x = perDim(get(op.getInput()), 1, c);
  SmallVector<Interval> scale = get(op.getScale()).perLastDim(c),
                        bias = get(op.getBias()).perLastDim(c),
                        mean = get(op.getMean()).perLastDim(c),
                        var = get(op.getVar()).perLastDim(c);
  double eps = op.getEpsilon().convertToDouble();
  SmallVector<Interval> out(c);
  for (int64_t i = 0; i < c; ++i) {
    if (!(var[i].lo + eps > 0)) {
      out[i] = Interval::unbounded();
      continue;
    }
    Interval inv{1.0 / std::sqrt(var[i].hi + eps),
                 1.0 / std::sqrt(var[i].lo + eps)};
    Interval centered{x[i].lo - mean[i].hi, x[i].hi - mean[i].lo};
    Interval scaled = mulInterval(centered, mulInterval(scale[i], inv));
    Interval y{scaled.lo + bias[i].lo, scaled.hi + bias[i].hi};
    double largest = std::max({magnitude(scaled), magnitude(bias[i]),
                               magnitude(x[i]), magnitude(mean[i])});
    double margin = kTranscendentalRel * largest + kTranscendentalAbs;
    out[i] = {y.lo - margin, y.hi + margin};
  }
  set(op.getResult(), alongDim(type.getRank(), 1, out));
}

/// The normalized value z = (x - m) / sqrt(var + eps) over D elements, with
/// m the exact mean, satisfies |z| <= sqrt(D - 1) (Samuelson's inequality).
/// The float mean m' = m + d is rounded, but the variance taken around it
/// grows by d^2 (the lowering sums squared deviations from m'), so
/// |z| <= sqrt(D - 1) + 1. For inputs in [lo, hi], also
/// |z| <= (hi - lo + |d|) / sqrt(eps) with |d| <= (D + 2) 2^-23 max|x|.
/// The variance sum is rounded relative to itself: (D + 2) 2^-23 joins the
/// square root's margin. Then y = z * scale + bias.
void RangeBuilder::visitLayerNorm(LayerNormOp op) {
  auto type = cast<ShapedType>(op.getType());
  int64_t rank = type.getRank(), axis = op.getAxis();
  if (axis < 0)
    axis += rank;
  ArrayRef<int64_t> normalized = type.getShape().drop_front(axis);
  if (axis < 0 || axis >= rank ||
      llvm::any_of(normalized, ShapedType::isDynamic))
    return setUnbounded(op.getResult());
  double d = static_cast<double>(product(normalized));
  double rounding = (d + 2) * 0x1p-23;
  double bound = std::sqrt(d - 1) + 1;
  Interval x = get(op.getInput()).hull();
  double eps = op.getEpsilon().convertToDouble();
  if (x.isBounded() && eps > 0)
    bound = std::min(bound, (x.hi - x.lo + rounding * magnitude(x)) /
                                std::sqrt(eps));
  Interval z = widen({-bound, bound}, kTranscendentalRel + rounding,
                     kTranscendentalAbs);
  TensorRange y = combine(TensorRange::uniform(rank, z), get(op.getScale()),
                          rank, [](Interval a, Interval b) {
                            return widenOp(mulInterval(a, b));
                          });
  if (Value bias = op.getBias())
    y = combine(y, get(bias), rank, [](Interval a, Interval b) {
      return widenOp({a.lo + b.lo, a.hi + b.hi});
    });
  set(op.getResult(), std::move(y));
}

bool RangeBuilder::visitConvFamily(Operation *op) {
  return llvm::TypeSwitch<Operation *, bool>(op)
      .Case([&](ConvOp o) { return visitConv(o), true; })
      .Case([&](MaxPoolOp o) {
        return visitMaxPool(o.getInput(), o.getResult()), true;
      })
      .Case([&](GlobalMaxPoolOp o) {
        return visitMaxPool(o.getInput(), o.getResult()), true;
      })
      .Case([&](AvgPoolOp o) {
        ArrayRef<int64_t> kernel = o.getKernelShape();
        visitAvgPool(o.getInput(), o.getResult(), product(kernel),
                     o.getCountIncludePad() && hasPadding(o.getPads()));
        return true;
      })
      .Case([&](GlobalAvgPoolOp o) {
        auto type = cast<ShapedType>(o.getInput().getType());
        ArrayRef<int64_t> spatial = type.getShape().drop_front(2);
        if (llvm::any_of(spatial, ShapedType::isDynamic))
          return setUnbounded(o.getResult()), true;
        visitAvgPool(o.getInput(), o.getResult(), product(spatial), false);
        return true;
      })
      .Case([&](ConcatOp o) { return visitConcat(o), true; })
      .Case([&](PadOp o) { return visitPad(o), true; })
      .Case([&](BatchNormOp o) { return visitBatchNorm(o), true; })
      .Case([&](LayerNormOp o) { return visitLayerNorm(o), true; })
      .Case([&](SliceOp o) {
        // A slice's elements are elements of its input.
        auto type = cast<ShapedType>(o.getType());
        set(o.getResult(),
            TensorRange::uniform(type.getRank(), get(o.getInput()).hull()));
        return true;
      })
      .Case([&](LogSoftmaxOp o) {
        auto type = cast<ShapedType>(o.getType());
        set(o.getResult(),
            TensorRange::uniform(type.getRank(), {-kInf, kTranscendentalAbs}));
        return true;
      })
      .Default([](Operation *) { return false; });
}
