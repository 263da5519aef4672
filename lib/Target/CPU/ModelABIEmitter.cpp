//===- ModelABIEmitter.cpp - C entry point and header of a model ----------===//

#include "rectify/Target/CPU/ModelABIEmitter.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cctype>

using namespace mlir;
using namespace rectify::cpu;

#include "EmbeddedSources.inc"

namespace {
std::string allocatorSymbol(StringRef model, bool free) {
  return (model + (free ? "_rectify_free" : "_rectify_alloc")).str();
}
} // namespace

LogicalResult rectify::cpu::bindAllocator(ModuleOp module,
                                          StringRef modelName) {
  for (auto [generic, free] :
       {std::pair<StringRef, bool>{"_mlir_memref_to_llvm_alloc", false},
        {"_mlir_memref_to_llvm_free", true}}) {
    Operation *declaration = SymbolTable::lookupSymbolIn(module, generic);
    if (!declaration)
      continue; // nothing allocated
    auto bound = StringAttr::get(module.getContext(),
                                 allocatorSymbol(modelName, free));
    if (failed(SymbolTable::replaceAllSymbolUses(declaration, bound, module)))
      return module.emitError("cannot rename ") << generic;
    SymbolTable::setSymbolName(declaration, bound);
  }
  if (SymbolTable::lookupSymbolIn(module, "malloc"))
    return module.emitError("the lowered model calls malloc directly; its "
                            "buffers would bypass the block cache");
  return success();
}

namespace {
constexpr int64_t kMaxRank = 8; // RECTIFY_MAX_RANK

FailureOr<TensorSignature> describe(func::FuncOp func, Type type,
                                    DictionaryAttr attrs, StringRef what,
                                    unsigned index) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType || !tensorType.getElementType().isF32())
    return func.emitError() << what << " #" << index
                            << " must be a ranked f32 tensor, got " << type;
  if (tensorType.getRank() > kMaxRank)
    return func.emitError() << what << " #" << index << " has rank "
                            << tensorType.getRank() << ", above the ABI's "
                            << kMaxRank;
  TensorSignature signature;
  auto name = attrs ? attrs.getAs<StringAttr>("rect.name") : StringAttr();
  signature.name = name ? name.str() : (what + Twine(index)).str();
  for (int64_t dim : tensorType.getShape())
    signature.shape.push_back(ShapedType::isDynamic(dim) ? -1 : dim);
  return signature;
}

/// A C string literal holding `text`.
std::string cString(StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (std::isprint(static_cast<unsigned char>(c)))
      out += c;
    else
      out += llvm::formatv("\\{0:o3}", static_cast<unsigned char>(c)).str();
  }
  return out + "\"";
}

std::string shapeText(ArrayRef<int64_t> shape) {
  return "[" +
         llvm::join(llvm::map_range(shape,
                                    [](int64_t d) {
                                      return d < 0 ? std::string("N")
                                                   : std::to_string(d);
                                    }),
                    ", ") +
         "]";
}

void emitInfoTable(llvm::raw_ostream &os, StringRef table,
                   ArrayRef<TensorSignature> tensors) {
  os << "static const rectify_tensor_info " << table << "[] = {\n";
  for (const TensorSignature &tensor : tensors) {
    os << "  {" << cString(tensor.name) << ", RECTIFY_DTYPE_F32, "
       << tensor.shape.size() << ", {";
    llvm::interleaveComma(tensor.shape, os);
    os << "}},\n";
  }
  if (tensors.empty())
    os << "  {0, RECTIFY_DTYPE_F32, 0, {0}},\n";
  os << "};\n";
}
} // namespace

void rectify::cpu::emitModelInfo(llvm::raw_ostream &os,
                                 const ModelSignature &signature) {
  emitInfoTable(os, "rectify_inputs", signature.inputs);
  emitInfoTable(os, "rectify_outputs", signature.outputs);
  os << "static const rectify_model_info rectify_info = {RECTIFY_ABI_VERSION, "
     << cString(signature.modelName) << ", " << signature.inputs.size() << ", "
     << signature.outputs.size() << ", rectify_inputs, rectify_outputs};\n\n";
}

std::string rectify::cpu::sanitizeIdentifier(StringRef text) {
  std::string out;
  for (char c : text)
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])))
    out = "_" + out;
  return out;
}

FailureOr<ModelSignature>
rectify::cpu::getModelSignature(func::FuncOp func, StringRef modelName) {
  ModelSignature signature;
  signature.modelName = sanitizeIdentifier(modelName);
  signature.entrySymbol = func.getSymName().str();
  FunctionType type = func.getFunctionType();
  for (unsigned i = 0; i < type.getNumInputs(); ++i) {
    FailureOr<TensorSignature> input =
        describe(func, type.getInput(i), func.getArgAttrDict(i), "input", i);
    if (failed(input))
      return failure();
    signature.inputs.push_back(*input);
  }
  for (unsigned i = 0; i < type.getNumResults(); ++i) {
    FailureOr<TensorSignature> output = describe(
        func, type.getResult(i), func.getResultAttrDict(i), "output", i);
    if (failed(output))
      return failure();
    signature.outputs.push_back(*output);
  }
  return signature;
}

