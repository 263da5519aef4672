//===- GraphImporter.cpp - ONNX graph to a rect-dialect module ------------===//
//
// Builds `module attributes {rect.model_name} { func.func @main }`: graph
// inputs become arguments (shapes decided by InputShapes), initializers and
// Constant nodes become rect.constant on first use, every node is imported by
// its registered importer at NameLoc(node name) in the model file, and the
// graph outputs are returned.
//
//===----------------------------------------------------------------------===//

#include "GraphImporter.h"

#include "ModelLoader.h"
#include "NodeImporter.h"
#include "OpImporters.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/InputShapes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace rectify;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

/// The name used for a node in locations and messages: its own, or
/// `<op_type>#<index>` when it has none.
static std::string getNodeLabel(const onnx::NodeProto &node, int index) {
  if (!node.name().empty())
    return node.name();
  return llvm::formatv("{0}#{1}", node.op_type(), index).str();
}

static bool isDefaultDomain(StringRef domain) {
  return domain.empty() || domain == "ai.onnx";
}

LogicalResult rectify::checkSupportedNodes(const onnx::ModelProto &model,
                                           Location fileLoc) {
  int64_t opset = getOpsetVersion(model, "");
  if (opset < kMinSupportedOpset || opset > kMaxSupportedOpset)
    return emitError(fileLoc)
           << "the model uses opset " << opset
           << " of the default ONNX domain; supported opsets are "
           << kMinSupportedOpset << " to " << kMaxSupportedOpset;
  std::string list;
  llvm::raw_string_ostream os(list);
  unsigned count = 0;
  for (auto [index, node] : llvm::enumerate(model.graph().node())) {
    StringRef domain = node.domain();
    int64_t version =
        isDefaultDomain(domain) ? opset : getOpsetVersion(model, domain);
    if (lookupOpImporter(domain, node.op_type(), version))
      continue;
    ++count;
    os << "\n  node '" << getNodeLabel(node, index) << "': " << node.op_type()
       << " (domain " << (domain.empty() ? StringRef("ai.onnx") : domain)
       << ", opset " << version << ")";
  }
  if (count == 0)
    return success();
  return emitError(fileLoc) << count << " unsupported ONNX node"
                            << (count == 1 ? "" : "s") << ":" << list;
}

/// The declared shape of a graph input, or an error for non-float32 inputs.
static FailureOr<DeclaredInput>
getDeclaredInput(const onnx::ValueInfoProto &info, Location loc) {
  DeclaredInput input;
  input.name = info.name();
  if (!info.type().has_tensor_type()) {
    emitError(loc) << "input '" << info.name() << "' is not a tensor";
    return failure();
  }
  const onnx::TypeProto::Tensor &tensor = info.type().tensor_type();
  if (tensor.elem_type() != onnx::TensorProto::FLOAT) {
    std::string typeName =
        onnx::TensorProto::DataType_IsValid(tensor.elem_type())
            ? onnx::TensorProto::DataType_Name(
                  static_cast<onnx::TensorProto::DataType>(tensor.elem_type()))
            : "unknown";
    emitError(loc) << "input '" << info.name() << "' has element type "
                   << typeName << "; only float32 inputs are supported";
    return failure();
  }
  input.hasShape = tensor.has_shape();
  for (const onnx::TensorShapeProto::Dimension &dim : tensor.shape().dim()) {
    if (dim.has_dim_value() && dim.dim_value() >= 0)
      input.dims.push_back(DeclaredDim{dim.dim_value(), ""});
    else if (dim.has_dim_param() && !dim.dim_param().empty())
      input.dims.push_back(DeclaredDim{kDynamic, dim.dim_param()});
    else
      input.dims.push_back(DeclaredDim{kDynamic, ""});
  }
  return input;
}

namespace {
/// Imports one graph into a module; holds the state shared by its steps.
class GraphImporter {
public:
  GraphImporter(MLIRContext &context, StringRef path, StringRef modelDir,
                const onnx::ModelProto &model, const ONNXImportOptions &options)
      : model(model), graph(model.graph()), options(options),
        values(context, path, modelDir),
        fileLoc(FileLineColLoc::get(&context, path, 0, 0)), builder(&context) {}

  FailureOr<OwningOpRef<ModuleOp>> run();

private:
  LogicalResult defineInitializers();
  FailureOr<func::FuncOp> createFunction(ModuleOp module);
  LogicalResult importNodes();
  LogicalResult createReturn(func::FuncOp func);

  const onnx::ModelProto &model;
  const onnx::GraphProto &graph;
  const ONNXImportOptions &options;
  ValueTable values;
  Location fileLoc;
  OpBuilder builder;
};
} // namespace

