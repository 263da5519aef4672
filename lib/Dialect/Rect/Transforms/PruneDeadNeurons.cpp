//===- PruneDeadNeurons.cpp - Delete provably dead neurons ----------------===//
//
// The rect-prune-dead-neurons pass: the value-range analysis finds, per
// rect.linear (rect.conv), the output neurons (channels) whose activation is
// constant on the declared input box (dead ReLUs); pruneLinearNeurons
// (pruneConvChannels) deletes them with the consumers' matching weights.
// Optionally writes the JSON report.
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
      func.walk([&](Operation *op) {
        if (!isa<LinearOp, ConvOp>(op))
          return;
        size_t current = index++;
        const SmallVector<Interval> *pre = analysis->lookupPreActivation(op);
        auto act = op->getAttrOfType<ActivationAttr>("activation");
        if (!pre || !act)
          return;
        SmallVector<std::optional<double>> dead;
        bool any = false;
        for (Interval x : *pre) {
          dead.push_back(getConstantActivationValue(act, x));
          any |= dead.back().has_value();
        }
        if (any)
          plans.push_back({current, std::move(dead)});
      });
    }

    IRRewriter rewriter(&getContext());
    for (auto &[layer, dead] : plans) {
      Operation *op = getPrunableLayers(module)[layer];
      std::string reason;
      FailureOr<int64_t> width = pruneLayer(rewriter, op, dead, reason);
      if (failed(width)) {
        op->emitRemark() << "dead " << (isa<ConvOp>(op) ? "channels" : "neurons")
                         << " kept: " << reason;
        continue;
      }
      report.proven[layer] += static_cast<int64_t>(dead.size()) - *width;
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
