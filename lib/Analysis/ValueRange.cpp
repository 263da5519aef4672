//===- ValueRange.cpp - Sound interval analysis over rect values ----------===//
//
// Transfer functions of the interval analysis declared in ValueRange.h. Every
// bound is computed in double precision and widened by the safety margins
// listed in the header, so float32 rounding cannot make a live neuron look
// dead.
//
//===----------------------------------------------------------------------===//

#include "rectify/Analysis/ValueRange.h"

#include "rectify/Analysis/FloatElements.h"
#include "RangeBuilder.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::ranges;


//===----------------------------------------------------------------------===//
// Intervals
//===----------------------------------------------------------------------===//

Interval Interval::hull(Interval other) const {
  return {std::min(lo, other.lo), std::max(hi, other.hi)};
}

bool Interval::isBounded() const {
  return std::isfinite(lo) && std::isfinite(hi);
}

/// x * y for reals, where 0 times an infinite bound is 0 (values are finite).
double rectify::ranges::mulBound(double x, double y) {
  if (x == 0 || y == 0)
    return 0;
  return x * y;
}

Interval rectify::ranges::mulInterval(Interval a, Interval b) {
  double c[] = {mulBound(a.lo, b.lo), mulBound(a.lo, b.hi),
                mulBound(a.hi, b.lo), mulBound(a.hi, b.hi)};
  return {*std::min_element(c, c + 4), *std::max_element(c, c + 4)};
}

/// `x` widened outward by `rel * |bound| + abs` on each nonzero side.
Interval rectify::ranges::widen(Interval x, double rel, double abs) {
  auto down = [&](double v) { return v == 0 && abs == 0 ? v : v - rel * std::fabs(v) - abs; };
  auto up = [&](double v) { return v == 0 && abs == 0 ? v : v + rel * std::fabs(v) + abs; };
  return {down(x.lo), up(x.hi)};
}

Interval rectify::ranges::widenOp(Interval x) {
  return {x.lo == 0 ? 0.0 : x.lo - kOpMargin * std::fabs(x.lo) - kUnderflow,
          x.hi == 0 ? 0.0 : x.hi + kOpMargin * std::fabs(x.hi) + kUnderflow};
}

Interval rectify::ranges::sanitize(Interval x) {
  if (std::isnan(x.lo))
    x.lo = -kInf;
  if (std::isnan(x.hi))
    x.hi = kInf;
  return x;
}

//===----------------------------------------------------------------------===//
// Tensor ranges
//===----------------------------------------------------------------------===//

int64_t rectify::ranges::product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

TensorRange TensorRange::uniform(int64_t rank, Interval interval) {
  TensorRange range;
  range.shape.assign(rank, 1);
  range.elements.push_back(interval);
  return range;
}

Interval TensorRange::hull() const {
  Interval result{kInf, -kInf};
  for (Interval x : elements)
    result = result.hull(x);
  if (elements.empty())
    return Interval::unbounded();
  return result;
}

SmallVector<Interval> TensorRange::perLastDim(int64_t n) const {
  int64_t last = shape.empty() ? 1 : shape.back();
  if (last != n) {
    Interval h = hull();
    return SmallVector<Interval>(n, h);
  }
  SmallVector<Interval> result(n, Interval{kInf, -kInf});
  for (size_t i = 0; i < elements.size(); ++i)
    result[i % n] = result[i % n].hull(elements[i]);
  return result;
}

SmallVector<Interval> rectify::ranges::perDim(const TensorRange &range,
                                              size_t dim, int64_t extent) {
  if (dim >= range.shape.size() || range.shape[dim] != extent)
    return SmallVector<Interval>(extent, range.hull());
  int64_t inner = product(ArrayRef<int64_t>(range.shape).drop_front(dim + 1));
  SmallVector<Interval> result(extent, Interval{kInf, -kInf});
  for (size_t i = 0; i < range.elements.size(); ++i) {
    int64_t index = (i / inner) % extent;
    result[index] = result[index].hull(range.elements[i]);
  }
  return result;
}

TensorRange rectify::ranges::alongDim(int64_t rank, size_t dim,
                                      ArrayRef<Interval> intervals) {
  TensorRange range;
  range.shape.assign(rank, 1);
  range.shape[dim] = intervals.size();
  range.elements.assign(intervals.begin(), intervals.end());
  return range;
}

SmallVector<int64_t> rectify::ranges::getRangeShape(ShapedType type) {
  SmallVector<int64_t> shape;
  for (int64_t d : type.getShape())
    shape.push_back(ShapedType::isDynamic(d) ? 1 : d);
  return shape;
}

