//===- ChannelPruning.cpp - Structural removal of conv channels -----------===//
//
// pruneConvChannels: output channels of a rect.conv whose value is a known
// constant (dead ReLUs) are deleted, and so are the matching channels of
// every op on the way to the consumers and the consumers' weights that read
// them. The rewrite is planned first (which ops, which channels survive,
// the constant of each removed channel at each step, whether folding it is
// exact) and applied only when the whole plan holds, so a failure leaves
// the IR unchanged.
//
// Grouped and depthwise convs are barriers: a grouped conv is not pruned,
// and a path reaching one as a consumer is not narrowed (removing one input
// channel of a depthwise conv would shift every group after it).
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/Transforms/NeuronPruning.h"

#include "PruningSupport.h"
#include "rectify/Analysis/FloatElements.h"

#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::pruning;

namespace {

/// Per index of dimension 1 (channels, or features after a flatten) of a
/// value on the pruned path: the constant of a removed entry, or
/// std::nullopt for one that stays.
using Mask = SmallVector<std::optional<double>>;

SmallVector<int64_t> getKept(const Mask &mask) {
  SmallVector<int64_t> kept;
  for (size_t i = 0; i < mask.size(); ++i)
    if (!mask[i])
      kept.push_back(i);
  return kept;
}

/// How an op between the pruned conv and its consumers is narrowed.
enum class StepKind { Elementwise, BatchNorm, Pool, Reshape, Concat };

struct Step {
  Operation *op;
  StepKind kind;
  /// Elementwise: the operand on the path, and the other operand (a constant
  /// that broadcasts along dimension 1 of the path value); `otherDim` is its
  /// dimension aligned with dimension 1, or -1 when it has one entry.
  unsigned pathOperand = 0;
  std::optional<Constant> other = std::nullopt;
  int64_t otherDim = -1;
};

bool hasPadding(ArrayRef<int64_t> pads) {
  return llvm::any_of(pads, [](int64_t p) { return p != 0; });
}

/// Where constant `c` (broadcast onto a rank-`rank` value with extent `n` at
/// dimension 1) varies along dimension 1: its aligned dimension, -1 when it
/// does not vary, std::nullopt when it varies along any other dimension.
std::optional<int64_t> getChannelDim(const Constant &c, int64_t rank,
                                     int64_t n) {
  int64_t offset = rank - c.type.getRank();
  if (offset < 0)
    return std::nullopt;
  int64_t dim = -1;
  for (int64_t d = 0; d < c.type.getRank(); ++d) {
    int64_t extent = c.type.getDimSize(d);
    if (extent == 1)
      continue;
    if (d + offset != 1 || extent != n)
      return std::nullopt;
    dim = d;
  }
  return dim;
}

/// The batch-norm output of a removed channel's constant, in float32.
double evaluateBatchNorm(BatchNormOp op, ArrayRef<Constant> params, int64_t i,
                         double x) {
  float eps = op.getEpsilon().convertToFloat();
  float scale = params[0].values[i], bias = params[1].values[i],
        mean = params[2].values[i], var = params[3].values[i];
  return (static_cast<float>(x) - mean) / std::sqrt(var + eps) * scale + bias;
}

/// The bias of a consumer with `m` outputs, `shift` added when nonzero.
FailureOr<Value> addToBias(RewriterBase &rewriter, Location loc, Value bias,
                           ArrayRef<double> shift, int64_t m) {
  if (llvm::all_of(shift, [](double s) { return s == 0; }))
    return bias;
  std::optional<Constant> b = getConstant(bias);
  if (bias && !b)
    return failure();
  SmallVector<float> values(m);
  for (int64_t r = 0; r < m; ++r) {
    double base = b ? b->values[b->values.size() == 1 ? 0 : r] : 0.0;
    values[r] = static_cast<float>(base + shift[r]);
  }
  auto type = RankedTensorType::get({m}, rewriter.getF32Type());
  return Value(ConstantOp::create(
      rewriter, loc, type,
      makeF32Elements(type, values, b ? b->attr : Attribute(), "pruned_bias")));
}

class ChannelPruner {
public:
  ChannelPruner(ConvOp conv, Mask mask) : conv(conv) {
    masks[conv.getResult()] = std::move(mask);
  }

  /// Collects the path and the consumers and checks every rewrite.
  LogicalResult plan(std::string &reason);
  /// Rewrites the IR; only after plan() succeeded.
  void apply(RewriterBase &rewriter);

private:
  LogicalResult collect(std::string &reason);
  LogicalResult propagate(std::string &reason);
  LogicalResult checkConsumer(Operation *user, unsigned operand,
                              std::string &reason);

