//===- ConvPruningPropertyTest.cpp - Proven-dead channel pruning is exact -===//
//
// Builds small random CNNs in memory (conv + relu, sometimes depthwise (a
// barrier) or with a parallel conv concatenated along the channels, optional
// per-channel add, batch norm and max/avg pooling, flatten, linear; random
// weights, biases skewed negative so many channels are dead, some all-zero
// channels, random per-channel input boxes), runs rect-eliminate-dead-relus and
// rect-prune-dead-neurons, and evaluates the original and the pruned IR with
// a reference evaluator written here (independent of the compiler) on
// random corners of the box, its two extreme corners and random points
// inside: max |error| <= 1e-5 * max |output| (or, for the rare networks
// whose output cancels to nearly 0, 1e-5 * the magnitude of its terms).
//
//===----------------------------------------------------------------------===//

#include "rectify/Analysis/ValueRange.h"
#include "rectify/Dialect/Rect/IR/RectDialect.h"
#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;

namespace {

constexpr int kNetworks = 10000;
constexpr int kRandomCorners = 16;
constexpr int kRandomPoints = 16;

/// A dense row-major tensor.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<float> data;
  int64_t dim(size_t i) const { return shape[i]; }
};

Tensor readConstant(Value value) {
  auto op = value.getDefiningOp<ConstantOp>();
  auto dense = cast<DenseElementsAttr>(op.getValue());
  Tensor t;
  auto type = cast<RankedTensorType>(op.getType());
  t.shape.assign(type.getShape().begin(), type.getShape().end());
  for (float v : dense.getValues<float>())
    t.data.push_back(v);
  return t;
}

float activate(ActivationAttr act, float x) {
  if (act.getKind() == ActivationKind::relu)
    return std::max(x, 0.0f);
  EXPECT_EQ(act.getKind(), ActivationKind::none);
  return x;
}

Tensor conv2d(ConvOp op, const Tensor &x) {
  EXPECT_FALSE(op.getResidual());
  Tensor w = readConstant(op.getWeight());
  Tensor b;
  if (op.getBias())
    b = readConstant(op.getBias());
  ArrayRef<int64_t> pads = op.getPads(), strides = op.getStrides();
  int64_t n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
  int64_t f = w.dim(0), cg = w.dim(1), kh = w.dim(2), kw = w.dim(3);
  int64_t perGroup = f / op.getGroup();
  int64_t oh = (h + pads[0] + pads[2] - kh) / strides[0] + 1;
  int64_t ow = (wd + pads[1] + pads[3] - kw) / strides[1] + 1;
  Tensor y{{n, f, oh, ow}, std::vector<float>(n * f * oh * ow)};
  for (int64_t s = 0; s < n; ++s)
    for (int64_t o = 0; o < f; ++o)
      for (int64_t i = 0; i < oh; ++i)
        for (int64_t j = 0; j < ow; ++j) {
          float acc = b.data.empty() ? 0.0f : b.data[b.data.size() == 1 ? 0 : o];
          for (int64_t g = 0; g < cg; ++g)
            for (int64_t a = 0; a < kh; ++a)
              for (int64_t e = 0; e < kw; ++e) {
                int64_t r = i * strides[0] + a - pads[0];
                int64_t q = j * strides[1] + e - pads[1];
                if (r < 0 || r >= h || q < 0 || q >= wd)
                  continue;
                int64_t ci = (o / perGroup) * cg + g;
                acc += x.data[((s * c + ci) * h + r) * wd + q] *
                       w.data[((o * cg + g) * kh + a) * kw + e];
              }
          y.data[((s * f + o) * oh + i) * ow + j] =
              activate(op.getActivation(), acc);
        }
  return y;
}

