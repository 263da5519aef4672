//===- ActivationStatistics.cpp - Per-neuron statistics on samples --------===//
//
// Reads calibration samples, runs the model's @main on them in chunks with
// the reference evaluator, and records, per neuron of every rect.linear (per
// output channel of every rect.conv, over all positions) with a ReLU-family
// activation, how often it was inactive (output <= 0), its largest output
// and its largest pre-activation.
//
//===----------------------------------------------------------------------===//

#include "rectify/Calibration/Calibration.h"

#include "rectify/Analysis/ValueRange.h"
#include "rectify/Calibration/ReferenceEvaluator.h"
#include "rectify/Support/Npy.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <limits>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;

/// Samples per evaluation chunk when the batch dimension is dynamic: bounds
/// the evaluator's memory for large calibration sets.
static constexpr int64_t kChunkSize = 256;

bool rectify::isReluFamily(ActivationAttr activation) {
  switch (activation.getKind()) {
  case ActivationKind::relu:
  case ActivationKind::relu6:
  case ActivationKind::clip:
  case ActivationKind::leaky_relu:
  case ActivationKind::prelu:
  case ActivationKind::elu:
  case ActivationKind::selu:
    return true;
  default:
    return false;
  }
}

std::optional<double> LayerStatistics::getPrunedValue(int64_t neuron) const {
  if (!neverFired(neuron))
    return std::nullopt;
  Interval seen{-std::numeric_limits<double>::infinity(),
                maxPreActivation[neuron]};
  std::optional<double> value = getConstantActivationValue(activation, seen);
  if (!value || *value > 0)
    return std::nullopt;
  return value;
}

static FailureOr<func::FuncOp> getMain(ModuleOp module) {
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main)
    return emitError(module.getLoc(),
                     "calibration: the model has no @main function");
  if (main.getNumArguments() != 1)
    return emitError(module.getLoc(),
                     "calibration: the model must have exactly one "
                     "input, it has ")
           << main.getNumArguments();
  if (!isa<RankedTensorType>(main.getArgumentTypes()[0]))
    return emitError(module.getLoc(),
                     "calibration: the model's input is not a ranked "
                     "tensor");
  return main;
}

static std::string getInputName(func::FuncOp main) {
  if (auto name = main.getArgAttrOfType<StringAttr>(0, "rect.name"))
    return name.str();
  return "#0";
}

FailureOr<FloatTensor> rectify::readSamples(ModuleOp module, StringRef flag,
                                            StringRef path) {
  FailureOr<func::FuncOp> main = getMain(module);
  if (failed(main))
    return failure();
  llvm::Expected<FloatTensor> samples =
      readNpyFloat32(path, DTypeConversion::Allow);
  if (!samples)
    return emitError(module.getLoc())
           << flag << ": " << llvm::toString(samples.takeError());
  auto type = cast<RankedTensorType>(main->getArgumentTypes()[0]);
  std::string name = getInputName(*main);
  auto mismatch = [&]() {
    return emitError(module.getLoc())
           << flag << " " << path << ": samples of shape "
           << formatTensorShape(samples->shape) << " do not fit input '" << name
           << "' of shape " << formatTensorShape(type.getShape());
  };
  if (type.getRank() == 0 ||
      static_cast<int64_t>(samples->shape.size()) != type.getRank())
    return mismatch() << " (rank " << samples->shape.size() << ", expected "
                      << type.getRank() << ")";
  for (int64_t d = 1; d < type.getRank(); ++d)
    if (!type.isDynamicDim(d) && type.getDimSize(d) != samples->shape[d])
      return mismatch() << " (dimension " << d << " is " << samples->shape[d]
                        << ", expected " << type.getDimSize(d) << ")";
  int64_t count = samples->shape[0];
  if (count == 0)
    return emitError(module.getLoc()) << flag << " " << path << ": no samples";
  if (!type.isDynamicDim(0) && count % type.getDimSize(0) != 0)
    return mismatch() << " (" << count
                      << " samples are not a multiple of the static batch "
                      << type.getDimSize(0) << ")";
  return std::move(*samples);
}