/// `range` broadcast onto `shape` (every range dim is 1 or equal), or
/// std::nullopt when the shapes do not fit.
std::optional<SmallVector<Interval>>
rectify::ranges::materialize(const TensorRange &range, ArrayRef<int64_t> shape) {
  size_t rank = shape.size();
  if (range.shape.size() > rank)
    return std::nullopt;
  // Align trailing dims (numpy broadcasting).
  SmallVector<int64_t> from(rank - range.shape.size(), 1);
  from.append(range.shape.begin(), range.shape.end());
  for (size_t d = 0; d < rank; ++d)
    if (from[d] != 1 && from[d] != shape[d])
      return std::nullopt;
  int64_t count = product(shape);
  SmallVector<Interval> result(count);
  SmallVector<int64_t> index(rank, 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t src = 0;
    for (size_t d = 0; d < rank; ++d)
      src = src * from[d] + (from[d] == 1 ? 0 : index[d]);
    result[i] = range.elements[src];
    for (size_t d = rank; d > 0; --d) {
      if (++index[d - 1] < shape[d - 1])
        break;
      index[d - 1] = 0;
    }
  }
  return result;
}

/// Keeps ranges small: per element, else per feature (last dim), else one.
TensorRange rectify::ranges::coarsen(TensorRange range) {
  if (static_cast<int64_t>(range.elements.size()) <= kMaxRangeElements)
    return range;
  int64_t rank = range.shape.size();
  int64_t last = rank ? range.shape.back() : 1;
  if (last <= kMaxRangeElements) {
    TensorRange result;
    result.shape.assign(rank, 1);
    result.shape.back() = last;
    result.elements = range.perLastDim(last);
    return result;
  }
  return TensorRange::uniform(rank, range.hull());
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

static double evalActivation(ActivationKind kind, double alpha, double beta,
                             double x, double slope) {
  switch (kind) {
  case ActivationKind::none:
    return x;
  case ActivationKind::relu:
    return std::max(x, 0.0);
  case ActivationKind::relu6:
    return std::min(std::max(x, 0.0), 6.0);
  case ActivationKind::leaky_relu:
    return x >= 0 ? x : mulBound(alpha, x);
  case ActivationKind::prelu:
    return x >= 0 ? x : mulBound(slope, x);
  case ActivationKind::clip:
    return std::min(std::max(x, alpha), beta);
  case ActivationKind::elu:
    return x >= 0 ? x : alpha * std::expm1(x);
  case ActivationKind::selu:
    return beta * (x >= 0 ? x : alpha * std::expm1(x));
  case ActivationKind::sigmoid:
    return 1.0 / (1.0 + std::exp(-x));
  case ActivationKind::tanh:
    return std::tanh(x);
  case ActivationKind::gelu:
    return x == -kInf ? 0.0 : 0.5 * x * std::erfc(-x / std::sqrt(2.0));
  case ActivationKind::gelu_tanh: {
    if (std::isinf(x))
      return x > 0 ? x : 0.0;
    double inner = std::sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x);
    return 0.5 * x * (1.0 + std::tanh(inner));
  }
  case ActivationKind::silu:
    return x == -kInf ? 0.0 : x / (1.0 + std::exp(-x));
  case ActivationKind::softplus:
    return x > 30 ? x : std::log1p(std::exp(x));
  case ActivationKind::hard_sigmoid:
    return std::min(std::max(mulBound(alpha, x) + beta, 0.0), 1.0);
  case ActivationKind::hard_swish:
    return mulBound(x, std::min(std::max(x / 6.0 + 0.5, 0.0), 1.0));
  }
  return x;
}

