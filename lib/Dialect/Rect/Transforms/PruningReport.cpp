//===- PruningReport.cpp - The JSON report of a pruning run ---------------===//
//
// Per layer: neurons (and inputs) before and after, how many neurons were
// removed as proven dead and how many as never fired in calibration, and the
// parameters and FLOPs per sample before and after; totals at the end.
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

std::vector<LayerSize> rectify::getLayerSizes(ModuleOp module) {
  std::vector<LayerSize> sizes;
  module.walk([&](LinearOp op) {
    auto weight = cast<RankedTensorType>(op.getWeight().getType());
    LayerSize size;
    size.name = getLayerName(op.getLoc());
    if (size.name.empty())
      size.name = "linear_" + std::to_string(sizes.size());
    size.neurons = weight.getDimSize(0);
    size.inputs = weight.getDimSize(1);
    size.hasBias = static_cast<bool>(op.getBias());
    sizes.push_back(size);
  });
  return sizes;
}

std::string PruningReport::toJSON() const {
  using nlohmann::json;
  json layers = json::array();
  int64_t paramsBefore = 0, paramsAfter = 0, flopsBefore = 0, flopsAfter = 0;
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
    layer["neurons_before"] = b.neurons;
    layer["neurons_after"] = a.neurons;
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
    neuronsBefore += b.neurons;
    neuronsAfter += a.neurons;
    totalProven += count(proven);
    totalCalibrated += count(calibrated);
  }
  json report;
  report["layers"] = layers;
  report["total"] = {{"neurons_before", neuronsBefore},
                     {"neurons_after", neuronsAfter},
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