/// Calls `fn` with consecutive chunks of the samples' first dimension.
static LogicalResult
forEachChunk(func::FuncOp main, const FloatTensor &samples,
             llvm::function_ref<LogicalResult(const FloatTensor &)> fn) {
  auto type = cast<RankedTensorType>(main.getArgumentTypes()[0]);
  int64_t chunk = type.isDynamicDim(0) ? kChunkSize : type.getDimSize(0);
  int64_t count = samples.shape[0];
  int64_t rowSize = count == 0 ? 0 : samples.getNumElements() / count;
  for (int64_t start = 0; start < count; start += chunk) {
    int64_t rows = std::min(chunk, count - start);
    SmallVector<int64_t> shape(samples.shape.begin(), samples.shape.end());
    shape[0] = rows;
    FloatTensor part(shape);
    std::copy(samples.data.begin() + start * rowSize,
              samples.data.begin() + (start + rows) * rowSize,
              part.data.begin());
    if (failed(fn(part)))
      return failure();
  }
  return success();
}

FailureOr<std::vector<LayerStatistics>>
rectify::collectActivationStatistics(ModuleOp module,
                                     const FloatTensor &samples) {
  FailureOr<func::FuncOp> main = getMain(module);
  if (failed(main))
    return failure();
  if (failed(checkEvaluable(*main)))
    return failure();
  std::vector<LayerSize> sizes = getLayerSizes(module);
  std::vector<LayerStatistics> layers;
  DenseMap<Operation *, size_t> slot;
  // Layer indices follow getPrunableLayers (linears and convs), like the
  // pruning report.
  SmallVector<Operation *> prunable = getPrunableLayers(module);
  for (size_t layer = 0; layer < prunable.size(); ++layer) {
    Operation *op = prunable[layer];
    auto act = op->getAttrOfType<ActivationAttr>("activation");
    if (!act || !isReluFamily(act) ||
        op->getParentOfType<func::FuncOp>() != *main)
      continue;
    int64_t n = cast<RankedTensorType>(op->getOperand(1).getType()).getDimSize(0);
    LayerStatistics stats;
    stats.layer = layer;
    stats.name = sizes[layer].name;
    stats.activation = act;
    stats.inactive.assign(n, 0);
    stats.maxOutput.assign(n, -std::numeric_limits<float>::infinity());
    stats.maxPreActivation.assign(n, -std::numeric_limits<float>::infinity());
    slot[op] = layers.size();
    layers.push_back(std::move(stats));
  }
  // A linear's features are its last dimension; a conv's channels are
  // dimension 1, observed at every spatial position.
  auto observe = [&](Operation *op, const FloatTensor &pre,
                     const FloatTensor &out) {
    auto it = slot.find(op);
    if (it == slot.end())
      return;
    LayerStatistics &stats = layers[it->second];
    int64_t n = stats.getNumNeurons();
    int64_t inner = 1;
    if (isa<ConvOp>(op))
      for (size_t d = 2; d < out.shape.size(); ++d)
        inner *= out.shape[d];
    int64_t rows = n * inner == 0 ? 0 : out.getNumElements() / (n * inner);
    stats.observations += rows * inner;
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t j = 0; j < n; ++j) {
        for (int64_t p = 0; p < inner; ++p) {
          int64_t index = (r * n + j) * inner + p;
          float y = out.data[index], x = pre.data[index];
          if (y <= 0)
            ++stats.inactive[j];
          stats.maxOutput[j] = std::max(stats.maxOutput[j], y);
          stats.maxPreActivation[j] = std::max(stats.maxPreActivation[j], x);
        }
      }
    }
  };
  if (failed(forEachChunk(*main, samples, [&](const FloatTensor &part) {
        return evaluateFunction(*main, part, observe);
      })))
    return failure();
  return layers;
}

FailureOr<SmallVector<FloatTensor>>
rectify::evaluateOnSamples(ModuleOp module, const FloatTensor &samples) {
  FailureOr<func::FuncOp> main = getMain(module);
  if (failed(main))
    return failure();
  SmallVector<FloatTensor> outputs;
  LogicalResult result = forEachChunk(
      *main, samples, [&](const FloatTensor &part) -> LogicalResult {
        FailureOr<SmallVector<FloatTensor>> results =
            evaluateFunction(*main, part);
        if (failed(results))
          return failure();
        if (outputs.empty()) {
          outputs = std::move(*results);
          return success();
        }
        for (auto [all, chunk] : llvm::zip(outputs, *results)) {
          if (all.shape.empty() || chunk.shape.empty())
            return emitError(module.getLoc(),
                             "calibration: an output has no sample "
                             "dimension");
          all.shape[0] += chunk.shape[0];
          all.data.insert(all.data.end(), chunk.data.begin(), chunk.data.end());
        }
        return success();
      });
  if (failed(result))
    return failure();
  return outputs;
}