Interval rectify::applyActivation(ActivationAttr act, Interval x,
                                  Interval slope) {
  ActivationKind kind = act.getKind();
  double alpha = act.getAlphaValue(), beta = act.getBetaValue();
  if (kind == ActivationKind::none)
    return x;
  if (kind == ActivationKind::prelu) {
    // Positive part is exact; the negative part is slope * min(x, 0).
    Interval neg = mulInterval(slope, {std::min(x.lo, 0.0), std::min(x.hi, 0.0)});
    Interval pos = {std::max(x.lo, 0.0), std::max(x.hi, 0.0)};
    Interval result;
    if (x.hi <= 0)
      result = neg;
    else if (x.lo >= 0)
      result = pos;
    else
      result = neg.hull(pos);
    return widenOp(result);
  }
  auto f = [&](double v) { return evalActivation(kind, alpha, beta, v, 0); };
  SmallVector<double> candidates = {f(x.lo), f(x.hi)};
  auto addKink = [&](double k) {
    if (x.lo < k && k < x.hi)
      candidates.push_back(f(k));
  };
  // Each function is monotone between its kinks (and unimodal for the
  // valley-shaped ones, whose minimum is added explicitly).
  double valleyMin = 0, valleyAt = 0;
  bool valley = false;
  switch (kind) {
  case ActivationKind::relu6:
    addKink(0);
    addKink(6);
    break;
  case ActivationKind::clip:
    addKink(alpha);
    addKink(beta);
    break;
  case ActivationKind::hard_sigmoid:
    if (alpha != 0) {
      addKink(-beta / alpha);
      addKink((1 - beta) / alpha);
    }
    break;
  case ActivationKind::silu:
    valley = true, valleyAt = -1.2784645, valleyMin = -0.2784646;
    break;
  case ActivationKind::gelu:
    valley = true, valleyAt = -0.7517916, valleyMin = -0.1700406;
    break;
  case ActivationKind::gelu_tanh:
    valley = true, valleyAt = -0.7524614, valleyMin = -0.1700460;
    break;
  case ActivationKind::hard_swish:
    valley = true, valleyAt = -1.5, valleyMin = -0.375;
    addKink(-3);
    addKink(3);
    break;
  default:
    addKink(0);
    break;
  }
  if (valley && x.lo <= valleyAt + 0.01 && x.hi >= valleyAt - 0.01)
    candidates.push_back(valleyMin - 1e-4);
  Interval result{kInf, -kInf};
  for (double c : candidates)
    result = result.hull(Interval::point(std::isnan(c) ? 0.0 : c));
  for (double c : candidates)
    if (std::isnan(c))
      return Interval::unbounded();
  switch (kind) {
  case ActivationKind::relu:
  case ActivationKind::relu6:
  case ActivationKind::clip:
    return result;
  case ActivationKind::leaky_relu:
  case ActivationKind::hard_sigmoid:
    result = widenOp(result);
    break;
  default:
    result = widen(result, kTranscendentalRel, kTranscendentalAbs);
    break;
  }
  // Bounds every implementation keeps.
  switch (kind) {
  case ActivationKind::sigmoid:
  case ActivationKind::hard_sigmoid:
    return {std::max(result.lo, 0.0), std::min(result.hi, 1.0)};
  case ActivationKind::tanh:
    return {std::max(result.lo, -1.0), std::min(result.hi, 1.0)};
  case ActivationKind::softplus:
    return {std::max(result.lo, 0.0), result.hi};
  default:
    return result;
  }
}

double rectify::evaluateActivation(ActivationAttr act, double x, double slope) {
  return evalActivation(act.getKind(), act.getAlphaValue(), act.getBetaValue(),
                        x, slope);
}

static void printBound(llvm::raw_ostream &os, double v) {
  os << llvm::format("%.6g", v);
}

void rectify::printRange(llvm::raw_ostream &os, const TensorRange &range,
                         size_t limit) {
  auto print = [&](Interval x) {
    os << "[";
    printBound(os, x.lo);
    os << ", ";
    printBound(os, x.hi);
    os << "]";
  };
  print(range.hull());
  if (range.elements.size() <= 1)
    return;
  os << " per ";
  llvm::interleave(range.shape, os, "x");
  os << ":";
  for (size_t i = 0; i < range.elements.size() && i < limit; ++i) {
    os << " ";
    print(range.elements[i]);
  }
  if (range.elements.size() > limit)
    os << " ...";
}

std::optional<double>
rectify::getConstantActivationValue(ActivationAttr act, Interval pre) {
  double alpha = act.getAlphaValue(), beta = act.getBetaValue();
  switch (act.getKind()) {
  case ActivationKind::relu:
  case ActivationKind::relu6:
    if (pre.hi <= 0)
      return 0.0;
    if (act.getKind() == ActivationKind::relu6 && pre.lo >= 6)
      return 6.0;
    return std::nullopt;
  case ActivationKind::clip:
    if (pre.hi <= alpha)
      return alpha;
    if (pre.lo >= beta)
      return beta;
    return std::nullopt;
  case ActivationKind::hard_sigmoid: {
    // alpha * x + beta is rounded; demand a margin on the boundary.
    Interval y = widenOp(Interval{mulBound(alpha, pre.lo), mulBound(alpha, pre.hi)});
    y = {std::min(y.lo, y.hi) + beta, std::max(y.lo, y.hi) + beta};
    y = widenOp(y);
    if (y.hi <= 0)
      return 0.0;
    if (y.lo >= 1)
      return 1.0;
    return std::nullopt;
  }
  default:
    return std::nullopt;
  }
}

bool rectify::isIdentityOn(ActivationAttr act, Interval pre) {
  switch (act.getKind()) {
  case ActivationKind::none:
    return true;
  case ActivationKind::relu:
  case ActivationKind::leaky_relu:
  case ActivationKind::prelu:
  case ActivationKind::elu:
    return pre.lo >= 0;
  case ActivationKind::relu6:
    return pre.lo >= 0 && pre.hi <= 6;
  case ActivationKind::clip:
    return pre.lo >= act.getAlphaValue() && pre.hi <= act.getBetaValue();
  default:
    return false;
  }
}