/// Unpadded 2-D pooling.
Tensor pool(ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides, bool max,
            const Tensor &x) {
  int64_t n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
  int64_t oh = (h - kernel[0]) / strides[0] + 1;
  int64_t ow = (w - kernel[1]) / strides[1] + 1;
  Tensor y{{n, c, oh, ow}, std::vector<float>(n * c * oh * ow)};
  for (int64_t s = 0; s < n * c; ++s)
    for (int64_t i = 0; i < oh; ++i)
      for (int64_t j = 0; j < ow; ++j) {
        float acc = max ? -INFINITY : 0.0f;
        for (int64_t a = 0; a < kernel[0]; ++a)
          for (int64_t e = 0; e < kernel[1]; ++e) {
            float v = x.data[(s * h + i * strides[0] + a) * w + j * strides[1] + e];
            acc = max ? std::max(acc, v) : acc + v;
          }
        y.data[(s * oh + i) * ow + j] =
            max ? acc : acc / static_cast<float>(kernel[0] * kernel[1]);
      }
  return y;
}

/// x op c, with c broadcast onto x (numpy rules, trailing dims aligned).
Tensor broadcastBinary(const Tensor &x, const Tensor &c, bool add) {
  Tensor y = x;
  size_t rank = x.shape.size(), offset = rank - c.shape.size();
  for (size_t i = 0; i < x.data.size(); ++i) {
    int64_t rest = i, index = 0, stride = 1;
    for (size_t d = rank; d > 0; --d) {
      int64_t coord = rest % x.shape[d - 1];
      rest /= x.shape[d - 1];
      if (d - 1 < offset)
        continue;
      int64_t extent = c.shape[d - 1 - offset];
      index += (extent == 1 ? 0 : coord) * stride;
      stride *= extent;
    }
    y.data[i] = add ? x.data[i] + c.data[index] : x.data[i] * c.data[index];
  }
  return y;
}

/// The largest sum of term magnitudes (|b| + sum |x w|) of an output of the
/// last linear evaluated: rounding error bounds are relative to it.
float termMagnitude = 0;

Tensor linear(LinearOp op, const Tensor &x) {
  Tensor w = readConstant(op.getWeight());
  Tensor b;
  if (op.getBias())
    b = readConstant(op.getBias());
  int64_t rows = x.dim(0), k = x.dim(1), n = w.dim(0);
  Tensor y{{rows, n}, std::vector<float>(rows * n)};
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t i = 0; i < n; ++i) {
      float acc = b.data.empty() ? 0.0f : b.data[b.data.size() == 1 ? 0 : i];
      float magnitude = std::fabs(acc);
      for (int64_t j = 0; j < k; ++j) {
        acc += x.data[r * k + j] * w.data[i * k + j];
        magnitude += std::fabs(x.data[r * k + j] * w.data[i * k + j]);
      }
      termMagnitude = std::max(termMagnitude, magnitude);
      y.data[r * n + i] = activate(op.getActivation(), acc);
    }
  return y;
}