  ConvOp conv;
  DenseMap<Value, Mask> masks;
  SmallVector<Step> steps;
  SmallVector<Operation *> consumers;
};

LogicalResult ChannelPruner::checkConsumer(Operation *user, unsigned operand,
                                           std::string &reason) {
  if (operand != 0) {
    reason = describe(user) + " reads the channels other than as its input";
    return failure();
  }
  Value weight = user->getOperand(1);
  if (auto consumer = dyn_cast<ConvOp>(user)) {
    if (consumer.getGroup() != 1) {
      reason = "grouped conv consumers are barriers";
      return failure();
    }
    if (!getConstant(weight) ||
        (consumer.getBias() && !getConstant(consumer.getBias()))) {
      reason = "consumer conv has non-constant weights or bias";
      return failure();
    }
    return success();
  }
  auto linear = cast<LinearOp>(user);
  if (cast<RankedTensorType>(linear.getInput().getType()).getRank() != 2) {
    reason = "a consumer linear reads the channels of a rank-4 value";
    return failure();
  }
  if (!getConstant(weight) ||
      (linear.getBias() && !getConstant(linear.getBias()))) {
    reason = "consumer linear has non-constant weights or bias";
    return failure();
  }
  return success();
}

LogicalResult ChannelPruner::collect(std::string &reason) {
  SmallVector<Value> worklist = {conv.getResult()};
  DenseSet<Operation *> seen;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    auto type = cast<RankedTensorType>(value.getType());
    int64_t rank = type.getRank(), n = type.getDimSize(1);
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      unsigned number = use.getOperandNumber();
      if (!seen.insert(user).second) {
        reason = describe(user) + " reads the pruned channels twice";
        return failure();
      }
      auto follow = [&](Step step) {
        steps.push_back(std::move(step));
        worklist.push_back(user->getResult(0));
        return true;
      };
      bool followed =
          llvm::TypeSwitch<Operation *, bool>(user)
              .Case<ConvOp, LinearOp>([&](Operation *) {
                if (succeeded(checkConsumer(user, number, reason)))
                  consumers.push_back(user);
                return reason.empty();
              })
              .Case([&](BatchNormOp bn) {
                if (number != 0)
                  return false;
                for (Value param : bn->getOperands().drop_front()) {
                  std::optional<Constant> c = getConstant(param);
                  if (!c || c->type.getRank() != 1 || c->type.getDimSize(0) != n)
                    return false;
                }
                return follow({user, StepKind::BatchNorm});
              })
              .Case<MaxPoolOp, AvgPoolOp, GlobalMaxPoolOp, GlobalAvgPoolOp>(
                  [&](Operation *) {
                    return rank == 4 && follow({user, StepKind::Pool});
                  })
              .Case([&](FlattenOp flatten) {
                return flatten.getAxis() == 1 &&
                       follow({user, StepKind::Reshape});
              })
              .Case([&](ReshapeOp reshape) {
                auto out = cast<RankedTensorType>(reshape.getType());
                bool flattens =
                    out.getRank() == 2 && type.getRank() >= 2 &&
                    llvm::none_of(type.getShape().drop_front(),
                                  ShapedType::isDynamic) &&
                    out.getDimSize(0) == type.getDimSize(0) &&
                    out.getDimSize(1) ==
                        ShapedType::getNumElements(type.getShape().drop_front());
                return flattens && follow({user, StepKind::Reshape});
              })
              .Case([&](ConcatOp concat) {
                return concat.getAxis() == 1 &&
                       follow({user, StepKind::Concat});
              })
              .Default([&](Operation *) {
                if (user->getNumResults() != 1 ||
                    user->getResult(0).getType() != value.getType())
                  return false;
                if (isUnaryChainOp(user))
                  return follow({user, StepKind::Elementwise});
                if (!isBinaryChainOp(user) ||
                    (isa<PReluOp>(user) && number != 0))
                  return false;
                std::optional<Constant> other =
                    getConstant(user->getOperand(1 - number));
                if (!other)
                  return false;
                std::optional<int64_t> dim = getChannelDim(*other, rank, n);
                if (!dim)
                  return false;
                return follow(
                    {user, StepKind::Elementwise, number, std::move(other), *dim});
              });
      if (!followed) {
        if (reason.empty())
          reason = "the conv's output reaches " + describe(user) +
                   ", which cannot be narrowed";
        return failure();
      }
    }
  }
  llvm::sort(steps, [](const Step &a, const Step &b) {
    return a.op->isBeforeInBlock(b.op);
  });
  return success();
}

