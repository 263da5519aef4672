//===- Calibration.h - Calibration-guided neuron pruning --------*- C++ -*-===//
//
// Opt-in, because it is not a proof: the model is run on user samples with
// the reference evaluator, per-neuron (per-channel) statistics are recorded
// for every rect.linear (rect.conv) with a ReLU-family activation (how often
// the output is <= 0, the largest output and pre-activation), and on request
// the neurons (channels) that never fired (output <= 0 on every sample, so
// the activation is one constant on the samples) are removed with
// pruneLinearNeurons (pruneConvChannels). Held-out samples measure the
// output drift and top-1 accuracy before and after.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_CALIBRATION_CALIBRATION_H
#define RECTIFY_CALIBRATION_CALIBRATION_H

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Dialect/Rect/Transforms/NeuronPruning.h"
#include "rectify/Support/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace rectify {

/// What rectify-compile's calibration flags ask for.
struct CalibrationOptions {
  /// `--calibrate`: a .npy of samples for the model's single input (first
  /// dimension: the samples); empty: no calibration.
  std::string samplesPath;
  /// `--prune-inactive`: remove the neurons that never fired.
  bool pruneInactive = false;
  /// `--holdout` / `--holdout-labels`: samples (like samplesPath) and their
  /// integer class labels, one per row of the first output.
  std::string holdoutPath;
  std::string holdoutLabelsPath;
  /// Where to print a short human-readable summary; null: nowhere.
  llvm::raw_ostream *summary = nullptr;

  bool isRequested() const {
    return !samplesPath.empty() || pruneInactive || !holdoutPath.empty() ||
           !holdoutLabelsPath.empty();
  }
};

/// Statistics of the neurons of one rect.linear (the channels of one
/// rect.conv, every position an observation) with a ReLU-family
/// activation (relu, relu6, clip, leaky_relu, prelu, elu, selu).
struct LayerStatistics {
  /// Index of the layer in getPrunableLayers order (linears and convs).
  size_t layer = 0;
  std::string name;
  rect::ActivationAttr activation;
  /// Activations observed per neuron (samples times any non-feature dims).
  int64_t observations = 0;
  /// Per neuron: how many outputs were <= 0, the largest output and the
  /// largest pre-activation.
  llvm::SmallVector<int64_t> inactive;
  llvm::SmallVector<float> maxOutput, maxPreActivation;

  int64_t getNumNeurons() const { return inactive.size(); }
  bool neverFired(int64_t neuron) const {
    return inactive[neuron] == observations;
  }
  /// The constant the neuron's activation took on every sample when it never
  /// fired and its activation is constant below the largest pre-activation
  /// seen (relu: 0); std::nullopt otherwise (e.g. leaky_relu).
  std::optional<double> getPrunedValue(int64_t neuron) const;
};

/// True for the activations whose statistics calibration records.
bool isReluFamily(rect::ActivationAttr activation);

/// Runs @main of `module` on `samples` (first dimension: the samples,
/// evaluated in chunks) and returns the statistics of every ReLU-family
/// rect.linear and rect.conv. Errors are emitted on the module or the offending op.
mlir::FailureOr<std::vector<LayerStatistics>>
collectActivationStatistics(mlir::ModuleOp module, const FloatTensor &samples);

/// Runs @main of `module` on `samples`, chunked like the above, and returns
/// its outputs with the samples concatenated along the first dimension.
mlir::FailureOr<llvm::SmallVector<FloatTensor>>
evaluateOnSamples(mlir::ModuleOp module, const FloatTensor &samples);

/// Reads a .npy of samples for the single input of @main in `module`,
/// checking its shape; errors name `flag` and the file.
mlir::FailureOr<FloatTensor>
readSamples(mlir::ModuleOp module, llvm::StringRef flag, llvm::StringRef path);

/// The whole calibration step of rectify-compile: statistics, optional
/// pruning (counted in `report.calibrated`), holdout evaluation; adds the
/// `calibration` and `holdout` sections to `report.extra` and prints the
/// summary. Succeeds without doing anything when nothing is requested.
mlir::LogicalResult runCalibration(mlir::ModuleOp module,
                                   const CalibrationOptions &options,
                                   PruningReport &report);

} // namespace rectify

#endif // RECTIFY_CALIBRATION_CALIBRATION_H
