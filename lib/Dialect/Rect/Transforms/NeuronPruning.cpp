//===- NeuronPruning.cpp - Structural removal of neurons ------------------===//
//
// The rewrite shared by rect-prune-dead-neurons (proven dead neurons) and
// calibration-guided pruning (neurons that never fired): a neuron whose
// output is a known constant is deleted from its layer, and the consumers'
// weight columns that read it are folded into their biases.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/Transforms/NeuronPruning.h"

#include "rectify/Analysis/FloatElements.h"
#include "rectify/Analysis/ValueRange.h"
#include "PruningSupport.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"

#include <cmath>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::pruning;

namespace {

/// True when a constant of `type` broadcasts along the features of an
/// [..., n] value: every dim 1, except possibly the last, n. Sets `perFeature`.
bool isFeatureBroadcast(RankedTensorType type, int64_t n, bool &perFeature) {
  ArrayRef<int64_t> shape = type.getShape();
  perFeature = false;
  if (shape.empty())
    return true;
  if (llvm::any_of(shape.drop_back(), [](int64_t d) { return d != 1; }))
    return false;
  perFeature = shape.back() == n && n != 1;
  return shape.back() == 1 || shape.back() == n;
}

/// One op between the pruned layer and its consumers.
struct ChainOp {
  Operation *op;
  unsigned pathOperand;
  /// The other operand, a constant broadcasting along the features (binary
  /// ops and prelu), and whether it varies per feature.
  std::optional<Constant> other;
  bool perFeature = false;
};

} // namespace