LogicalResult ChannelPruner::propagate(std::string &reason) {
  auto fail = [&](Operation *op, const Twine &why) {
    reason = (describe(op) + ": " + why).str();
    return failure();
  };
  for (const Step &step : steps) {
    Operation *op = step.op;
    Mask out;
    switch (step.kind) {
    case StepKind::Elementwise:
    case StepKind::BatchNorm: {
      out = masks.lookup(op->getOperand(step.pathOperand));
      SmallVector<Constant> params;
      if (auto bn = dyn_cast<BatchNormOp>(op))
        for (Value param : bn->getOperands().drop_front())
          params.push_back(*getConstant(param));
      for (size_t i = 0; i < out.size(); ++i) {
        if (!out[i])
          continue;
        std::optional<double> v;
        if (auto bn = dyn_cast<BatchNormOp>(op)) {
          v = evaluateBatchNorm(bn, params, i, *out[i]);
        } else {
          double other =
              step.other ? step.other->values[step.otherDim < 0 ? 0 : i] : 0;
          v = evaluate(op, step.pathOperand, *out[i], other);
        }
        if (!v || !std::isfinite(*v))
          return fail(op, "cannot evaluate it on a removed channel");
        out[i] = *v;
      }
      break;
    }
    case StepKind::Pool: {
      out = masks.lookup(op->getOperand(0));
      // Max pooling never picks padding; an average counts it only with
      // count_include_pad, which mixes zeros into a nonzero constant.
      auto avg = dyn_cast<AvgPoolOp>(op);
      if (avg && avg.getCountIncludePad() && hasPadding(avg.getPads()) &&
          llvm::any_of(out, [](std::optional<double> v) { return v && *v != 0; }))
        return fail(op, "a removed nonzero channel is averaged with padding");
      break;
    }
    case StepKind::Reshape: {
      auto in = cast<RankedTensorType>(op->getOperand(0).getType());
      int64_t inner = ShapedType::getNumElements(in.getShape().drop_front(2));
      for (std::optional<double> v : masks.lookup(op->getOperand(0)))
        out.append(inner, v);
      break;
    }
    case StepKind::Concat:
      for (Value input : op->getOperands()) {
        auto it = masks.find(input);
        if (it != masks.end()) {
          llvm::append_range(out, it->second);
          continue;
        }
        int64_t extent = cast<RankedTensorType>(input.getType()).getDimSize(1);
        if (ShapedType::isDynamic(extent))
          return fail(op, "an input has a dynamic channel count");
        out.append(extent, std::nullopt);
      }
      break;
    }
    masks[op->getResult(0)] = std::move(out);
  }
  for (Operation *consumer : consumers) {
    auto c = dyn_cast<ConvOp>(consumer);
    const Mask &mask = masks.lookup(consumer->getOperand(0));
    bool nonzero =
        llvm::any_of(mask, [](std::optional<double> v) { return v && *v != 0; });
    if (c && nonzero && hasPadding(c.getPads()))
      return fail(consumer, "a removed nonzero channel meets zero padding");
  }
  return success();
}

LogicalResult ChannelPruner::plan(std::string &reason) {
  if (failed(collect(reason)))
    return failure();
  return propagate(reason);
}