/// Reference semantics of the ops these networks use.
Tensor evaluate(func::FuncOp func, const Tensor &input) {
  llvm::DenseMap<Value, Tensor> values;
  values[func.getArgument(0)] = input;
  Tensor result;
  for (Operation &op : func.getBody().front()) {
    if (auto conv = dyn_cast<ConvOp>(op)) {
      values[conv.getResult()] = conv2d(conv, values[conv.getInput()]);
    } else if (auto max = dyn_cast<MaxPoolOp>(op)) {
      values[max.getResult()] = pool(max.getKernelShape(), max.getStrides(),
                                     true, values[max.getInput()]);
    } else if (auto avg = dyn_cast<AvgPoolOp>(op)) {
      values[avg.getResult()] = pool(avg.getKernelShape(), avg.getStrides(),
                                     false, values[avg.getInput()]);
    } else if (isa<AddOp, MulOp>(op)) {
      values[op.getResult(0)] =
          broadcastBinary(values[op.getOperand(0)],
                          readConstant(op.getOperand(1)), isa<AddOp>(op));
    } else if (auto bn = dyn_cast<BatchNormOp>(op)) {
      Tensor y = values[bn.getInput()];
      Tensor scale = readConstant(bn.getScale()), bias = readConstant(bn.getBias()),
             mean = readConstant(bn.getMean()), var = readConstant(bn.getVar());
      int64_t c = y.dim(1), plane = y.dim(2) * y.dim(3);
      float eps = bn.getEpsilon().convertToFloat();
      for (size_t i = 0; i < y.data.size(); ++i) {
        int64_t ch = (i / plane) % c;
        y.data[i] = (y.data[i] - mean.data[ch]) /
                        std::sqrt(var.data[ch] + eps) * scale.data[ch] +
                    bias.data[ch];
      }
      values[bn.getResult()] = y;
    } else if (auto cat = dyn_cast<ConcatOp>(op)) {
      // Along the channels of NCHW tensors.
      const Tensor &a = values[cat.getInputs()[0]], &b = values[cat.getInputs()[1]];
      int64_t plane = a.dim(2) * a.dim(3);
      Tensor y{{a.dim(0), a.dim(1) + b.dim(1), a.dim(2), a.dim(3)}, {}};
      for (int64_t s = 0; s < a.dim(0); ++s) {
        y.data.insert(y.data.end(), a.data.begin() + s * a.dim(1) * plane,
                      a.data.begin() + (s + 1) * a.dim(1) * plane);
        y.data.insert(y.data.end(), b.data.begin() + s * b.dim(1) * plane,
                      b.data.begin() + (s + 1) * b.dim(1) * plane);
      }
      values[cat.getResult()] = y;
    } else if (auto flatten = dyn_cast<FlattenOp>(op)) {
      Tensor x = values[flatten.getInput()];
      int64_t rows = x.dim(0);
      x.shape = {rows, static_cast<int64_t>(x.data.size()) / rows};
      values[flatten.getResult()] = x;
    } else if (auto fc = dyn_cast<LinearOp>(op)) {
      values[fc.getResult()] = linear(fc, values[fc.getInput()]);
    } else if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      result = values[ret.getOperand(0)];
    } else if (!isa<ConstantOp>(op)) {
      ADD_FAILURE() << "unexpected op " << op.getName().getStringRef().str();
    }
  }
  return result;
}

struct Network {
  OwningOpRef<ModuleOp> module;
  std::vector<int64_t> inputShape; // [C, H, W]
  std::vector<Interval> box;       // per input channel
  int64_t channels = 0;
};

Value constant(OpBuilder &builder, ArrayRef<int64_t> shape,
               ArrayRef<float> values) {
  auto type = RankedTensorType::get(shape, builder.getF32Type());
  return ConstantOp::create(builder, builder.getUnknownLoc(), type,
                            DenseElementsAttr::get(type, values));
}

