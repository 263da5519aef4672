//===- InputShapes.cpp - Shapes of the graph inputs -----------------------===//

#include "rectify/Import/ONNX/InputShapes.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

static constexpr int64_t kDynamic = mlir::ShapedType::kDynamic;

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

std::string rectify::formatShape(ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  raw_string_ostream os(text);
  interleave(
      shape, os,
      [&](int64_t d) {
        if (d == kDynamic)
          os << "?";
        else
          os << d;
      },
      "x");
  return text;
}

Error rectify::parseInputShapeFlag(StringRef flag, ONNXImportOptions &options) {
  // Names may contain '=' (rare but legal in ONNX), the dims never do.
  size_t eq = flag.rfind('=');
  if (eq == StringRef::npos)
    return makeError(formatv("--input-shape '{0}' must be NAME=DIMS, e.g. "
                             "input=1x784 ('?' keeps a dimension dynamic)",
                             flag));
  StringRef name = flag.take_front(eq), dims = flag.drop_front(eq + 1).trim();
  if (name.empty())
    return makeError(formatv("--input-shape '{0}' has no input name", flag));
  SmallVector<int64_t> shape;
  if (!dims.empty() && dims != "scalar") {
    SmallVector<StringRef> parts;
    dims.split(parts, dims.contains(',') ? ',' : 'x');
    for (StringRef part : parts) {
      part = part.trim();
      if (part == "?") {
        shape.push_back(kDynamic);
        continue;
      }
      int64_t size;
      if (part.getAsInteger(10, size) || size <= 0)
        return makeError(
            formatv("--input-shape '{0}': dimension '{1}' is not a positive "
                    "integer or '?'",
                    flag, part));
      shape.push_back(size);
    }
  }
  if (!options.inputShapes.try_emplace(name, shape).second)
    return makeError(
        formatv("--input-shape gives input '{0}' more than once", name));
  return Error::success();
}

namespace {
/// One dynamic dimension after the overrides: its symbol, if any.
struct DynamicDim {
  const rectify::DeclaredInput *input;
  size_t index;
  std::string symbol;
};
} // namespace

Expected<SmallVector<SmallVector<int64_t>>>
rectify::resolveInputShapes(ArrayRef<DeclaredInput> inputs,
                            const ONNXImportOptions &options) {
  // Every override must name a graph input.
  for (const auto &entry : options.inputShapes) {
    bool known = llvm::any_of(inputs, [&](const DeclaredInput &in) {
      return in.name == entry.first();
    });
    if (known)
      continue;
    SmallVector<StringRef> names;
    for (const DeclaredInput &in : inputs)
      names.push_back(in.name);
    return makeError(formatv("--input-shape names '{0}', which is not a graph "
                             "input; the inputs are: {1}",
                             entry.first(), join(names, ", ")));
  }

  SmallVector<SmallVector<int64_t>> shapes;
  SmallVector<DynamicDim> dynamicDims;
  for (const DeclaredInput &input : inputs) {
    auto it = options.inputShapes.find(input.name);
    const SmallVector<int64_t> *override =
        it == options.inputShapes.end() ? nullptr : &it->second;
    if (!input.hasShape && !override)
      return makeError(formatv("input '{0}' has no declared shape; give one "
                               "with --input-shape {0}=DIMS",
                               input.name));
    SmallVector<DeclaredDim> dims(input.dims);
    if (override) {
      if (input.hasShape && override->size() != dims.size())
        return makeError(formatv(
            "--input-shape gives input '{0}' rank {1} ({2}) but the model "
            "declares rank {3}",
            input.name, override->size(), formatShape(*override), dims.size()));
      dims.resize(override->size(), DeclaredDim{kDynamic, ""});
      for (auto [dim, size] : llvm::zip(dims, *override)) {
        if (size != kDynamic)
          dim = DeclaredDim{size, ""};
        else if (dim.size != kDynamic)
          dim = DeclaredDim{kDynamic, ""};
      }
    }
    SmallVector<int64_t> shape;
    int dynamicInInput = 0;
    for (auto [index, dim] : llvm::enumerate(dims)) {
      shape.push_back(dim.size);
      if (dim.size != kDynamic)
        continue;
      ++dynamicInInput;
      if (dim.symbol.empty() && index != 0)
        return makeError(formatv(
            "dimension {0} of input '{1}' is unknown; only a leading (batch) "
            "dimension may stay dynamic: fix it with --input-shape {1}=DIMS",
            index, input.name));
      dynamicDims.push_back(DynamicDim{&input, index, dim.symbol});
    }
    if (dynamicInInput > 1)
      return makeError(formatv(
          "input '{0}' has {1} dynamic dimensions ({2}); the compiled model "
          "supports one dynamic (batch) dimension: fix the others with "
          "--input-shape {0}=DIMS",
          input.name, dynamicInInput, formatShape(shape)));
    shapes.push_back(std::move(shape));
  }

  SetVector<StringRef> symbols;
  for (const DynamicDim &dim : dynamicDims)
    if (!dim.symbol.empty())
      symbols.insert(dim.symbol);
  if (symbols.size() > 1)
    return makeError(formatv(
        "the inputs have {0} distinct symbolic dimensions ({1}); the compiled "
        "model supports one dynamic (batch) dimension: fix the others with "
        "--input-shape NAME=DIMS",
        symbols.size(), join(symbols, ", ")));
  return shapes;
}
