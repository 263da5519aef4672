//===- NeuronPruning.h - Structural removal of neurons -----------*- C++ -*-===//
//
// Deletes output neurons of a rect.linear whose value is a known constant
// (dead ReLUs proven by the range analysis, or neurons that never fired in
// calibration), together with the weight columns that read them, and the JSON
// report of what pruning saved.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_DIALECT_RECT_TRANSFORMS_NEURONPRUNING_H
#define RECTIFY_DIALECT_RECT_TRANSFORMS_NEURONPRUNING_H

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

#include <map>
#include <string>
#include <vector>

namespace rectify {

/// Removes the output neurons `i` of `linear` with `constantValue[i]` set
/// (the neuron's activation output, the same for every input): its weight
/// row, bias and slope entries. Ops between the layer and its consumers
/// (elementwise activations, arithmetic with constants that broadcast along
/// the features) are narrowed; every consuming rect.linear loses the matching
/// weight columns, with their constant contribution added to its bias. At
/// least one neuron is kept. Fails, with `reason` set and the IR unchanged,
/// when a weight is not an f32 constant or the output reaches anything else.
mlir::LogicalResult
pruneLinearNeurons(mlir::RewriterBase &rewriter, rect::LinearOp linear,
                   llvm::ArrayRef<std::optional<double>> constantValue,
                   std::string &reason);

/// Removes the output channels `f` of `conv` with `constantValue[f]` set
/// (the channel's activation output, the same at every position and for
/// every input): weight rows, bias and prelu slope entries. The consumers'
/// matching input channels go too, through elementwise ops (with constants
/// per channel), batch_norm, max/avg and global pooling, concat along the
/// channels (offsets kept), flatten/reshape into a rect.linear (channel c
/// owns the columns c*H*W .. (c+1)*H*W-1) and into convs (input channels of
/// W). A nonzero constant is folded into the consumer's bias when that is
/// exact (not across zero padding); otherwise nothing is pruned. Grouped
/// and depthwise convs are barriers: neither pruned nor narrowed as
/// consumers. Fails, with `reason` set and the IR unchanged, like
/// pruneLinearNeurons.
mlir::LogicalResult
pruneConvChannels(mlir::RewriterBase &rewriter, rect::ConvOp conv,
                  llvm::ArrayRef<std::optional<double>> constantValue,
                  std::string &reason);

/// pruneLinearNeurons or pruneConvChannels, by the kind of `layer`;
/// returns the layer's new width (neurons or channels).
mlir::FailureOr<int64_t>
pruneLayer(mlir::RewriterBase &rewriter, mlir::Operation *layer,
           llvm::ArrayRef<std::optional<double>> constantValue,
           std::string &reason);

/// The layers pruning works on, rect.linear and rect.conv, in walk order;
/// report and calibration indices refer to this order. A pruned layer is
/// replaced where it was, so indices stay valid.
llvm::SmallVector<mlir::Operation *> getPrunableLayers(mlir::ModuleOp module);

/// Sizes of the layers of a module, in getPrunableLayers order.
struct LayerSize {
  std::string name;
  /// "linear" or "conv".
  std::string kind = "linear";
  /// Output neurons (linear) or channels (conv); inputs per output (linear:
  /// K; conv: C / group * kh * kw); output positions per sample (conv:
  /// OH * OW; linear: the product of the leading non-batch dims).
  int64_t inputs = 0, neurons = 0, positions = 1;
  bool hasBias = false;
  int64_t parameters() const { return neurons * inputs + (hasBias ? neurons : 0); }
  /// Multiply-adds count 2 FLOPs; the bias 1; per sample.
  int64_t flops() const {
    return positions * (2 * neurons * inputs + (hasBias ? neurons : 0));
  }
};
std::vector<LayerSize> getLayerSizes(mlir::ModuleOp module);

/// The JSON report of a pruning run.
struct PruningReport {
  std::vector<LayerSize> before, after;
  /// Per layer index: neurons (channels) removed because proven dead / never fired.
  std::map<size_t, int64_t> proven, calibrated;
  /// Free-form facts added by the caller (calibration samples, drift, ...),
  /// as JSON text per key.
  std::vector<std::pair<std::string, std::string>> extra;

  std::string toJSON() const;
  /// Writes toJSON() to `path`; fails with a message.
  mlir::LogicalResult write(llvm::StringRef path, std::string &error) const;
};

} // namespace rectify

#endif // RECTIFY_DIALECT_RECT_TRANSFORMS_NEURONPRUNING_H