Network buildRandomNetwork(MLIRContext &context, std::mt19937 &rng) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::uniform_real_distribution<float> uniform(-2.0f, 2.0f);
  OpBuilder builder(&context);
  Location loc = builder.getUnknownLoc();
  Type f32 = builder.getF32Type();
  Network net;
  net.module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(net.module->getBody());
  int64_t c = pick(1, 3), h = pick(3, 5), w = pick(3, 5);
  net.inputShape = {c, h, w};
  int64_t outputs = pick(1, 3);
  auto dyn = ShapedType::kDynamic;
  auto func = func::FuncOp::create(
      builder, loc, "net",
      builder.getFunctionType({RankedTensorType::get({dyn, c, h, w}, f32)},
                              {RankedTensorType::get({dyn, outputs}, f32)}));
  func.setArgAttr(0, "rect.name", builder.getStringAttr("x"));
  builder.setInsertionPointToEnd(func.addEntryBlock());
  Value x = func.getArgument(0);
  int convs = pick(1, 2);
  // One conv + activation with random weights (biases skewed negative, some
  // all-zero channels); `group` = c makes it depthwise.
  auto makeConv = [&](Value input, int64_t f, int64_t group, int64_t k,
                      int64_t pad, int64_t oh, int64_t ow) -> Value {
    int64_t cg = c / group;
    std::vector<float> weights(f * cg * k * k), bias(f);
    for (int64_t o = 0; o < f; ++o) {
      bool zero = chance(0.15);
      for (int64_t i = 0; i < cg * k * k; ++i)
        weights[o * cg * k * k + i] = zero ? 0.0f : normal(rng);
      bias[o] = normal(rng) - 1.5f; // skewed negative
    }
    Value wv = constant(builder, {f, cg, k, k}, weights);
    Value bv = constant(builder, {f}, bias);
    auto act = ActivationAttr::get(&context, chance(0.9) ? ActivationKind::relu
                                                          : ActivationKind::none);
    return ConvOp::create(builder, loc,
                          RankedTensorType::get({dyn, f, oh, ow}, f32), input,
                          wv, bv, Value(), Value(), ArrayRef<int64_t>{1, 1},
                          ArrayRef<int64_t>{pad, pad, pad, pad},
                          ArrayRef<int64_t>{1, 1}, group, act);
  };
  for (int l = 0; l < convs; ++l) {
    bool depthwise = chance(0.15);
    int64_t f = depthwise ? c : pick(1, 4);
    int64_t k = chance(0.5) ? 3 : 1;
    int64_t pad = k == 3 && chance(0.5) ? 1 : 0;
    if (h + 2 * pad < k || w + 2 * pad < k)
      k = 1, pad = 0;
    int64_t oh = h + 2 * pad - k + 1, ow = w + 2 * pad - k + 1;
    Value input = x;
    x = makeConv(input, f, depthwise ? c : 1, k, pad, oh, ow);
    net.channels += f;
    // A parallel branch joined along the channels (channel offsets).
    if (!depthwise && chance(0.25)) {
      int64_t f2 = pick(1, 3);
      Value branch = makeConv(input, f2, 1, k, pad, oh, ow);
      net.channels += f2;
      f += f2;
      x = ConcatOp::create(builder, loc,
                           RankedTensorType::get({dyn, f, oh, ow}, f32),
                           ValueRange{x, branch}, 1);
    }
    h = oh;
    w = ow;
    c = f;
    if (chance(0.3)) {
      std::vector<float> shift(f);
      for (float &v : shift)
        v = normal(rng);
      x = AddOp::create(builder, loc, x, constant(builder, {f, 1, 1}, shift));
    }
    if (chance(0.25)) {
      std::vector<float> scale(f), bias(f), mean(f), var(f);
      for (int64_t i = 0; i < f; ++i) {
        scale[i] = normal(rng);
        bias[i] = normal(rng);
        mean[i] = normal(rng);
        var[i] = std::uniform_real_distribution<float>(0.5f, 2.0f)(rng);
      }
      x = BatchNormOp::create(builder, loc, x.getType(), x,
                              constant(builder, {f}, scale),
                              constant(builder, {f}, bias),
                              constant(builder, {f}, mean),
                              constant(builder, {f}, var),
                              builder.getF32FloatAttr(1e-5f));
    }
    if (h >= 2 && w >= 2 && chance(0.5)) {
      int64_t stride = chance(0.5) ? 2 : 1;
      auto type = RankedTensorType::get(
          {dyn, f, (h - 2) / stride + 1, (w - 2) / stride + 1}, f32);
      SmallVector<int64_t> kernel = {2, 2}, strides = {stride, stride};
      if (chance(0.5))
        x = MaxPoolOp::create(builder, loc, type, x, kernel, strides);
      else
        x = AvgPoolOp::create(builder, loc, type, x, kernel, strides);
      h = type.getDimSize(2);
      w = type.getDimSize(3);
    }
  }
  int64_t features = c * h * w;
  x = FlattenOp::create(builder, loc,
                        RankedTensorType::get({dyn, features}, f32), x, 1);
  std::vector<float> weights(outputs * features), bias(outputs);
  for (float &v : weights)
    v = normal(rng);
  for (float &v : bias)
    v = normal(rng);
  x = LinearOp::create(builder, loc, RankedTensorType::get({dyn, outputs}, f32),
                       x, constant(builder, {outputs, features}, weights),
                       constant(builder, {outputs}, bias), Value(),
                       ActivationAttr::get(&context, ActivationKind::none));
  func::ReturnOp::create(builder, loc, x);
  for (int64_t i = 0; i < net.inputShape[0]; ++i) {
    float a = uniform(rng), b = uniform(rng);
    net.box.push_back({std::min(a, b), std::max(a, b)});
  }
  return net;
}

int64_t countChannels(ModuleOp module) {
  int64_t total = 0;
  module.walk([&](ConvOp op) {
    total += cast<RankedTensorType>(op.getType()).getDimSize(1);
  });
  return total;
}

