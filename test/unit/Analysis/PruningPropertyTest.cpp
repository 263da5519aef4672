//===- PruningPropertyTest.cpp - Proven-dead pruning never changes outputs ===//
//
// Builds thousands of random small ReLU MLPs in memory (random weights,
// biases skewed negative so many neurons are dead, random input boxes), runs
// rect-prune-dead-neurons and rect-eliminate-dead-relus, and evaluates the
// original and the pruned IR with a reference evaluator written here
// (independent of the compiler) on random points of the box and on its
// corners: max |error| <= 1e-5 * max |output|.
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
#include "mlir/Transforms/Passes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;

namespace {

constexpr int kNetworks = 10000;
constexpr int kRandomPoints = 16;

/// A row-major batch of vectors.
struct Batch {
  int64_t rows = 0, cols = 0;
  std::vector<float> data;
};

std::vector<float> readConstant(Value value) {
  auto op = value.getDefiningOp<ConstantOp>();
  auto dense = cast<DenseElementsAttr>(op.getValue());
  std::vector<float> out;
  for (float v : dense.getValues<float>())
    out.push_back(v);
  return out;
}

/// Reference semantics of the ops these networks use: rect.linear with relu
/// or no activation, rect.relu, rect.mul, rect.constant.
Batch evaluate(func::FuncOp func, const Batch &input) {
  llvm::DenseMap<Value, Batch> values;
  values[func.getArgument(0)] = input;
  Batch result;
  for (Operation &op : func.getBody().front()) {
    if (auto linear = dyn_cast<LinearOp>(op)) {
      const Batch &x = values[linear.getInput()];
      std::vector<float> w = readConstant(linear.getWeight());
      std::vector<float> b;
      if (linear.getBias())
        b = readConstant(linear.getBias());
      int64_t n = cast<RankedTensorType>(linear.getWeight().getType()).getDimSize(0);
      Batch y{x.rows, n, std::vector<float>(x.rows * n)};
      for (int64_t r = 0; r < x.rows; ++r)
        for (int64_t i = 0; i < n; ++i) {
          float acc = b.empty() ? 0.0f : b[b.size() == 1 ? 0 : i];
          for (int64_t j = 0; j < x.cols; ++j)
            acc += x.data[r * x.cols + j] * w[i * x.cols + j];
          if (linear.getActivation().getKind() == ActivationKind::relu)
            acc = std::max(acc, 0.0f);
          y.data[r * n + i] = acc;
        }
      values[linear.getResult()] = y;
    } else if (auto relu = dyn_cast<ReluOp>(op)) {
      Batch y = values[relu.getInput()];
      for (float &v : y.data)
        v = std::max(v, 0.0f);
      values[relu.getResult()] = y;
    } else if (auto mul = dyn_cast<MulOp>(op)) {
      // Only `x * splat` (dead relus with a dynamic batch).
      Batch y = values[mul.getLhs()];
      float c = readConstant(mul.getRhs())[0];
      for (float &v : y.data)
        v *= c;
      values[mul.getResult()] = y;
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
  std::vector<Interval> box;
  int64_t neurons = 0;
};

Network buildRandomNetwork(MLIRContext &context, std::mt19937 &rng) {
  std::uniform_int_distribution<int> width(1, 6), depth(1, 3), inputs(1, 4);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::uniform_real_distribution<float> uniform(-2.0f, 2.0f);
  std::bernoulli_distribution zeroRow(0.1), useRelu(0.2);
  OpBuilder builder(&context);
  Location loc = builder.getUnknownLoc();
  Network net;
  net.module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(net.module->getBody());
  int64_t k = inputs(rng);
  Type f32 = builder.getF32Type();
  auto inType = RankedTensorType::get({ShapedType::kDynamic, k}, f32);
  int layers = depth(rng) + 1;
  int64_t out = width(rng);
  auto func = func::FuncOp::create(
      builder, loc, "net",
      builder.getFunctionType({inType},
                              {RankedTensorType::get({ShapedType::kDynamic, out}, f32)}));
  func.setArgAttr(0, "rect.name", builder.getStringAttr("x"));
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  Value x = func.getArgument(0);
  int64_t fanIn = k;
  for (int l = 0; l < layers; ++l) {
    bool last = l + 1 == layers;
    int64_t n = last ? out : width(rng);
    std::vector<float> w(n * fanIn), b(n);
    for (int64_t i = 0; i < n; ++i) {
      bool zero = !last && zeroRow(rng);
      for (int64_t j = 0; j < fanIn; ++j)
        w[i * fanIn + j] = zero ? 0.0f : normal(rng);
      b[i] = normal(rng) - (last ? 0.0f : 1.5f); // skewed negative
    }
    auto wType = RankedTensorType::get({n, fanIn}, f32);
    auto bType = RankedTensorType::get({n}, f32);
    Value wv = ConstantOp::create(builder, loc, wType,
                                  DenseElementsAttr::get(wType, ArrayRef<float>(w)));
    Value bv = ConstantOp::create(builder, loc, bType,
                                  DenseElementsAttr::get(bType, ArrayRef<float>(b)));
    auto type = RankedTensorType::get({ShapedType::kDynamic, n}, f32);
    bool separateRelu = !last && useRelu(rng);
    auto act = ActivationAttr::get(&context, last || separateRelu
                                                 ? ActivationKind::none
                                                 : ActivationKind::relu);
    x = LinearOp::create(builder, loc, type, x, wv, bv, Value(), act);
    if (separateRelu)
      x = ReluOp::create(builder, loc, x);
    if (!last)
      net.neurons += n;
    fanIn = n;
  }
  func::ReturnOp::create(builder, loc, x);
  for (int64_t j = 0; j < k; ++j) {
    float a = uniform(rng), b = uniform(rng);
    net.box.push_back({std::min(a, b), std::max(a, b)});
  }
  return net;
}

int64_t countHiddenNeurons(ModuleOp module) {
  int64_t total = 0;
  SmallVector<LinearOp> linears;
  module.walk([&](LinearOp op) { linears.push_back(op); });
  for (size_t i = 0; i + 1 < linears.size(); ++i)
    total += cast<RankedTensorType>(linears[i].getType()).getShape().back();
  return total;
}

TEST(PruningProperty, ProvenDeadPruningNeverChangesOutputs) {
  DialectRegistry registry;
  registry.insert<RectDialect, func::FuncDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::mt19937 rng(12345);
  int64_t removed = 0, networksPruned = 0;
  for (int trial = 0; trial < kNetworks; ++trial) {
    Network net = buildRandomNetwork(context, rng);
    ASSERT_TRUE(succeeded(verify(*net.module)));
    auto original = cast<ModuleOp>(net.module->clone());
    OwningOpRef<ModuleOp> keep(original);
    SmallVector<InputRange> ranges = {{"x", {}}};
    // One interval per feature.
    ranges[0].channels.assign(net.box.begin(), net.box.end());
    setInputRanges(*net.module, ranges);

    PassManager pm(&context);
    pm.addPass(rect::createRectEliminateDeadRelus());
    pm.addPass(rect::createRectPruneDeadNeurons());
    ASSERT_TRUE(succeeded(pm.run(*net.module)));
    ASSERT_TRUE(succeeded(verify(*net.module)));
    int64_t after = countHiddenNeurons(*net.module);
    removed += net.neurons - after;
    networksPruned += after < net.neurons;

    // Inputs: the box corners and random points inside.
    int64_t k = net.box.size();
    Batch input{0, k, {}};
    for (int64_t corner = 0; corner < (int64_t(1) << k); ++corner, ++input.rows)
      for (int64_t j = 0; j < k; ++j)
        input.data.push_back((corner >> j) & 1 ? net.box[j].hi : net.box[j].lo);
    for (int p = 0; p < kRandomPoints; ++p, ++input.rows)
      for (int64_t j = 0; j < k; ++j)
        input.data.push_back(std::uniform_real_distribution<float>(
            net.box[j].lo, net.box[j].hi)(rng));

    auto funcOf = [](ModuleOp m) { return *m.getOps<func::FuncOp>().begin(); };
    Batch want = evaluate(funcOf(original), input);
    Batch got = evaluate(funcOf(*net.module), input);
    ASSERT_EQ(want.data.size(), got.data.size());
    float maxOut = 0, maxErr = 0;
    for (size_t i = 0; i < want.data.size(); ++i) {
      maxOut = std::max(maxOut, std::fabs(want.data[i]));
      maxErr = std::max(maxErr, std::fabs(want.data[i] - got.data[i]));
    }
    if (maxErr > 1e-5f * maxOut) {
      original.print(llvm::errs());
      net.module->print(llvm::errs());
    }
    ASSERT_LE(maxErr, 1e-5f * maxOut) << "network " << trial;
  }
  // The property must be exercised: many networks lose neurons.
  EXPECT_GT(networksPruned, kNetworks / 4);
  EXPECT_GT(removed, kNetworks / 4);
  std::printf("%d networks, %lld pruned, %lld neurons removed\n", kNetworks,
              static_cast<long long>(networksPruned),
              static_cast<long long>(removed));
}

} // namespace