LogicalResult GraphImporter::defineInitializers() {
  for (const onnx::TensorProto &tensor : graph.initializer()) {
    if (!values.define(tensor.name(), ValueTable::Entry{{}, &tensor}))
      return emitError(fileLoc)
             << "initializer '" << tensor.name() << "' is defined twice";
  }
  return success();
}

FailureOr<func::FuncOp> GraphImporter::createFunction(ModuleOp module) {
  // Initializers listed as graph inputs (old exporters) are constants.
  SmallVector<const onnx::ValueInfoProto *> inputInfos;
  SmallVector<DeclaredInput> declared;
  for (const onnx::ValueInfoProto &info : graph.input()) {
    if (values.lookup(info.name()))
      continue;
    FailureOr<DeclaredInput> input = getDeclaredInput(info, fileLoc);
    if (failed(input))
      return failure();
    inputInfos.push_back(&info);
    declared.push_back(std::move(*input));
  }
  llvm::Expected<SmallVector<SmallVector<int64_t>>> shapes =
      resolveInputShapes(declared, options);
  if (!shapes) {
    emitError(fileLoc) << llvm::toString(shapes.takeError());
    return failure();
  }

  SmallVector<Type> argTypes;
  SmallVector<Location> argLocs;
  for (auto [info, shape] : llvm::zip(inputInfos, *shapes)) {
    argTypes.push_back(RankedTensorType::get(shape, builder.getF32Type()));
    argLocs.push_back(values.getNameLoc(info->name()));
  }
  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(builder, fileLoc, "main",
                                   builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  for (auto [index, info] : llvm::enumerate(inputInfos)) {
    BlockArgument arg = body->getArgument(index);
    arg.setLoc(argLocs[index]);
    func.setArgAttr(index, "rect.name", builder.getStringAttr(info->name()));
    if (!values.define(info->name(), ValueTable::Entry{arg, nullptr})) {
      emitError(fileLoc) << "graph input '" << info->name()
                         << "' is listed twice";
      return failure();
    }
  }
  builder.setInsertionPointToEnd(body);
  return func;
}

LogicalResult GraphImporter::importNodes() {
  int64_t opset = getOpsetVersion(model, "");
  for (const onnx::NodeProto &node : graph.node())
    for (const std::string &input : node.input())
      if (!input.empty())
        values.addUse(input);
  for (const onnx::ValueInfoProto &output : graph.output())
    values.addUse(output.name());

  for (auto [index, node] : llvm::enumerate(graph.node())) {
    const OpImporterEntry *entry =
        lookupOpImporter(node.domain(), node.op_type(), opset);
    Location loc = values.getNameLoc(getNodeLabel(node, index));
    if (!entry)
      return emitError(loc) << "unsupported node " << node.op_type();
    NodeImporter importer(node, opset, loc, builder, values);
    if (failed(entry->import(importer)))
      return failure();
  }
  return success();
}

LogicalResult GraphImporter::createReturn(func::FuncOp func) {
  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    Location loc = values.getNameLoc(output.name());
    FailureOr<Value> value = values.materialize(output.name(), builder, loc);
    if (failed(value))
      return failure();
    auto type = cast<RankedTensorType>(value->getType());
    if (!type.getElementType().isF32())
      return emitError(loc) << "output '" << output.name() << "' has type "
                            << type << "; only float32 outputs are supported";
    results.push_back(*value);
  }
  func::ReturnOp::create(builder, fileLoc, results);
  func.setFunctionType(builder.getFunctionType(
      func.getFunctionType().getInputs(), ValueRange(results).getTypes()));
  for (auto [index, output] : llvm::enumerate(graph.output()))
    func.setResultAttr(index, "rect.name",
                       builder.getStringAttr(output.name()));
  return success();
}

FailureOr<OwningOpRef<ModuleOp>> GraphImporter::run() {
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  (*module)->setAttr("rect.model_name", builder.getStringAttr(graph.name()));
  if (failed(defineInitializers()))
    return failure();
  FailureOr<func::FuncOp> func = createFunction(*module);
  if (failed(func) || failed(importNodes()) || failed(createReturn(*func)))
    return failure();
  if (failed(mlir::verify(*module)))
    return failure();
  return module;
}

FailureOr<OwningOpRef<ModuleOp>>
rectify::importGraph(MLIRContext &context, StringRef path, StringRef modelDir,
                     const onnx::ModelProto &model,
                     const ONNXImportOptions &options) {
  return GraphImporter(context, path, modelDir, model, options).run();
}
