//===- ONNXChecker.cpp - libonnx checker and shape inference --------------===//
//
// The one file built with -fexceptions: libonnx reports checker and inference
// failures by throwing, and every exception is caught here and turned into an
// llvm::Error or a warning.
//
//===----------------------------------------------------------------------===//

#include "ONNXChecker.h"

#include "llvm/Support/FormatVariadic.h"

#include "onnx/checker.h"
#include "onnx/defs/schema.h"
#include "onnx/shape_inference/implementation.h"

using namespace llvm;

/// True when libonnx knows the IR version and the version of every opset the
/// model imports from the standard domains.
static bool isKnownToLibONNX(const onnx::ModelProto &model) {
  if (model.ir_version() > onnx::Version::IR_VERSION)
    return false;
  const auto &ranges =
      onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  for (const onnx::OperatorSetIdProto &opset : model.opset_import()) {
    std::string domain = opset.domain() == "ai.onnx" ? "" : opset.domain();
    auto it = ranges.find(domain);
    if (it == ranges.end() || opset.version() < it->second.first ||
        opset.version() > it->second.second)
      return false;
  }
  return true;
}

/// The checker of check_model, with the model's directory set so that
/// external data is looked up next to the model, and without the main-graph
/// requirement that every graph input and output declare a shape.
static void checkModel(const onnx::ModelProto &model,
                       const std::string &modelDir) {
  onnx::checker::CheckerContext context;
  context.set_ir_version(static_cast<int>(model.ir_version()));
  std::unordered_map<std::string, int> opsets;
  for (const onnx::OperatorSetIdProto &opset : model.opset_import())
    opsets[opset.domain() == "ai.onnx" ? "" : opset.domain()] =
        static_cast<int>(opset.version());
  context.set_opset_imports(opsets);
  context.set_model_dir(modelDir);
  // As for subgraphs, let inputs and outputs omit their shapes: the importer
  // asks for input shapes itself and infers every other shape.
  context.set_is_main_graph(false);
  onnx::checker::LexicalScopeContext scope;
  onnx::checker::check_graph(model.graph(), context, scope);
}

Error rectify::runONNXChecks(onnx::ModelProto &model, StringRef modelDir,
                             std::vector<std::string> &warnings) {
  if (!isKnownToLibONNX(model))
    return Error::success();
  try {
    checkModel(model, modelDir.str());
  } catch (const std::exception &e) {
    return createStringError(inconvertibleErrorCode(),
                             formatv("the ONNX checker rejects the model: {0}",
                                     StringRef(e.what()).trim()));
  } catch (...) {
    return createStringError(inconvertibleErrorCode(),
                             "the ONNX checker rejects the model");
  }
  try {
    onnx::ShapeInferenceOptions options(/*check_type_val=*/false,
                                        /*strict_mode_val=*/0,
                                        /*data_prop_val=*/false);
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception &e) {
    warnings.push_back(formatv("ONNX shape inference failed ({0}); using the "
                               "importer's own shape inference",
                               StringRef(e.what()).trim()));
  } catch (...) {
    warnings.push_back("ONNX shape inference failed; using the importer's own "
                       "shape inference");
  }
  return Error::success();
}
