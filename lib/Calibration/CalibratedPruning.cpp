//===- CalibratedPruning.cpp - rectify-compile's calibration step ---------===//
//
// Statistics on the calibration samples, removal of the neurons that never
// fired (with --prune-inactive), and the holdout comparison of the unpruned
// and the pruned model; the results go into the pruning report's
// `calibration` and `holdout` sections and a short summary.
//
//===----------------------------------------------------------------------===//

#include "rectify/Calibration/Calibration.h"

#include "rectify/Support/Npy.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/Format.h"

#include <cmath>
#include <nlohmann/json.hpp>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;

namespace {

using nlohmann::json;

/// A JSON number, or null for an infinity (JSON has none).
json jsonNumber(double value) {
  return std::isfinite(value) ? json(value) : json(nullptr);
}

LogicalResult checkFlags(ModuleOp module, const CalibrationOptions &options) {
  if (options.samplesPath.empty()) {
    StringRef flag = options.pruneInactive          ? "--prune-inactive"
                     : !options.holdoutPath.empty() ? "--holdout"
                                                    : "--holdout-labels";
    return emitError(module.getLoc()) << flag << " needs --calibrate";
  }
  if (!options.holdoutLabelsPath.empty() && options.holdoutPath.empty())
    return emitError(module.getLoc(), "--holdout-labels needs --holdout");
  return success();
}

/// Removes the never-fired neurons of every layer; returns per layer the
/// pruned neuron indices, or the reason the layer was kept.
struct PruneOutcome {
  SmallVector<int64_t> removed;
  std::string keptReason;
};

std::vector<PruneOutcome>
pruneInactive(ModuleOp module, const std::vector<LayerStatistics> &layers,
              PruningReport &report) {
  std::vector<PruneOutcome> outcomes(layers.size());
  // Statistics index layers in getPrunableLayers order.
  auto getLayer = [&](size_t layer) {
    return getPrunableLayers(module)[layer];
  };
  IRRewriter rewriter(module.getContext());
  for (size_t i = 0; i < layers.size(); ++i) {
    const LayerStatistics &stats = layers[i];
    SmallVector<std::optional<double>> plan;
    SmallVector<int64_t> removed;
    for (int64_t j = 0; j < stats.getNumNeurons(); ++j) {
      plan.push_back(stats.getPrunedValue(j));
      if (plan.back())
        removed.push_back(j);
    }
    if (removed.empty())
      continue;
    // Indices are stable: a pruned layer is replaced where it was.
    Operation *layer = getLayer(stats.layer);
    FailureOr<int64_t> width =
        pruneLayer(rewriter, layer, plan, outcomes[i].keptReason);
    if (failed(width)) {
      layer->emitRemark() << "never-fired "
                          << (isa<ConvOp>(layer) ? "channels" : "neurons")
                          << " kept: " << outcomes[i].keptReason;
      continue;
    }
    // Pruning keeps neuron (channel) 0 when every one is dead.
    if (*width ==
        stats.getNumNeurons() - static_cast<int64_t>(removed.size()) + 1)
      removed.erase(removed.begin());
    outcomes[i].removed = std::move(removed);
    report.calibrated[stats.layer] += outcomes[i].removed.size();
  }
  module.walk([&](ConstantOp op) {
    if (op->use_empty())
      rewriter.eraseOp(op);
  });
  return outcomes;
}

json describeLayers(const std::vector<LayerStatistics> &layers,
                    const std::vector<PruneOutcome> &outcomes) {
  json result = json::array();
  for (size_t i = 0; i < layers.size(); ++i) {
    const LayerStatistics &stats = layers[i];
    json neverFired = json::array(), zeroFraction = json::array(),
         maxOutput = json::array();
    for (int64_t j = 0; j < stats.getNumNeurons(); ++j) {
      if (stats.neverFired(j))
        neverFired.push_back(j);
      zeroFraction.push_back(stats.observations == 0
                                 ? 0.0
                                 : static_cast<double>(stats.inactive[j]) /
                                       stats.observations);
      maxOutput.push_back(jsonNumber(stats.maxOutput[j]));
    }
    json layer;
    layer["layer"] = stats.layer;
    layer["name"] = stats.name;
    layer["activation"] =
        stringifyActivationKind(stats.activation.getKind()).str();
    layer["neurons"] = stats.getNumNeurons();
    layer["never_fired"] = neverFired.size();
    layer["never_fired_indices"] = neverFired;
    if (i < outcomes.size()) {
      layer["pruned_indices"] = outcomes[i].removed;
      if (!outcomes[i].keptReason.empty())
        layer["kept_reason"] = outcomes[i].keptReason;
    }
    layer["zero_fraction"] = zeroFraction;
    layer["max"] = maxOutput;
    result.push_back(layer);
  }
  return result;
}

/// Top-1 accuracy of the first output against `labels`.
FailureOr<double> getAccuracy(ModuleOp module, const FloatTensor &logits,
                              ArrayRef<int64_t> labels, StringRef path) {
  int64_t classes = logits.shape.empty() ? 0 : logits.shape.back();
  int64_t rows = classes == 0 ? 0 : logits.getNumElements() / classes;
  if (rows != static_cast<int64_t>(labels.size()))
    return emitError(module.getLoc())
           << "--holdout-labels " << path << ": " << labels.size()
           << " labels for " << rows << " rows of the first output";
  int64_t correct = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const float *row = logits.data.data() + r * classes;
    int64_t best = std::max_element(row, row + classes) - row;
    correct += best == labels[r];
  }
  return static_cast<double>(correct) / rows;
}

} // namespace

