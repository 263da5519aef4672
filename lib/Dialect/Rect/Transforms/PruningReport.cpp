//===- PruningReport.cpp - The JSON report of a pruning run ---------------===//
//
// Per layer (rect.linear and rect.conv): neurons or channels (and inputs)
// before and after, how many were removed as proven dead and how many as
// never fired in calibration, and the parameters and FLOPs per sample before
// and after; totals at the end.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/Transforms/NeuronPruning.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;

/// The ONNX node name of `loc`, if it carries one.
static std::string getLayerName(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (std::string name = getLayerName(inner); !name.empty())
        return name;
  return "";
}

SmallVector<Operation *> rectify::getPrunableLayers(ModuleOp module) {
  SmallVector<Operation *> layers;
  module.walk([&](Operation *op) {
    if (isa<LinearOp, ConvOp>(op))
      layers.push_back(op);
  });
  return layers;
}

/// The product of the static extents of `shape` (dynamic ones count 1).
static int64_t staticProduct(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    if (!ShapedType::isDynamic(d))
      n *= d;
  return n;
}

std::vector<LayerSize> rectify::getLayerSizes(ModuleOp module) {
  std::vector<LayerSize> sizes;
  for (Operation *op : getPrunableLayers(module)) {
    auto weight = cast<RankedTensorType>(op->getOperand(1).getType());
    auto result = cast<RankedTensorType>(op->getResult(0).getType());
    LayerSize size;
    size.name = getLayerName(op->getLoc());
    size.kind = isa<ConvOp>(op) ? "conv" : "linear";
    if (size.name.empty())
      size.name = size.kind + "_" + std::to_string(sizes.size());
    size.neurons = weight.getDimSize(0);
    size.inputs = staticProduct(weight.getShape().drop_front());
    if (auto conv = dyn_cast<ConvOp>(op)) {
      size.hasBias = static_cast<bool>(conv.getBias());
      size.positions = staticProduct(result.getShape().drop_front(2));
    } else {
      size.hasBias = static_cast<bool>(cast<LinearOp>(op).getBias());
      if (result.getRank() > 2)
        size.positions =
            staticProduct(result.getShape().drop_front().drop_back());
    }
    sizes.push_back(size);
  }
  return sizes;
}

std::string PruningReport::toJSON() const {
  using nlohmann::json;
  json layers = json::array();
  int64_t paramsBefore = 0, paramsAfter = 0, flopsBefore = 0, flopsAfter = 0;
  int64_t channelsBefore = 0, channelsAfter = 0;
  int64_t neuronsBefore = 0, neuronsAfter = 0, totalProven = 0,
          totalCalibrated = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    const LayerSize &b = before[i];
    const LayerSize &a = i < after.size() ? after[i] : before[i];
    auto count = [&](const std::map<size_t, int64_t> &m) {
      auto it = m.find(i);
      return it == m.end() ? int64_t(0) : it->second;
    };
    json layer;
    layer["name"] = b.name;
    layer["kind"] = b.kind;
    // Output neurons of a linear, output channels of a conv.
    const char *unit = b.kind == "conv" ? "channels" : "neurons";
    layer[std::string(unit) + "_before"] = b.neurons;
    layer[std::string(unit) + "_after"] = a.neurons;
    layer["inputs_before"] = b.inputs;
    layer["inputs_after"] = a.inputs;
    layer["removed_proven"] = count(proven);
    layer["removed_calibrated"] = count(calibrated);
    layer["parameters_before"] = b.parameters();
    layer["parameters_after"] = a.parameters();
    layer["flops_before"] = b.flops();
    layer["flops_after"] = a.flops();
    layers.push_back(layer);
    paramsBefore += b.parameters();
    paramsAfter += a.parameters();
    flopsBefore += b.flops();
    flopsAfter += a.flops();
    (b.kind == "conv" ? channelsBefore : neuronsBefore) += b.neurons;
    (b.kind == "conv" ? channelsAfter : neuronsAfter) += a.neurons;
    totalProven += count(proven);
    totalCalibrated += count(calibrated);
  }
  json report;
  report["layers"] = layers;
  report["total"] = {{"neurons_before", neuronsBefore},
                     {"neurons_after", neuronsAfter},
                     {"channels_before", channelsBefore},
                     {"channels_after", channelsAfter},
                     {"removed_proven", totalProven},
                     {"removed_calibrated", totalCalibrated},
                     {"parameters_before", paramsBefore},
                     {"parameters_after", paramsAfter},
                     {"flops_before", flopsBefore},
                     {"flops_after", flopsAfter}};
  for (const auto &[key, text] : extra)
    report[key] = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return report.dump(2) + "\n";
}

LogicalResult PruningReport::write(StringRef path, std::string &error) const {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec) {
    error = "cannot write '" + path.str() + "': " + ec.message();
    return failure();
  }
  os << toJSON();
  return success();
}
