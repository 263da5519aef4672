//===- PruneDeadNeurons.cpp - Delete provably dead neurons ----------------===//
//
// The rect-prune-dead-neurons pass: the value-range analysis finds, per
// rect.linear, the output neurons whose activation is constant on the
// declared input box (dead ReLUs); pruneLinearNeurons deletes them with the
// consumers' matching weight columns. Optionally writes the JSON report.
//
//===----------------------------------------------------------------------===//

#include "rectify/Analysis/ValueRange.h"
#include "rectify/Dialect/Rect/Transforms/NeuronPruning.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace rectify::rect {
#define GEN_PASS_DEF_RECTPRUNEDEADNEURONS
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"
} // namespace rectify::rect

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;

namespace {

/// The rect.linear ops of `module`, in walk order (indices are stable across
/// pruning: replacements are created where the replaced op was).
SmallVector<LinearOp> getLinears(ModuleOp module) {
  SmallVector<LinearOp> ops;
  module.walk([&](LinearOp op) { ops.push_back(op); });
  return ops;
}

struct RectPruneDeadNeuronsPass
    : rectify::rect::impl::RectPruneDeadNeuronsBase<RectPruneDeadNeuronsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<SmallVector<InputRange>> seeds =
        collectInputRanges(module, inputRanges);
    if (failed(seeds))
      return signalPassFailure();
    PruningReport report;
    report.before = getLayerSizes(module);

    // Decide every layer first: pruning a layer rewrites its consumers.
    SmallVector<std::pair<size_t, SmallVector<std::optional<double>>>> plans;
    size_t index = 0;
    for (auto func : module.getOps<func::FuncOp>()) {
      FailureOr<ValueRangeAnalysis> analysis =
          ValueRangeAnalysis::run(func, *seeds);
      if (failed(analysis))
        return signalPassFailure();
      func.walk([&](LinearOp linear) {
        size_t current = index++;
        const SmallVector<Interval> *pre = analysis->lookupPreActivation(linear);
        if (!pre)
          return;
        SmallVector<std::optional<double>> dead;
        bool any = false;
        for (Interval x : *pre) {
          dead.push_back(getConstantActivationValue(linear.getActivation(), x));
          any |= dead.back().has_value();
        }
        if (any)
          plans.push_back({current, std::move(dead)});
      });
    }

    IRRewriter rewriter(&getContext());
    for (auto &[layer, dead] : plans) {
      LinearOp linear = getLinears(module)[layer];
      int64_t before = dead.size();
      std::string reason;
      if (failed(pruneLinearNeurons(rewriter, linear, dead, reason))) {
        linear.emitRemark() << "dead neurons kept: " << reason;
        continue;
      }
      auto width = cast<RankedTensorType>(
          getLinears(module)[layer].getWeight().getType()).getDimSize(0);
      report.proven[layer] += before - width;
    }
    // Drop the constants the old layers used.
    module.walk([&](ConstantOp op) {
      if (op->use_empty())
        rewriter.eraseOp(op);
    });

    report.after = getLayerSizes(module);
    if (!reportPath.empty()) {
      std::string error;
      if (failed(report.write(reportPath, error))) {
        module.emitError() << error;
        return signalPassFailure();
      }
    }
  }
};

} // namespace