LogicalResult rectify::runCalibration(ModuleOp module,
                                      const CalibrationOptions &options,
                                      PruningReport &report) {
  if (!options.isRequested())
    return success();
  if (failed(checkFlags(module, options)))
    return failure();
  FailureOr<FloatTensor> samples =
      readSamples(module, "--calibrate", options.samplesPath);
  if (failed(samples))
    return failure();
  FailureOr<FloatTensor> holdout;
  std::optional<std::vector<int64_t>> labels;
  if (!options.holdoutPath.empty()) {
    holdout = readSamples(module, "--holdout", options.holdoutPath);
    if (failed(holdout))
      return failure();
  }
  if (!options.holdoutLabelsPath.empty()) {
    llvm::Expected<NpyArray> array = readNpyFile(options.holdoutLabelsPath);
    llvm::Expected<std::vector<int64_t>> values =
        array ? convertToInt64(*array, options.holdoutLabelsPath,
                               DTypeConversion::Allow)
              : array.takeError();
    if (!values)
      return emitError(module.getLoc())
             << "--holdout-labels " << options.holdoutLabelsPath << ": "
             << llvm::toString(values.takeError());
    labels = std::move(*values);
  }

  FailureOr<std::vector<LayerStatistics>> layers =
      collectActivationStatistics(module, *samples);
  if (failed(layers))
    return failure();

  OwningOpRef<ModuleOp> unpruned;
  if (succeeded(holdout))
    unpruned = module.clone();
  std::vector<PruneOutcome> outcomes;
  if (options.pruneInactive)
    outcomes = pruneInactive(module, *layers, report);

  int64_t neurons = 0, neverFired = 0, pruned = 0;
  for (size_t i = 0; i < layers->size(); ++i) {
    const LayerStatistics &stats = (*layers)[i];
    neurons += stats.getNumNeurons();
    for (int64_t j = 0; j < stats.getNumNeurons(); ++j)
      neverFired += stats.neverFired(j);
    if (i < outcomes.size())
      pruned += outcomes[i].removed.size();
  }
  json calibration;
  calibration["samples"] = samples->shape[0];
  calibration["prune_inactive"] = options.pruneInactive;
  calibration["neurons"] = neurons;
  calibration["never_fired"] = neverFired;
  calibration["pruned"] = pruned;
  calibration["layers"] = describeLayers(*layers, outcomes);
  report.extra.push_back({"calibration", calibration.dump()});

  llvm::raw_ostream *os = options.summary;
  if (os) {
    *os << "calibration: " << samples->shape[0] << " samples, "
        << layers->size() << " layers with ReLU-family activations, "
        << neverFired << " of " << neurons << " neurons never fired\n";
    if (options.pruneInactive) {
      *os << "calibration: pruned " << pruned << " neurons";
      for (size_t i = 0; i < outcomes.size(); ++i)
        *os << (i ? ", " : " (") << "'" << (*layers)[i].name
            << "': " << outcomes[i].removed.size() << " of "
            << (*layers)[i].getNumNeurons();
      *os << (outcomes.empty() ? "" : ")") << "\n";
    }
  }

  if (failed(holdout))
    return success();
  FailureOr<SmallVector<FloatTensor>> before =
      evaluateOnSamples(unpruned.get(), *holdout);
  if (failed(before))
    return failure();
  FailureOr<SmallVector<FloatTensor>> after =
      evaluateOnSamples(module, *holdout);
  if (failed(after))
    return failure();
  double drift = 0, magnitude = 0;
  for (auto [b, a] : llvm::zip(*before, *after)) {
    if (b.shape != a.shape)
      return emitError(module.getLoc(),
                       "calibration: pruning changed an output shape");
    for (size_t i = 0; i < b.data.size(); ++i) {
      drift = std::max(drift, std::fabs(double(b.data[i]) - a.data[i]));
      magnitude = std::max(magnitude, std::fabs(double(b.data[i])));
    }
  }
  json summary;
  summary["samples"] = holdout->shape[0];
  summary["max_abs_drift"] = jsonNumber(drift);
  summary["max_abs_output"] = jsonNumber(magnitude);
  if (os)
    *os << "holdout: " << holdout->shape[0] << " samples, max abs output drift "
        << llvm::format("%.3g", drift) << " (max abs output "
        << llvm::format("%.3g", magnitude) << ")\n";
  if (labels) {
    if (before->empty())
      return emitError(module.getLoc(), "calibration: the model has no output");
    FailureOr<double> accuracyBefore = getAccuracy(
        module, before->front(), *labels, options.holdoutLabelsPath);
    if (failed(accuracyBefore))
      return failure();
    FailureOr<double> accuracyAfter =
        getAccuracy(module, after->front(), *labels, options.holdoutLabelsPath);
    if (failed(accuracyAfter))
      return failure();
    summary["accuracy_before"] = *accuracyBefore;
    summary["accuracy_after"] = *accuracyAfter;
    if (os)
      *os << "holdout: top-1 accuracy "
          << llvm::format("%.2f", 100 * *accuracyBefore) << "% before, "
          << llvm::format("%.2f", 100 * *accuracyAfter) << "% after\n";
  }
  report.extra.push_back({"holdout", summary.dump()});
  return success();
}