static double toDouble(const APFloat &value) { return value.convertToDouble(); }

ActivationAttr rectify::getOpActivation(Operation *op) {
  MLIRContext *ctx = op->getContext();
  auto get = [&](ActivationKind kind, double a = 0, double b = 0) {
    return ActivationAttr::get(ctx, kind, a, b);
  };
  return llvm::TypeSwitch<Operation *, ActivationAttr>(op)
      .Case([&](ReluOp) { return get(ActivationKind::relu); })
      .Case([&](Relu6Op) { return get(ActivationKind::relu6); })
      .Case([&](LeakyReluOp o) {
        return get(ActivationKind::leaky_relu, toDouble(o.getAlpha()));
      })
      .Case([&](ClipOp o) {
        std::optional<APFloat> lo = o.getMin(), hi = o.getMax();
        return get(ActivationKind::clip, lo ? toDouble(*lo) : -kInf,
                   hi ? toDouble(*hi) : kInf);
      })
      .Case([&](EluOp o) { return get(ActivationKind::elu, toDouble(o.getAlpha())); })
      .Case([&](SeluOp o) {
        return get(ActivationKind::selu, toDouble(o.getAlpha()),
                   toDouble(o.getGamma()));
      })
      .Case([&](SigmoidOp) { return get(ActivationKind::sigmoid); })
      .Case([&](TanhOp) { return get(ActivationKind::tanh); })
      .Case([&](GeluOp o) {
        return get(o.getApproximate() == "tanh" ? ActivationKind::gelu_tanh
                                                : ActivationKind::gelu);
      })
      .Case([&](SiluOp) { return get(ActivationKind::silu); })
      .Case([&](SoftplusOp) { return get(ActivationKind::softplus); })
      .Case([&](HardSigmoidOp o) {
        return get(ActivationKind::hard_sigmoid, toDouble(o.getAlpha()),
                   toDouble(o.getBeta()));
      })
      .Case([&](HardSwishOp) { return get(ActivationKind::hard_swish); })
      .Case([&](PReluOp) { return get(ActivationKind::prelu); })
      .Default([](Operation *) { return ActivationAttr(); });
}

//===----------------------------------------------------------------------===//
// Input declarations
//===----------------------------------------------------------------------===//

static llvm::Error makeError(const Twine &message) {
  return llvm::createStringError(message.str());
}

static std::optional<double> parseBound(StringRef text) {
  text = text.trim();
  if (text == "inf" || text == "+inf")
    return kInf;
  if (text == "-inf")
    return -kInf;
  double value;
  if (text.empty() || text.getAsDouble(value))
    return std::nullopt;
  return value;
}

llvm::Expected<InputRange> rectify::parseInputRange(StringRef text) {
  auto [name, spec] = text.trim().split('=');
  if (name.empty() || spec.empty())
    return makeError("expected NAME=LO:HI[,LO:HI...], got '" + text + "'");
  InputRange range;
  range.name = name.str();
  SmallVector<StringRef> parts;
  spec.split(parts, ',');
  for (StringRef part : parts) {
    auto [loText, hiText] = part.split(':');
    std::optional<double> lo = parseBound(loText), hi = parseBound(hiText);
    if (!lo || !hi)
      return makeError("bad interval '" + part + "' for '" + name +
                       "': expected LO:HI");
    if (*lo > *hi)
      return makeError("empty interval '" + part + "' for '" + name +
                       "': LO > HI");
    range.channels.push_back({*lo, *hi});
  }
  return range;
}

llvm::Error rectify::parseInputRanges(StringRef text,
                                      SmallVectorImpl<InputRange> &ranges) {
  SmallVector<StringRef> items;
  text.split(items, ';', -1, /*KeepEmpty=*/false);
  for (StringRef item : items) {
    SmallVector<StringRef> words;
    item.split(words, ' ', -1, /*KeepEmpty=*/false);
    for (StringRef word : words) {
      llvm::Expected<InputRange> range = parseInputRange(word);
      if (!range)
        return range.takeError();
      ranges.push_back(std::move(*range));
    }
  }
  return llvm::Error::success();
}

static std::string formatChannels(ArrayRef<Interval> channels) {
  std::string text;
  for (Interval c : channels) {
    if (!text.empty())
      text += ",";
    // Exact round trip: 17 significant digits.
    text += llvm::formatv("{0}:{1}", llvm::format("%.17g", c.lo),
                          llvm::format("%.17g", c.hi))
                .str();
  }
  return text;
}