LogicalResult
rectify::pruneLinearNeurons(RewriterBase &rewriter, LinearOp linear,
                            ArrayRef<std::optional<double>> constantValue,
                            std::string &reason) {
  std::optional<Constant> weight = getConstant(linear.getWeight());
  if (!weight || weight->type.getRank() != 2) {
    reason = "weight is not a 2-D f32 constant";
    return failure();
  }
  int64_t n = weight->type.getDimSize(0), k = weight->type.getDimSize(1);
  if (static_cast<int64_t>(constantValue.size()) != n) {
    reason = "dead set does not match the layer width";
    return failure();
  }
  std::optional<Constant> bias, slope;
  if (linear.getBias() && !(bias = getConstant(linear.getBias()))) {
    reason = "bias is not an f32 constant";
    return failure();
  }
  if (linear.getSlope() && !(slope = getConstant(linear.getSlope()))) {
    reason = "slope is not an f32 constant";
    return failure();
  }

  SmallVector<std::optional<double>> dead(constantValue);
  SmallVector<int64_t> kept;
  for (int64_t i = 0; i < n; ++i)
    if (!dead[i])
      kept.push_back(i);
  if (static_cast<int64_t>(kept.size()) == n) {
    reason = "no dead neuron";
    return failure();
  }
  if (kept.empty()) {
    // Keep one neuron so every shape stays non-empty.
    kept.push_back(0);
    dead[0] = std::nullopt;
  }
  int64_t newN = kept.size();

  // Collect the ops between the layer and its consumers.
  SmallVector<ChainOp> chain;
  SmallVector<LinearOp> consumers;
  SmallVector<Value> worklist = {linear.getResult()};
  DenseSet<Operation *> seen;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getRank() < 1 || type.getShape().back() != n) {
      reason = "features are not the last dimension";
      return failure();
    }
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (!seen.insert(user).second) {
        reason = describe(user) + " reads the layer's output twice";
        return failure();
      }
      if (auto consumer = dyn_cast<LinearOp>(user)) {
        if (use.getOperandNumber() != 0 ||
            !getConstant(consumer.getWeight()) ||
            (consumer.getBias() && !getConstant(consumer.getBias()))) {
          reason = "consumer linear has non-constant weights or bias";
          return failure();
        }
        consumers.push_back(consumer);
        continue;
      }
      if (isUnaryChainOp(user)) {
        chain.push_back({user, 0, std::nullopt, false});
        worklist.push_back(user->getResult(0));
        continue;
      }
      bool binary = isBinaryChainOp(user) &&
                    (!isa<PReluOp>(user) || use.getOperandNumber() == 0);
      if (binary && user->getResult(0).getType() == value.getType()) {
        unsigned path = use.getOperandNumber();
        std::optional<Constant> other = getConstant(user->getOperand(1 - path));
        bool perFeature;
        if (other && isFeatureBroadcast(other->type, n, perFeature)) {
          chain.push_back({user, path, std::move(other), perFeature});
          worklist.push_back(user->getResult(0));
          continue;
        }
      }
      reason = "the layer's output reaches " + describe(user) +
               ", which cannot be narrowed";
      return failure();
    }
  }

  // The constant value of every dead feature along the chain.
  DenseMap<Value, SmallVector<double>> featureValues;
  SmallVector<double> start(n, 0.0);
  for (int64_t i = 0; i < n; ++i)
    if (dead[i])
      start[i] = *dead[i];
  featureValues[linear.getResult()] = start;
  llvm::sort(chain, [](const ChainOp &a, const ChainOp &b) {
    return a.op->isBeforeInBlock(b.op);
  });
  for (const ChainOp &c : chain) {
    const SmallVector<double> &in =
        featureValues[c.op->getOperand(c.pathOperand)];
    SmallVector<double> out(n, 0.0);
    for (int64_t i = 0; i < n; ++i) {
      if (!dead[i])
        continue;
      double other = 0;
      if (c.other)
        other = c.other->values[c.perFeature ? i : 0];
      std::optional<double> v = evaluate(c.op, c.pathOperand, in[i], other);
      if (!v || !std::isfinite(*v)) {
        reason = "cannot evaluate " + describe(c.op) + " on a dead neuron";
        return failure();
      }
      out[i] = *v;
    }
    featureValues[c.op->getResult(0)] = std::move(out);
  }

  // The narrowed layer.
  auto slice = [&](const Constant &c) -> Value {
    SmallVector<float> values;
    for (int64_t i : kept)
      values.push_back(c.values[i]);
    SmallVector<int64_t> shape(c.type.getShape());
    shape.back() = newN;
    auto type = RankedTensorType::get(shape, rewriter.getF32Type());
    return ConstantOp::create(rewriter, linear.getLoc(), type,
                              makeF32Elements(type, values, c.attr, "pruned"));
  };
  auto perFeature = [&](const std::optional<Constant> &c) {
    return c && c->type.getRank() >= 1 && c->type.getShape().back() == n &&
           n != 1;
  };
  rewriter.setInsertionPoint(linear);
  SmallVector<float> rows;
  for (int64_t i : kept)
    for (int64_t j = 0; j < k; ++j)
      rows.push_back(weight->values[i * k + j]);
  auto weightType = RankedTensorType::get({newN, k}, rewriter.getF32Type());
  Value newWeight = ConstantOp::create(
      rewriter, linear.getWeight().getLoc(), weightType,
      makeF32Elements(weightType, rows, weight->attr, "pruned"));
  Value newBias = bias ? (perFeature(bias) ? slice(*bias) : linear.getBias())
                       : Value();
  Value newSlope = slope ? (perFeature(slope) ? slice(*slope) : linear.getSlope())
                         : Value();
  auto narrow = [&](Type type) {
    auto ranked = cast<RankedTensorType>(type);
    SmallVector<int64_t> shape(ranked.getShape());
    shape.back() = newN;
    return RankedTensorType::get(shape, ranked.getElementType());
  };
  auto newLinear = LinearOp::create(rewriter, linear.getLoc(),
                                    narrow(linear.getType()), linear.getInput(),
                                    newWeight, newBias, newSlope,
                                    linear.getActivation());
  IRMapping mapping;
  mapping.map(linear.getResult(), newLinear.getResult());
  for (const ChainOp &c : chain) {
    rewriter.setInsertionPoint(c.op);
    Value sliced = c.other && c.perFeature ? slice(*c.other) : Value();
    Operation *clone = rewriter.clone(*c.op, mapping);
    clone->getResult(0).setType(narrow(c.op->getResult(0).getType()));
    if (sliced)
      clone->setOperand(1 - c.pathOperand, sliced);
  }
  for (LinearOp consumer : consumers) {
    std::optional<Constant> w = getConstant(consumer.getWeight());
    int64_t m = w->type.getDimSize(0);
    const SmallVector<double> &values = featureValues[consumer.getInput()];
    SmallVector<float> columns;
    SmallVector<double> shift(m, 0.0);
    bool shifted = false;
    for (int64_t r = 0; r < m; ++r) {
      for (int64_t i : kept)
        columns.push_back(w->values[r * n + i]);
      for (int64_t i = 0; i < n; ++i)
        if (dead[i] && values[i] != 0 && w->values[r * n + i] != 0) {
          shift[r] += w->values[r * n + i] * values[i];
          shifted = true;
        }
    }
    rewriter.setInsertionPoint(consumer);
    auto type = RankedTensorType::get({m, newN}, rewriter.getF32Type());
    Value consumerWeight = ConstantOp::create(
        rewriter, consumer.getWeight().getLoc(), type,
        makeF32Elements(type, columns, w->attr, "pruned"));
    Value consumerBias = consumer.getBias();
    if (shifted) {
      std::optional<Constant> b = getConstant(consumerBias);
      SmallVector<float> biasValues(m, 0.0f);
      for (int64_t r = 0; r < m; ++r) {
        double base = b ? b->values[b->values.size() == 1 ? 0 : r] : 0.0;
        biasValues[r] = static_cast<float>(base + shift[r]);
      }
      auto biasType = RankedTensorType::get({m}, rewriter.getF32Type());
      consumerBias = ConstantOp::create(
          rewriter, consumer.getLoc(), biasType,
          makeF32Elements(biasType, biasValues,
                          b ? b->attr : Attribute(), "pruned_bias"));
    }
    auto replacement = LinearOp::create(
        rewriter, consumer.getLoc(), consumer.getType(),
        mapping.lookup(consumer.getInput()), consumerWeight, consumerBias,
        consumer.getSlope(), consumer.getActivation());
    rewriter.replaceOp(consumer, replacement.getResult());
  }
  for (const ChainOp &c : llvm::reverse(chain))
    rewriter.eraseOp(c.op);
  rewriter.eraseOp(linear);
  return success();
}

FailureOr<int64_t>
rectify::pruneLayer(RewriterBase &rewriter, Operation *layer,
                    ArrayRef<std::optional<double>> constantValue,
                    std::string &reason) {
  LogicalResult result =
      isa<ConvOp>(layer)
          ? pruneConvChannels(rewriter, cast<ConvOp>(layer), constantValue,
                              reason)
          : pruneLinearNeurons(rewriter, cast<LinearOp>(layer), constantValue,
                               reason);
  if (failed(result))
    return failure();
  // Both keep the first neuron when every one is constant.
  int64_t kept = llvm::count(constantValue, std::nullopt);
  return std::max<int64_t>(kept, 1);
}