TEST(ConvPruningProperty, ProvenDeadChannelPruningNeverChangesOutputs) {
  DialectRegistry registry;
  registry.insert<RectDialect, func::FuncDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::mt19937 rng(4242);
  int64_t removed = 0, networksPruned = 0, cancelling = 0;
  for (int trial = 0; trial < kNetworks; ++trial) {
    Network net = buildRandomNetwork(context, rng);
    ASSERT_TRUE(succeeded(verify(*net.module)));
    OwningOpRef<ModuleOp> original(cast<ModuleOp>(net.module->clone()));
    SmallVector<InputRange> ranges = {{"x", {}}};
    ranges[0].channels.assign(net.box.begin(), net.box.end());
    setInputRanges(*net.module, ranges);

    PassManager pm(&context);
    pm.addPass(rect::createRectEliminateDeadRelus());
    pm.addPass(rect::createRectPruneDeadNeurons());
    ASSERT_TRUE(succeeded(pm.run(*net.module)));
    ASSERT_TRUE(succeeded(verify(*net.module)));
    int64_t after = countChannels(*net.module);
    removed += net.channels - after;
    networksPruned += after < net.channels;

    // Inputs: the all-low and all-high corners, random corners (every
    // element at its channel's bound) and random points of the box.
    int64_t c = net.inputShape[0];
    int64_t plane = net.inputShape[1] * net.inputShape[2];
    Tensor input{{0, c, net.inputShape[1], net.inputShape[2]}, {}};
    auto addPoint = [&](auto element) {
      for (int64_t ch = 0; ch < c; ++ch)
        for (int64_t i = 0; i < plane; ++i)
          input.data.push_back(element(net.box[ch]));
      ++input.shape[0];
    };
    addPoint([](Interval b) { return static_cast<float>(b.lo); });
    addPoint([](Interval b) { return static_cast<float>(b.hi); });
    for (int p = 0; p < kRandomCorners; ++p)
      addPoint([&](Interval b) {
        return static_cast<float>(std::bernoulli_distribution(0.5)(rng) ? b.hi
                                                                        : b.lo);
      });
    for (int p = 0; p < kRandomPoints; ++p)
      addPoint([&](Interval b) {
        return std::uniform_real_distribution<float>(b.lo, b.hi)(rng);
      });

    auto funcOf = [](ModuleOp m) { return *m.getOps<func::FuncOp>().begin(); };
    termMagnitude = 0;
    Tensor want = evaluate(funcOf(*original), input);
    float scale = termMagnitude;
    Tensor got = evaluate(funcOf(*net.module), input);
    ASSERT_EQ(want.data.size(), got.data.size());
    float maxOut = 0, maxErr = 0;
    for (size_t i = 0; i < want.data.size(); ++i) {
      maxOut = std::max(maxOut, std::fabs(want.data[i]));
      maxErr = std::max(maxErr, std::fabs(want.data[i] - got.data[i]));
    }
    // Folding a removed channel's constant into a bias reassociates the sum:
    // its error is relative to the terms' magnitudes, which is max|out|
    // unless the output cancels to nearly 0 (then the terms' sum bounds it).
    float bound = 1e-5f * maxOut;
    if (maxErr > bound) {
      ++cancelling;
      bound = 1e-5f * scale;
    }
    if (maxErr > bound) {
      original->print(llvm::errs());
      net.module->print(llvm::errs());
    }
    ASSERT_LE(maxErr, bound) << "network " << trial;
  }
  // The property must be exercised: many networks lose channels.
  EXPECT_GT(networksPruned, kNetworks / 4);
  EXPECT_GT(removed, kNetworks / 4);
  // Cancellation is rare; the bound relative to max|out| holds elsewhere.
  EXPECT_LT(cancelling, kNetworks / 100);
  std::printf("%d CNNs, %lld pruned, %lld channels removed, %lld within "
              "1e-5 of the term magnitudes only (cancelling outputs)\n",
              kNetworks, static_cast<long long>(networksPruned),
              static_cast<long long>(removed),
              static_cast<long long>(cancelling));
}

} // namespace