void rectify::setInputRanges(ModuleOp module, ArrayRef<InputRange> ranges) {
  Builder builder(module.getContext());
  NamedAttrList entries;
  if (auto old = module->getAttrOfType<DictionaryAttr>(kInputRangesAttrName))
    entries.append(old.getValue());
  for (const InputRange &range : ranges)
    entries.set(range.name, builder.getStringAttr(formatChannels(range.channels)));
  module->setAttr(kInputRangesAttrName, entries.getDictionary(module.getContext()));
}

FailureOr<SmallVector<InputRange>>
rectify::collectInputRanges(Operation *op, StringRef optionText) {
  SmallVector<InputRange> ranges;
  auto module = isa<ModuleOp>(op) ? cast<ModuleOp>(op)
                                   : op->getParentOfType<ModuleOp>();
  if (module) {
    if (auto dict = module->getAttrOfType<DictionaryAttr>(kInputRangesAttrName)) {
      for (NamedAttribute entry : dict) {
        auto text = dyn_cast<StringAttr>(entry.getValue());
        if (!text)
          return op->emitError() << kInputRangesAttrName << "['"
                                 << entry.getName().getValue()
                                 << "'] must be a string";
        llvm::Expected<InputRange> range = parseInputRange(
            (entry.getName().getValue() + "=" + text.getValue()).str());
        if (!range)
          return op->emitError() << toString(range.takeError());
        ranges.push_back(std::move(*range));
      }
    }
  }
  if (llvm::Error error = parseInputRanges(optionText, ranges))
    return op->emitError() << "input-ranges: " << toString(std::move(error));
  return ranges;
}

//===----------------------------------------------------------------------===//
// The analysis
//===----------------------------------------------------------------------===//


const TensorRange *ValueRangeAnalysis::lookup(Value value) const {
  auto it = ranges.find(value);
  return it == ranges.end() ? nullptr : &it->second;
}

const SmallVector<Interval> *
ValueRangeAnalysis::lookupPreActivation(LinearOp op) const {
  return lookupPreActivation(op.getOperation());
}

const SmallVector<Interval> *
ValueRangeAnalysis::lookupPreActivation(Operation *op) const {
  auto it = preActivation.find(op);
  return it == preActivation.end() ? nullptr : &it->second;
}

void RangeBuilder::visitConstant(ConstantOp op) {
  auto type = cast<ShapedType>(op.getType());
  std::optional<SmallVector<double>> values =
      type.hasStaticShape() ? readFloatElements(op.getValue()) : std::nullopt;
  if (!values) {
    set(op.getResult(), TensorRange::uniform(type.getRank(), Interval::unbounded()));
    return;
  }
  TensorRange range;
  range.shape.assign(type.getShape().begin(), type.getShape().end());
  for (double v : *values)
    range.elements.push_back(Interval::point(v));
  set(op.getResult(), std::move(range));
}

/// Pre-activation intervals of y = x W^T + b, per output feature, with the
/// dot-product margin applied per term. `weights[n][k]` and `bias[n]`.
SmallVector<Interval>
rectify::ranges::computeLinear(ArrayRef<Interval> x, ArrayRef<Interval> weights,
              ArrayRef<Interval> bias, int64_t n, int64_t k) {
  double gamma = (k + 2) * 0x1p-23;
  SmallVector<Interval> result(n);
  for (int64_t i = 0; i < n; ++i) {
    Interval b = bias[i];
    double lo = b.lo == 0 ? 0 : b.lo - gamma * std::fabs(b.lo);
    double hi = b.hi == 0 ? 0 : b.hi + gamma * std::fabs(b.hi);
    bool nonzero = b.lo != 0 || b.hi != 0;
    // Rounding keeps signs: a sum of terms that are all >= 0 (<= 0) is
    // >= 0 (<= 0) in float32 too.
    bool allNonNegative = b.lo >= 0, allNonPositive = b.hi <= 0;
    for (int64_t j = 0; j < k; ++j) {
      Interval p = mulInterval(x[j], weights[i * k + j]);
      if (p.lo == 0 && p.hi == 0)
        continue;
      nonzero = true;
      allNonNegative &= p.lo >= 0;
      allNonPositive &= p.hi <= 0;
      lo += p.lo - gamma * std::fabs(p.lo);
      hi += p.hi + gamma * std::fabs(p.hi);
    }
    if (nonzero) {
      lo -= (k + 2) * kUnderflow;
      hi += (k + 2) * kUnderflow;
    }
    if (allNonNegative)
      lo = std::max(lo, 0.0);
    if (allNonPositive)
      hi = std::min(hi, 0.0);
    result[i] = sanitize({lo, hi});
  }
  return result;
}