std::string rectify::cpu::emitEntrySource(const ModelSignature &signature) {
  std::string text;
  llvm::raw_string_ostream os(text);
  const std::string &model = signature.modelName;
  os << "/* Entry points of model '" << model
     << "', generated by rectify-compile. */\n";
  os << kModelABIHeader << "\n" << kModelEntrySource << "\n"
     << kBlockCacheSource << "\n";
  emitModelInfo(os, signature);

  // The generated code's allocation functions (see bindAllocator): hidden,
  // and named after the model so that several models link into one program.
  os << "__attribute__((visibility(\"hidden\"))) void *"
     << allocatorSymbol(model, /*free=*/false)
     << "(size_t size) {\n  return rectify_block_alloc(&rectify_blocks, "
        "size);\n}\n";
  os << "__attribute__((visibility(\"hidden\"))) void "
     << allocatorSymbol(model, /*free=*/true)
     << "(void *block) {\n  rectify_block_free(&rectify_blocks, block);\n}\n\n";

  size_t numTensors = signature.inputs.size() + signature.outputs.size();
  os << "extern void _mlir_ciface_" << signature.entrySymbol << "(";
  for (size_t i = 0; i < numTensors; ++i)
    os << (i ? ", " : "") << "void *";
  os << (numTensors ? "" : "void") << ");\n\n";

  emitRunPrologue(os, model);
  if (numTensors)
    os << "  int64_t descriptors[" << numTensors
       << "][RECTIFY_DESCRIPTOR_SLOTS];\n";
  auto describeAll = [&](StringRef array, ArrayRef<TensorSignature> tensors,
                         size_t first) {
    for (size_t i = 0; i < tensors.size(); ++i)
      os << "  rectify_describe(descriptors[" << first + i << "], " << array
         << "[" << i << "].data, " << tensors[i].shape.size() << ", " << array
         << "[" << i << "].shape);\n";
  };
  describeAll("inputs", signature.inputs, 0);
  describeAll("outputs", signature.outputs, signature.inputs.size());
  os << "  _mlir_ciface_" << signature.entrySymbol << "(";
  for (size_t i = 0; i < numTensors; ++i)
    os << (i ? ", " : "") << "descriptors[" << i << "]";
  os << ");\n  return RECTIFY_OK;\n}\n\n";

  emitGenericEntryPoints(os, model);
  return text;
}

void rectify::cpu::emitRunPrologue(raw_ostream &os, StringRef model) {
  os << "const rectify_model_info *" << model
     << "_get_info(void) { return &rectify_info; }\n\n";
  os << "int " << model
     << "_run(const rectify_tensor *inputs, rectify_tensor *outputs,\n"
        "        char *error, size_t error_size) {\n"
        "  int status = rectify_check_call(&rectify_info, inputs, outputs, "
        "error, error_size);\n"
        "  if (status != RECTIFY_OK)\n"
        "    return status;\n";
}

void rectify::cpu::emitGenericEntryPoints(raw_ostream &os, StringRef model) {
  // The generic names let tools load any model; weak so that several models
  // can be linked into one program and still be called by their own names.
  os << "__attribute__((weak)) const rectify_model_info *"
        "rectify_model_get_info(void) { return &rectify_info; }\n";
  os << "__attribute__((weak)) int rectify_model_run(const rectify_tensor "
        "*inputs,\n    rectify_tensor *outputs, char *error, size_t "
        "error_size) {\n  return "
     << model << "_run(inputs, outputs, error, error_size);\n}\n";
}

std::string rectify::cpu::emitHeader(const ModelSignature &signature,
                                     StringRef sourceName) {
  std::string text;
  llvm::raw_string_ostream os(text);
  const std::string &model = signature.modelName;
  std::string guard = "RECTIFY_MODEL_" + llvm::StringRef(model).upper() + "_H";
  os << "/* Model '" << model << "' compiled by rectify-compile from "
     << sourceName << ". Generated: do not edit. */\n";
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n";
  os << kModelABIHeader << "\n";
  os << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  os << "/* Tensors are dense row-major float32 buffers, in this order.\n";
  auto list = [&](StringRef what, ArrayRef<TensorSignature> tensors) {
    os << " * " << what << ":\n";
    for (auto [i, tensor] : llvm::enumerate(tensors))
      os << " *   " << i << " " << cString(tensor.name) << ": float32 "
         << shapeText(tensor.shape) << "\n";
  };
  list("Inputs", signature.inputs);
  list("Outputs", signature.outputs);
  os << " * N is the batch size, the same in every tensor of one call. */\n";
  std::string upper = llvm::StringRef(model).upper();
  os << "enum { " << upper << "_NUM_INPUTS = " << signature.inputs.size()
     << ", " << upper << "_NUM_OUTPUTS = " << signature.outputs.size()
     << " };\n\n";
  os << "const rectify_model_info *" << model << "_get_info(void);\n";
  os << "/* Returns RECTIFY_OK, or an error code with a message in error. */\n";
  os << "int " << model
     << "_run(const rectify_tensor *inputs, rectify_tensor *outputs,\n"
     << "        char *error, size_t error_size);\n\n";
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
  return text;
}