void ChannelPruner::apply(RewriterBase &rewriter) {
  // The narrowed producer.
  const Mask &producerMask = masks.lookup(conv.getResult());
  SmallVector<int64_t> kept = getKept(producerMask);
  int64_t f = producerMask.size();
  rewriter.setInsertionPoint(conv);
  auto slicePerChannel = [&](Value value) -> Value {
    std::optional<Constant> c = getConstant(value);
    if (!c || c->type.getRank() == 0 || c->type.getShape().back() != f || f == 1)
      return value;
    return sliceConstant(rewriter, conv.getLoc(), *c, c->type.getRank() - 1,
                         kept);
  };
  Value weight = sliceConstant(rewriter, conv.getWeight().getLoc(),
                               *getConstant(conv.getWeight()), 0, kept);
  Value bias = conv.getBias() ? slicePerChannel(conv.getBias()) : Value();
  Value slope = conv.getSlope() ? slicePerChannel(conv.getSlope()) : Value();
  auto narrowed = ConvOp::create(
      rewriter, conv.getLoc(), withDim(conv.getType(), 1, kept.size()),
      conv.getInput(), weight, bias, Value(), slope, conv.getStridesAttr(),
      conv.getPadsAttr(), conv.getDilationsAttr(), conv.getGroupAttr(),
      conv.getActivationAttr());
  IRMapping mapping;
  mapping.map(conv.getResult(), narrowed.getResult());

  for (const Step &step : steps) {
    Operation *op = step.op;
    rewriter.setInsertionPoint(op);
    SmallVector<int64_t> inKept =
        getKept(masks.lookup(op->getOperand(step.pathOperand)));
    // Narrowed constant operands first, so they dominate the clone.
    SmallVector<std::pair<unsigned, Value>> operands;
    if (step.other && step.otherDim >= 0)
      operands.push_back({1 - step.pathOperand,
                          sliceConstant(rewriter, op->getLoc(), *step.other,
                                        step.otherDim, inKept)});
    if (step.kind == StepKind::BatchNorm)
      for (unsigned i = 1; i < 5; ++i)
        operands.push_back(
            {i, sliceConstant(rewriter, op->getLoc(),
                              *getConstant(op->getOperand(i)), 0, inKept)});
    Operation *clone = rewriter.clone(*op, mapping);
    for (auto [number, value] : operands)
      clone->setOperand(number, value);
    int64_t width = getKept(masks.lookup(op->getResult(0))).size();
    clone->getResult(0).setType(withDim(op->getResult(0).getType(), 1, width));
  }

  for (Operation *consumer : consumers) {
    const Mask &mask = masks.lookup(consumer->getOperand(0));
    SmallVector<int64_t> inKept = getKept(mask);
    Constant w = *getConstant(consumer->getOperand(1));
    int64_t m = w.type.getDimSize(0), n = w.type.getDimSize(1);
    int64_t window = w.values.size() / (m * n);
    // A removed entry's constant times the weights that read it, per output.
    SmallVector<double> shift(m, 0.0);
    for (int64_t r = 0; r < m; ++r)
      for (int64_t i = 0; i < n; ++i)
        if (mask[i] && *mask[i] != 0)
          for (int64_t t = 0; t < window; ++t)
            shift[r] += *mask[i] * w.values[(r * n + i) * window + t];
    rewriter.setInsertionPoint(consumer);
    Value newWeight = sliceConstant(rewriter, consumer->getOperand(1).getLoc(),
                                    w, 1, inKept);
    Value input = mapping.lookup(consumer->getOperand(0));
    if (auto c = dyn_cast<ConvOp>(consumer)) {
      Value newBias =
          *addToBias(rewriter, c.getLoc(), c.getBias(), shift, m);
      rewriter.replaceOp(
          c, ConvOp::create(rewriter, c.getLoc(), c.getType(), input, newWeight,
                            newBias, c.getResidual(), c.getSlope(),
                            c.getStridesAttr(), c.getPadsAttr(),
                            c.getDilationsAttr(), c.getGroupAttr(),
                            c.getActivationAttr())
                 .getResult());
      continue;
    }
    auto l = cast<LinearOp>(consumer);
    Value newBias = *addToBias(rewriter, l.getLoc(), l.getBias(), shift, m);
    rewriter.replaceOp(l, LinearOp::create(rewriter, l.getLoc(), l.getType(),
                                           input, newWeight, newBias,
                                           l.getSlope(), l.getActivation())
                              .getResult());
  }
  for (const Step &step : llvm::reverse(steps))
    rewriter.eraseOp(step.op);
  rewriter.eraseOp(conv);
}

} // namespace

LogicalResult
rectify::pruneConvChannels(RewriterBase &rewriter, ConvOp conv,
                           ArrayRef<std::optional<double>> constantValue,
                           std::string &reason) {
  std::optional<Constant> weight = getConstant(conv.getWeight());
  if (!weight || weight->type.getRank() != 4) {
    reason = "weight is not a 4-D f32 constant";
    return failure();
  }
  int64_t f = weight->type.getDimSize(0);
  if (static_cast<int64_t>(constantValue.size()) != f) {
    reason = "dead set does not match the channel count";
    return failure();
  }
  if (conv.getGroup() != 1) {
    reason = "grouped convs are barriers";
    return failure();
  }
  if (conv.getResidual()) {
    reason = "the conv adds a residual operand";
    return failure();
  }
  if ((conv.getBias() && !getConstant(conv.getBias())) ||
      (conv.getSlope() && !getConstant(conv.getSlope()))) {
    reason = "bias or slope is not an f32 constant";
    return failure();
  }
  Mask mask(constantValue);
  if (llvm::none_of(mask, [](std::optional<double> v) { return v.has_value(); })) {
    reason = "no dead channel";
    return failure();
  }
  // Keep one channel so every shape stays non-empty.
  if (llvm::all_of(mask, [](std::optional<double> v) { return v.has_value(); }))
    mask[0] = std::nullopt;
  ChannelPruner pruner(conv, std::move(mask));
  if (failed(pruner.plan(reason)))
    return failure();
  pruner.apply(rewriter);
  return success();
}