SmallVector<Interval> RangeBuilder::getElements(Value value,
                                               ArrayRef<int64_t> shape) {
  // Constants are read directly: their stored range may have been coarsened.
  auto constant = value.getDefiningOp<ConstantOp>();
  auto type = cast<ShapedType>(value.getType());
  if (constant && type.hasStaticShape() && type.getShape() == shape)
    if (std::optional<SmallVector<double>> values =
            readFloatElements(constant.getValue())) {
      SmallVector<Interval> result;
      result.reserve(values->size());
      for (double v : *values)
        result.push_back(Interval::point(v));
      return result;
    }
  TensorRange range = get(value);
  if (product(shape) <= (int64_t(1) << 22))
    if (std::optional<SmallVector<Interval>> full = materialize(range, shape))
      return std::move(*full);
  return SmallVector<Interval>(product(shape), range.hull());
}

void RangeBuilder::visitLinear(LinearOp op) {
  auto weightType = cast<ShapedType>(op.getWeight().getType());
  auto resultType = cast<ShapedType>(op.getType());
  if (!weightType.hasStaticShape()) {
    set(op.getResult(),
        TensorRange::uniform(resultType.getRank(), Interval::unbounded()));
    return;
  }
  int64_t n = weightType.getDimSize(0), k = weightType.getDimSize(1);
  SmallVector<Interval> x = get(op.getInput()).perLastDim(k);
  SmallVector<Interval> weights = getElements(op.getWeight(), {n, k});
  SmallVector<Interval> bias(n, Interval::point(0));
  if (Value b = op.getBias())
    bias = get(b).perLastDim(n);
  SmallVector<Interval> pre = computeLinear(x, weights, bias, n, k);
  SmallVector<Interval> slope(n, Interval::point(0));
  if (Value s = op.getSlope())
    slope = get(s).perLastDim(n);
  TensorRange out;
  out.shape.assign(resultType.getRank(), 1);
  out.shape.back() = n;
  for (int64_t i = 0; i < n; ++i)
    out.elements.push_back(applyActivation(op.getActivation(), pre[i], slope[i]));
  analysis.preActivation[op.getOperation()] = std::move(pre);
  set(op.getResult(), std::move(out));
}

void RangeBuilder::visitMatMul(MatMulOp op) {
  auto lhsType = cast<ShapedType>(op.getLhs().getType());
  auto rhsType = cast<ShapedType>(op.getRhs().getType());
  auto resultType = cast<ShapedType>(op.getType());
  if (lhsType.getRank() < 2 || rhsType.getRank() != 2 ||
      !rhsType.hasStaticShape()) {
    set(op.getResult(),
        TensorRange::uniform(resultType.getRank(), Interval::unbounded()));
    return;
  }
  int64_t k = rhsType.getDimSize(0), n = rhsType.getDimSize(1);
  SmallVector<Interval> x = get(op.getLhs()).perLastDim(k);
  SmallVector<Interval> rhs = getElements(op.getRhs(), {k, n});
  SmallVector<Interval> weights(n * k);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < k; ++j)
      weights[i * k + j] = rhs[j * n + i];
  SmallVector<Interval> bias(n, Interval::point(0));
  TensorRange out;
  out.shape.assign(resultType.getRank(), 1);
  out.shape.back() = n;
  out.elements = computeLinear(x, weights, bias, n, k);
  set(op.getResult(), std::move(out));
}

static Interval applyBinary(Operation *op, Interval a, Interval b) {
  return llvm::TypeSwitch<Operation *, Interval>(op)
      .Case([&](AddOp) { return widenOp({a.lo + b.lo, a.hi + b.hi}); })
      .Case([&](SubOp) { return widenOp({a.lo - b.hi, a.hi - b.lo}); })
      .Case([&](MulOp) { return widenOp(mulInterval(a, b)); })
      .Case([&](DivOp) {
        if (b.lo <= 0 && b.hi >= 0)
          return Interval::unbounded();
        return widenOp(
            mulInterval(a, widenOp({1.0 / b.hi, 1.0 / b.lo})));
      })
      .Case([&](MaxOp) {
        return Interval{std::max(a.lo, b.lo), std::max(a.hi, b.hi)};
      })
      .Case([&](MinOp) {
        return Interval{std::min(a.lo, b.lo), std::min(a.hi, b.hi)};
      })
      .Default([](Operation *) { return Interval::unbounded(); });
}

TensorRange rectify::ranges::combine(
    const TensorRange &a, const TensorRange &b, size_t rank,
    function_ref<Interval(Interval, Interval)> f) {
  // The range shape: per dim the larger of the two (both broadcast).
  SmallVector<int64_t> shape(rank, 1);
  for (const TensorRange *r : {&a, &b})
    for (size_t i = 0; i < r->shape.size() && i < rank; ++i)
      shape[rank - 1 - i] =
          std::max(shape[rank - 1 - i], r->shape[r->shape.size() - 1 - i]);
  std::optional<SmallVector<Interval>> ea, eb;
  if (product(shape) <= kMaxRangeElements) {
    ea = materialize(a, shape);
    eb = materialize(b, shape);
  }
  if (!ea || !eb)
    return TensorRange::uniform(rank, f(a.hull(), b.hull()));
  TensorRange out;
  out.shape = shape;
  for (size_t i = 0; i < ea->size(); ++i)
    out.elements.push_back(f((*ea)[i], (*eb)[i]));
  return out;
}

void RangeBuilder::visitBinary(Operation *op) {
  auto resultType = cast<ShapedType>(op->getResult(0).getType());
  set(op->getResult(0),
      combine(get(op->getOperand(0)), get(op->getOperand(1)),
              resultType.getRank(),
              [&](Interval a, Interval b) { return applyBinary(op, a, b); }));
}

static Interval applyUnary(Operation *op, Interval x) {
  if (ActivationAttr act = getOpActivation(op))
    return applyActivation(act, x);
  return llvm::TypeSwitch<Operation *, Interval>(op)
      .Case([&](NegOp) { return Interval{-x.hi, -x.lo}; })
      .Case([&](AbsOp) {
        if (x.lo >= 0)
          return x;
        if (x.hi <= 0)
          return Interval{-x.hi, -x.lo};
        return Interval{0, std::max(-x.lo, x.hi)};
      })
      .Case([&](ExpOp) {
        Interval y = widen({std::exp(x.lo), std::exp(x.hi)}, kTranscendentalRel,
                           kTranscendentalAbs);
        return Interval{std::max(y.lo, 0.0), y.hi};
      })
      .Case([&](ErfOp) {
        Interval y = widen({std::erf(x.lo), std::erf(x.hi)}, kTranscendentalRel,
                           kTranscendentalAbs);
        return Interval{std::max(y.lo, -1.0), std::min(y.hi, 1.0)};
      })
      .Case([&](SqrtOp) {
        if (x.lo < 0)
          return Interval::unbounded();
        Interval y = widen({std::sqrt(x.lo), std::sqrt(x.hi)},
                           kTranscendentalRel, kTranscendentalAbs);
        return Interval{std::max(y.lo, 0.0), y.hi};
      })
      .Default([](Operation *) { return Interval::unbounded(); });
}

void RangeBuilder::visitUnary(Operation *op) {
  TensorRange range = get(op->getOperand(0));
  for (Interval &x : range.elements)
    x = applyUnary(op, x);
  set(op->getResult(0), std::move(range));
}

void RangeBuilder::visitPRelu(PReluOp op) {
  TensorRange x = get(op.getInput()), slope = get(op.getSlope());
  auto type = cast<ShapedType>(op.getType());
  ActivationAttr act = ActivationAttr::get(op.getContext(), ActivationKind::prelu);
  SmallVector<int64_t> shape = getRangeShape(type);
  std::optional<SmallVector<Interval>> ex, es;
  if (product(shape) <= kMaxRangeElements) {
    ex = materialize(x, shape);
    es = materialize(slope, shape);
  }
  if (!ex || !es) {
    set(op.getResult(), TensorRange::uniform(type.getRank(),
                                             applyActivation(act, x.hull(), slope.hull())));
    return;
  }
  TensorRange out;
  out.shape = shape;
  for (size_t i = 0; i < ex->size(); ++i)
    out.elements.push_back(applyActivation(act, (*ex)[i], (*es)[i]));
  set(op.getResult(), std::move(out));
}

/// Reshape and flatten keep row-major order: the range is reinterpreted when
/// both sides have the same static extent per batch (the dynamic dimension,
/// if any, leading on both sides); otherwise one interval remains.
void RangeBuilder::visitReshape(Value input, Value output) {
  auto inType = cast<ShapedType>(input.getType());
  auto outType = cast<ShapedType>(output.getType());
  TensorRange range = get(input);
  auto dynamicOnlyLeading = [](ShapedType t) {
    for (int64_t d = 1; d < t.getRank(); ++d)
      if (t.isDynamicDim(d))
        return false;
    return true;
  };
  bool sameBatch = inType.hasStaticShape() == outType.hasStaticShape() &&
                   dynamicOnlyLeading(inType) && dynamicOnlyLeading(outType);
  SmallVector<int64_t> inShape = getRangeShape(inType),
                       outShape = getRangeShape(outType);
  if (sameBatch && product(inShape) == product(outShape) &&
      product(inShape) <= kMaxRangeElements) {
    if (std::optional<SmallVector<Interval>> full = materialize(range, inShape)) {
      TensorRange out;
      out.shape = outShape;
      out.elements = std::move(*full);
      set(output, std::move(out));
      return;
    }
  }
  set(output, TensorRange::uniform(outType.getRank(), range.hull()));
}

void RangeBuilder::visitTranspose(TransposeOp op) {
  auto inType = cast<ShapedType>(op.getInput().getType());
  TensorRange range = get(op.getInput());
  SmallVector<int64_t> inShape = getRangeShape(inType);
  ArrayRef<int64_t> perm = op.getPermutation();
  std::optional<SmallVector<Interval>> full;
  if (product(inShape) <= kMaxRangeElements)
    full = materialize(range, inShape);
  if (!full) {
    set(op.getResult(), TensorRange::uniform(inType.getRank(), range.hull()));
    return;
  }
  // Permute a row-major array: result dim i is input dim perm[i].
  size_t rank = inShape.size();
  SmallVector<int64_t> inStrides(rank, 1), outShape(rank);
  for (size_t i = rank; i > 1; --i)
    inStrides[i - 2] = inStrides[i - 1] * inShape[i - 1];
  for (size_t i = 0; i < rank; ++i)
    outShape[i] = inShape[perm[i]];
  TensorRange out;
  out.shape = outShape;
  SmallVector<int64_t> index(rank, 0);
  for (size_t e = 0; e < full->size(); ++e) {
    int64_t src = 0;
    for (size_t i = 0; i < rank; ++i)
      src += index[i] * inStrides[perm[i]];
    out.elements.push_back((*full)[src]);
    for (size_t d = rank; d > 0; --d) {
      if (++index[d - 1] < outShape[d - 1])
        break;
      index[d - 1] = 0;
    }
  }
  set(op.getResult(), std::move(out));
}

void RangeBuilder::visit(Operation *op) {
  if (visitConvFamily(op) || visitReductionFamily(op))
    return;
  llvm::TypeSwitch<Operation *>(op)
      .Case([&](ConstantOp o) { visitConstant(o); })
      .Case([&](LinearOp o) { visitLinear(o); })
      .Case([&](MatMulOp o) { visitMatMul(o); })
      .Case<AddOp, SubOp, MulOp, DivOp, MaxOp, MinOp>(
          [&](Operation *o) { visitBinary(o); })
      .Case([&](PReluOp o) { visitPRelu(o); })
      .Case([&](ReshapeOp o) { visitReshape(o.getInput(), o.getResult()); })
      .Case([&](FlattenOp o) { visitReshape(o.getInput(), o.getResult()); })
      .Case([&](TransposeOp o) { visitTranspose(o); })
      .Case([&](SoftmaxOp o) {
        auto type = cast<ShapedType>(o.getType());
        set(o.getResult(), TensorRange::uniform(
                               type.getRank(), {0.0, 1.0 + kTranscendentalAbs}));
      })
      .Default([&](Operation *o) {
        if (o->getNumOperands() == 1 && o->getNumResults() == 1 &&
            o->getOperand(0).getType() == o->getResult(0).getType() &&
            isa<RectDialect>(o->getDialect())) {
          visitUnary(o);
          return;
        }
        for (Value result : o->getResults())
          if (auto type = dyn_cast<ShapedType>(result.getType()))
            set(result, TensorRange::uniform(type.getRank(), Interval::unbounded()));
      });
}

FailureOr<ValueRangeAnalysis>
ValueRangeAnalysis::run(func::FuncOp func, ArrayRef<InputRange> inputRanges) {
  ValueRangeAnalysis analysis;
  RangeBuilder builder(analysis);
  if (func.isExternal())
    return analysis;
  for (BlockArgument arg : func.getArguments()) {
    auto type = dyn_cast<ShapedType>(arg.getType());
    if (!type)
      continue;
    std::string name = "arg" + std::to_string(arg.getArgNumber());
    if (auto attr = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "rect.name"))
      name = attr.getValue().str();
    const InputRange *declared = nullptr;
    for (const InputRange &range : inputRanges)
      if (range.name == name)
        declared = &range;
    if (!declared || declared->channels.empty()) {
      builder.set(arg, TensorRange::uniform(type.getRank(), Interval::unbounded()));
      continue;
    }
    if (declared->channels.size() == 1) {
      builder.set(arg, TensorRange::uniform(type.getRank(), declared->channels[0]));
      continue;
    }
    int64_t dim = type.getRank() >= 2 ? 1 : 0;
    int64_t channels = declared->channels.size();
    if (type.getRank() == 0 || type.getDimSize(dim) != channels)
      return func.emitError() << "input range of '" << name << "' has "
                              << channels << " channel intervals, but its "
                              << "dimension " << dim << " has extent "
                              << (type.getRank() ? type.getDimSize(dim) : 0);
    TensorRange range;
    range.shape.assign(type.getRank(), 1);
    range.shape[dim] = channels;
    range.elements.assign(declared->channels.begin(), declared->channels.end());
    builder.set(arg, std::move(range));
  }
  for (Operation &op : func.getBody().front())
    builder.visit(&op);
  return analysis;
}
