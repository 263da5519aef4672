//===- GPUModelEmitter.cpp - C source of a Vulkan or CUDA model -----------===//

#include "rectify/Target/GPU/GPUModelEmitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

using namespace mlir;

#include "GPUEmbeddedSources.inc"

/// Integer helpers of the launch programs (MLIR's arith semantics).
static constexpr const char kLaunchHelpers[] = R"c(
static int64_t rectify_floordiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
static int64_t rectify_ceildiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) == (b < 0))) ? q + 1 : q;
}
static int64_t rectify_min(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t rectify_max(int64_t a, int64_t b) { return a > b ? a : b; }
)c";

namespace {

/// A buffer of the launch program: its C variable and its extents as C
/// expressions.
struct Buffer {
  std::string name;
  SmallVector<std::string> shape;
  int64_t elementBytes;
};

/// Translates the host function into the body of the C launch program.
class HostTranslator {
public:
  /// `cuda`: emit calls of the CUDA runtime, else of the Vulkan runtime.
  HostTranslator(const rectify::cpu::ModelSignature &signature,
                 llvm::raw_ostream &os, bool cuda)
      : signature(signature), os(os), cuda(cuda),
        api(cuda ? "rectify_cu" : "rectify_vk") {}

  LogicalResult translate(func::FuncOp func, ModuleOp module);

  /// Weight payloads, in the order of their index in the program.
  std::string weights;
  SmallVector<std::pair<size_t, size_t>> weightList; // offset, size
  /// Kernels by first launch: entry name and argument count.
  llvm::MapVector<StringAttr, unsigned> kernels;
  unsigned numDispatches = 0, numBindings = 0, numScalars = 0;

private:
  std::string scalar(Value value) { return scalars.lookup(value); }
  std::string fresh(StringRef prefix) {
    return (prefix + Twine(counter++)).str();
  }
  std::string bytesOf(const Buffer &buffer) {
    std::string bytes = std::to_string(buffer.elementBytes);
    for (const std::string &extent : buffer.shape)
      bytes += " * " + extent;
    return "(" + bytes + ")";
  }
  FailureOr<Buffer> bufferOf(Operation *user, Value value);
  LogicalResult translateArith(Operation *op);
  LogicalResult translateWeight(memref::GetGlobalOp op, ModuleOp module);
  LogicalResult translateLaunch(gpu::LaunchFuncOp launch);
  Buffer shaped(MemRefType type, std::string name, ValueRange dynamicSizes);

  const rectify::cpu::ModelSignature &signature;
  llvm::raw_ostream &os;
  bool cuda;
  std::string api; // prefix of the runtime's names
  DenseMap<Value, std::string> scalars;
  DenseMap<Value, Buffer> buffers;
  llvm::StringMap<unsigned> weightIndex;
  SmallVector<Buffer> outputs;
  unsigned counter = 0;
};

Buffer HostTranslator::shaped(MemRefType type, std::string name,
                              ValueRange dynamicSizes) {
  Buffer buffer{std::move(name), {}, type.getElementTypeBitWidth() / 8};
  unsigned next = 0;
  for (int64_t extent : type.getShape())
    buffer.shape.push_back(ShapedType::isDynamic(extent)
                               ? scalar(dynamicSizes[next++])
                               : std::to_string(extent));
  return buffer;
}

FailureOr<Buffer> HostTranslator::bufferOf(Operation *user, Value value) {
  auto it = buffers.find(value);
  if (it == buffers.end())
    return user->emitError("GPU launch program: operand is not a buffer "
                           "the program knows (a view with an offset?)");
  return it->second;
}

/// The C expression of a binary arith op, or an empty string.
std::string binaryExpression(Operation *op, StringRef a, StringRef b) {
  auto infix = [&](StringRef symbol) {
    return ("(" + a + " " + symbol + " " + b + ")").str();
  };
  auto unsignedInfix = [&](StringRef symbol) {
    return ("(int64_t)((uint64_t)" + a + " " + symbol + " (uint64_t)" + b +
            ")")
        .str();
  };
  auto call = [&](StringRef function) {
    return (function + "(" + a + ", " + b + ")").str();
  };
  return llvm::TypeSwitch<Operation *, std::string>(op)
      .Case([&](arith::AddIOp) { return infix("+"); })
      .Case([&](arith::SubIOp) { return infix("-"); })
      .Case([&](arith::MulIOp) { return infix("*"); })
      .Case([&](arith::DivSIOp) { return infix("/"); })
      .Case([&](arith::RemSIOp) { return infix("%"); })
      .Case([&](arith::DivUIOp) { return unsignedInfix("/"); })
      .Case([&](arith::RemUIOp) { return unsignedInfix("%"); })
      .Case([&](arith::AndIOp) { return infix("&"); })
      .Case([&](arith::OrIOp) { return infix("|"); })
      .Case([&](arith::XOrIOp) { return infix("^"); })
      .Case([&](arith::CeilDivSIOp) { return call("rectify_ceildiv"); })
      .Case([&](arith::FloorDivSIOp) { return call("rectify_floordiv"); })
      .Case([&](arith::MinSIOp) { return call("rectify_min"); })
      .Case([&](arith::MaxSIOp) { return call("rectify_max"); })
      .Case([&](arith::CmpIOp cmp) {
        switch (cmp.getPredicate()) {
        case arith::CmpIPredicate::eq: return infix("==");
        case arith::CmpIPredicate::ne: return infix("!=");
        case arith::CmpIPredicate::slt: return infix("<");
        case arith::CmpIPredicate::sle: return infix("<=");
        case arith::CmpIPredicate::sgt: return infix(">");
        case arith::CmpIPredicate::sge: return infix(">=");
        case arith::CmpIPredicate::ult: return unsignedInfix("<");
        case arith::CmpIPredicate::ule: return unsignedInfix("<=");
        case arith::CmpIPredicate::ugt: return unsignedInfix(">");
        case arith::CmpIPredicate::uge: return unsignedInfix(">=");
        }
        return std::string();
      })
      .Default([](Operation *) { return std::string(); });
}

LogicalResult HostTranslator::translateArith(Operation *op) {
  if (op->getNumResults() != 1 || !op->getResult(0).getType().isIntOrIndex())
    return op->emitError("GPU launch program: only integer and index "
                         "arithmetic runs on the host");
  std::string name = fresh("v");
  std::string expression;
  if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
    auto value = dyn_cast<IntegerAttr>(constant.getValue());
    if (!value)
      return op->emitError("GPU launch program: unsupported constant");
    expression = std::to_string(value.getValue().getSExtValue()) + "LL";
  } else if (isa<arith::IndexCastOp, arith::IndexCastUIOp, arith::ExtSIOp>(
                 op)) {
    expression = scalar(op->getOperand(0));
  } else if (auto select = dyn_cast<arith::SelectOp>(op)) {
    expression = "(" + scalar(select.getCondition()) + " ? " +
                 scalar(select.getTrueValue()) + " : " +
                 scalar(select.getFalseValue()) + ")";
  } else if (op->getNumOperands() == 2) {
    expression =
        binaryExpression(op, scalar(op->getOperand(0)), scalar(op->getOperand(1)));
  }
  if (expression.empty())
    return op->emitError("GPU launch program: unsupported host operation");
  os << "  int64_t " << name << " = " << expression << ";\n";
  scalars[op->getResult(0)] = name;
  return success();
}

/// The bytes of a constant payload, row-major.
FailureOr<StringRef> payloadBytes(memref::GlobalOp global) {
  auto initial = dyn_cast_or_null<ElementsAttr>(global.getInitialValueAttr());
  if (!initial)
    return global.emitError("weight has no constant initial value");
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(initial)) {
    const AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return global.emitError("weight blob is not loaded");
    ArrayRef<char> data = blob->getData();
    return StringRef(data.data(), data.size());
  }
  auto dense = dyn_cast<DenseElementsAttr>(initial);
  if (!dense || dense.isSplat() ||
      dense.getElementType().getIntOrFloatBitWidth() % 8 != 0)
    return StringRef();
  ArrayRef<char> data = dense.getRawData();
  return StringRef(data.data(), data.size());
}

LogicalResult HostTranslator::translateWeight(memref::GetGlobalOp op,
                                              ModuleOp module) {
  auto global = module.lookupSymbol<memref::GlobalOp>(op.getNameAttr());
  if (!global || !global.getConstant())
    return op.emitError("GPU launch program: '")
           << op.getName() << "' is not a constant weight";
  auto [it, inserted] = weightIndex.try_emplace(op.getName(), weightList.size());
  if (inserted) {
    FailureOr<StringRef> bytes = payloadBytes(global);
    if (failed(bytes))
      return failure();
    std::string splat;
    auto type = global.getType();
    int64_t size = type.getNumElements() * (type.getElementTypeBitWidth() / 8);
    if (bytes->empty()) {
      // A splat: repeat the one element.
      auto dense = dyn_cast<DenseElementsAttr>(*global.getInitialValue());
      if (!dense || !dense.isSplat() ||
          dense.getElementType().getIntOrFloatBitWidth() % 8 != 0)
        return global.emitError("unsupported weight payload");
      ArrayRef<char> element = dense.getRawData();
      for (int64_t i = 0; i < type.getNumElements(); ++i)
        splat.append(element.data(), element.size());
      bytes = StringRef(splat);
    }
    if (static_cast<int64_t>(bytes->size()) != size)
      return global.emitError("weight payload has ")
             << bytes->size() << " bytes, expected " << size;
    weights.resize(llvm::alignTo(weights.size(), 64));
    weightList.push_back({weights.size(), bytes->size()});
    weights += *bytes;
  }
  std::string name = fresh("b");
  os << "  " << api << "_buffer *" << name << " = " << api << "_weight(&run, "
     << it->second << ");\n";
  buffers[op.getResult()] = shaped(op.getType(), name, {});
  return success();
}

LogicalResult HostTranslator::translateLaunch(gpu::LaunchFuncOp launch) {
  if (!launch.getAsyncDependencies().empty() || launch.getAsyncToken() ||
      launch.getDynamicSharedMemorySize() || launch.hasClusterSize())
    return launch.emitError("GPU launch program: only synchronous "
                            "launches without dynamic shared memory or "
                            "clusters are supported");
  StringAttr kernel = launch.getKernelName();
  auto [it, inserted] =
      kernels.try_emplace(kernel, launch.getNumKernelOperands());
  if (!inserted && it->second != launch.getNumKernelOperands())
    return launch.emitError("kernel launched with different argument counts");
  unsigned index = std::distance(kernels.begin(), it);
  std::string args = fresh("a");
  os << "  {\n    const " << api << "_arg " << args << "[] = {";
  for (Value operand : launch.getKernelOperands()) {
    Type type = operand.getType();
    if (auto memref = dyn_cast<MemRefType>(type)) {
      FailureOr<Buffer> buffer = bufferOf(launch, operand);
      if (failed(buffer))
        return failure();
      if (!cuda) {
        os << "{RECTIFY_VK_ARG_BUFFER, " << buffer->name << ", 0, 0.0f}, ";
        ++numBindings;
        continue;
      }
      // CUDA kernels take the memref descriptor: the runtime needs the
      // extents to fill in sizes and strides.
      if (!memref.getLayout().isIdentity() || buffer->shape.size() > 8)
        return launch.emitError("GPU launch program: CUDA kernel arguments "
                                "must be row-major buffers of rank <= 8");
      os << "{RECTIFY_CU_ARG_BUFFER, " << buffer->name << ", 0, "
         << buffer->shape.size() << ", {";
      llvm::interleaveComma(buffer->shape, os);
      os << "}}, ";
      continue;
    }
    if (!type.isIndex() && !type.isInteger(32) && !type.isInteger(64))
      return launch.emitError("GPU launch program: kernel argument of "
                              "type ")
             << type << " is not supported";
    if (cuda) {
      if (!type.isIndex())
        return launch.emitError("GPU launch program: CUDA kernels take "
                                "index scalars only");
      os << "{RECTIFY_CU_ARG_INDEX, NULL, " << scalar(operand) << ", 0, {0}}, ";
      continue;
    }
    // Index arguments are 32-bit in the SPIR-V kernels.
    os << "{RECTIFY_VK_ARG_I32, NULL, (int32_t)" << scalar(operand)
       << ", 0.0f}, ";
    ++numBindings;
    ++numScalars;
  }
  if (launch.getNumKernelOperands() == 0)
    os << (cuda ? "{RECTIFY_CU_ARG_INDEX, NULL, 0, 0, {0}}"
                : "{RECTIFY_VK_ARG_BUFFER, NULL, 0, 0.0f}");
  gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
  os << "};\n    " << api << "_dispatch(&run, &rectify_program, " << index
     << ", " << scalar(grid.x) << ", " << scalar(grid.y) << ", "
     << scalar(grid.z);
  if (cuda) {
    // Vulkan kernels carry their workgroup size; CUDA launches give it.
    gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
    os << ", " << scalar(block.x) << ", " << scalar(block.y) << ", "
       << scalar(block.z);
  }
  os << ", " << args << ");\n  }\n";
  ++numDispatches;
  return success();
}

LogicalResult HostTranslator::translate(func::FuncOp func, ModuleOp module) {
  if (!func.getBody().hasOneBlock())
    return func.emitError("GPU launch program: the host function must be "
                          "one block");
  size_t numInputs = signature.inputs.size();
  for (BlockArgument arg : func.getArguments()) {
    auto type = dyn_cast<MemRefType>(arg.getType());
    if (!type)
      return func.emitError("GPU launch program: argument is not a memref");
    unsigned i = arg.getArgNumber();
    bool isInput = i < numInputs;
    std::string tensor = (isInput ? "inputs[" : "outputs[") +
                         std::to_string(isInput ? i : i - numInputs) + "]";
    Buffer buffer{fresh("b"), {}, type.getElementTypeBitWidth() / 8};
    for (int64_t d = 0; d < type.getRank(); ++d)
      buffer.shape.push_back(tensor + ".shape[" + std::to_string(d) + "]");
    if (isInput)
      os << "  " << api << "_buffer *" << buffer.name << " = " << api << "_input(&run, "
         << tensor << ".data, " << bytesOf(buffer) << ");\n";
    else
      os << "  " << api << "_buffer *" << buffer.name << " = " << api << "_temp(&run, "
         << bytesOf(buffer) << ");\n";
    buffers[arg] = buffer;
    if (!isInput)
      outputs.push_back(buffer);
  }

  for (Operation &op : func.getBody().front()) {
    LogicalResult result =
        llvm::TypeSwitch<Operation *, LogicalResult>(&op)
            .Case([&](memref::GetGlobalOp get) {
              return translateWeight(get, module);
            })
            .Case([&](memref::AllocOp alloc) {
              Buffer buffer =
                  shaped(alloc.getType(), fresh("b"), alloc.getDynamicSizes());
              os << "  " << api << "_buffer *" << buffer.name << " = "
                 << api << "_temp(&run, " << bytesOf(buffer) << ");\n";
              buffers[alloc.getResult()] = buffer;
              return success();
            })
            .Case([&](memref::DeallocOp) { return success(); })
            .Case([&](memref::DimOp dim) -> LogicalResult {
              FailureOr<Buffer> buffer = bufferOf(dim, dim.getSource());
              std::optional<int64_t> index = dim.getConstantIndex();
              if (failed(buffer) || !index)
                return dim.emitError("GPU launch program: unsupported dim");
              scalars[dim.getResult()] = buffer->shape[*index];
              return success();
            })
            .Case([&](memref::CopyOp copy) -> LogicalResult {
              FailureOr<Buffer> source = bufferOf(copy, copy.getSource());
              FailureOr<Buffer> target = bufferOf(copy, copy.getTarget());
              if (failed(source) || failed(target))
                return failure();
              os << "  " << api << "_copy(&run, " << source->name << ", "
                 << target->name << ", " << bytesOf(*source) << ");\n";
              return success();
            })
            .Case([&](memref::CollapseShapeOp collapse) -> LogicalResult {
              FailureOr<Buffer> source = bufferOf(collapse, collapse.getSrc());
              if (failed(source))
                return failure();
              Buffer view{source->name, {}, source->elementBytes};
              for (const ReassociationIndices &group :
                   collapse.getReassociationIndices()) {
                std::string extent = "1";
                for (int64_t d : group)
                  extent += " * " + source->shape[d];
                view.shape.push_back("(" + extent + ")");
              }
              buffers[collapse.getResult()] = view;
              return success();
            })
            .Case([&](memref::ExpandShapeOp expand) -> LogicalResult {
              FailureOr<Buffer> source = bufferOf(expand, expand.getSrc());
              if (failed(source))
                return failure();
              Buffer view{source->name, {}, source->elementBytes};
              for (OpFoldResult extent : expand.getMixedOutputShape()) {
                if (auto value = dyn_cast<Value>(extent))
                  view.shape.push_back(scalar(value));
                else
                  view.shape.push_back(std::to_string(
                      cast<IntegerAttr>(cast<Attribute>(extent)).getInt()));
              }
              buffers[expand.getResult()] = view;
              return success();
            })
            .Case([&](memref::CastOp cast) -> LogicalResult {
              FailureOr<Buffer> source = bufferOf(cast, cast.getSource());
              if (failed(source))
                return failure();
              buffers[cast.getResult()] = *source;
              return success();
            })
            .Case([&](gpu::LaunchFuncOp launch) {
              return translateLaunch(launch);
            })
            .Case([&](func::ReturnOp) { return success(); })
            .Default([&](Operation *other) { return translateArith(other); });
    if (failed(result))
      return failure();
  }

  os << "  status = " << api << "_submit(&run, error, error_size);\n"
     << "  if (status == RECTIFY_OK) {\n";
  for (auto [i, buffer] : llvm::enumerate(outputs))
    os << "    " << api << "_read(&run, " << buffer.name << ", outputs[" << i
       << "].data, " << bytesOf(buffer) << ");\n";
  os << "  }\n";
  return success();
}

} // namespace

namespace {

/// What differs between the Vulkan and CUDA libraries.
struct DeviceParts {
  bool cuda;
  /// The device code, before the kernel and weight tables.
  std::function<void(llvm::raw_ostream &)> code;
  /// The `rectify_program` initializer's fields after the device code's:
  /// given the weight data symbol (or NULL) and the translator.
  std::function<void(llvm::raw_ostream &, StringRef, const HostTranslator &)>
      programInfo;
  /// The launch function's statements from the run's start to its end,
  /// around the translated host function `program`.
  std::function<void(llvm::raw_ostream &, const HostTranslator &, StringRef)>
      launch;
};

FailureOr<rectify::gpu::GPUModelSource>
emitLibrary(ModuleOp module, const rectify::cpu::ModelSignature &signature,
            StringRef weightsPath, const DeviceParts &parts) {
  auto func = module.lookupSymbol<func::FuncOp>(signature.entrySymbol);
  if (!func)
    return module.emitError("no host function @") << signature.entrySymbol;
  std::string program;
  llvm::raw_string_ostream programOs(program);
  HostTranslator translator(signature, programOs, parts.cuda);
  if (failed(translator.translate(func, module)))
    return failure();

  rectify::gpu::GPUModelSource result;
  StringRef target = parts.cuda ? "cuda" : "vulkan";
  StringRef api = parts.cuda ? "rectify_cu" : "rectify_vk";
  llvm::raw_string_ostream os(result.source);
  const std::string &model = signature.modelName;
  os << "/* " << (parts.cuda ? "CUDA" : "Vulkan") << " entry points of model '"
     << model << "', generated by rectify-compile --target=" << target
     << ". */\n"
     << "#define _GNU_SOURCE\n"
     << kModelABIHeader << "\n"
     << kModelEntrySource << "\n"
     << (parts.cuda ? kCUDARuntimeSource : kVulkanRuntimeSource) << "\n"
     << kLaunchHelpers << "\n";
  parts.code(os);

  os << "static const " << api << "_kernel_info rectify_kernels[] = {\n";
  for (auto [name, numArgs] : translator.kernels)
    os << "  {\"" << name.getValue() << "\", " << numArgs << "},\n";
  if (translator.kernels.empty())
    os << "  {0, 0},\n";
  os << "};\n\n";

  if (!translator.weightList.empty()) {
    // The weights stay out of the C source: the assembler includes the file.
    std::string path;
    for (char c : weightsPath) {
      if (c == '"' || c == '\\')
        path += '\\';
      path += c;
    }
    os << "__asm__(\".pushsection .rodata\\n.balign 64\\n"
       << "rectify_weight_data:\\n.incbin \\\"" << path
       << "\\\"\\n.popsection\\n\");\n"
       << "extern const unsigned char rectify_weight_data[] "
          "__attribute__((visibility(\"hidden\")));\n";
  }
  os << "static const " << api << "_weight_info rectify_weight_list[] = {\n";
  for (auto [offset, size] : translator.weightList)
    os << "  {" << offset << ", " << size << "},\n";
  if (translator.weightList.empty())
    os << "  {0, 0},\n";
  os << "};\n\n";
  os << "static const " << api << "_program_info rectify_program = {\n  ";
  parts.programInfo(
      os, translator.weightList.empty() ? "NULL" : "rectify_weight_data",
      translator);
  os << "};\n\n";

  rectify::cpu::emitModelInfo(os, signature);

  os << "/* The launch program: the host function of the GPU pipeline. */\n"
     << "static int rectify_launch(const rectify_tensor *inputs,\n"
     << "                          rectify_tensor *outputs, char *error,\n"
     << "                          size_t error_size) {\n"
     << "  " << api << "_device *device;\n"
     << "  int status = " << api << "_open(&device, error, error_size);\n"
     << "  if (status != RECTIFY_OK)\n    return status;\n"
     << "  " << api << "_run run;\n";
  parts.launch(os, translator, program);
  os << "}\n\n";

  rectify::cpu::emitRunPrologue(os, model);
  os << "  return rectify_launch(inputs, outputs, error, error_size);\n}\n\n";
  rectify::cpu::emitGenericEntryPoints(os, model);
  os << "/* The device the library runs on (CPU libraries lack it). */\n"
     << "__attribute__((weak)) const char *rectify_model_device(void) { "
        "return \""
     << target << "\"; }\n";
  result.weights = std::move(translator.weights);
  return result;
}

} // namespace

FailureOr<rectify::gpu::GPUModelSource>
rectify::gpu::emitVulkanModel(ModuleOp module,
                              const cpu::ModelSignature &signature,
                              ArrayRef<uint32_t> spirv, StringRef weightsPath) {
  DeviceParts parts;
  parts.cuda = false;
  parts.code = [&](llvm::raw_ostream &os) {
    os << "static const uint32_t rectify_spirv[] = {";
    for (auto [i, word] : llvm::enumerate(spirv))
      os << (i % 8 ? " " : "\n  ") << llvm::format_hex(word, 10) << ",";
    os << "\n};\n\n";
  };
  parts.programInfo = [&](llvm::raw_ostream &os, StringRef weightData,
                          const HostTranslator &t) {
    os << "rectify_spirv, " << spirv.size() << ", rectify_kernels, "
       << t.kernels.size() << ",\n  " << weightData
       << ", rectify_weight_list, " << t.weightList.size() << "\n";
  };
  parts.launch = [](llvm::raw_ostream &os, const HostTranslator &t,
                    StringRef program) {
    os << "  rectify_vk_begin(&run, device, " << t.numDispatches << ", "
       << t.numBindings << ", " << t.numScalars << ");\n"
       << program << "  rectify_vk_end(&run);\n  return status;\n";
  };
  return emitLibrary(module, signature, weightsPath, parts);
}

FailureOr<rectify::gpu::GPUModelSource>
rectify::gpu::emitCUDAModel(ModuleOp module,
                            const cpu::ModelSignature &signature,
                            const CUDAImage &image, StringRef weightsPath) {
  DeviceParts parts;
  parts.cuda = true;
  parts.code = [&](llvm::raw_ostream &os) {
    auto bytes = [&](StringRef name, StringRef data, bool nul) {
      os << "static const unsigned char " << name
         << "[] __attribute__((aligned(8))) = {";
      for (auto [i, byte] : llvm::enumerate(data))
        os << (i % 16 ? " " : "\n  ")
           << llvm::format_hex(static_cast<unsigned char>(byte), 4) << ",";
      // PTX is text the driver reads up to a NUL.
      os << (nul || data.empty() ? " 0x00," : "") << "\n};\n\n";
    };
    bytes("rectify_cubin", image.cubin, false);
    bytes("rectify_ptx", image.ptx, true);
  };
  parts.programInfo = [&](llvm::raw_ostream &os, StringRef weightData,
                          const HostTranslator &t) {
    os << "rectify_cubin, " << image.cubin.size() << ", rectify_ptx, \""
       << image.arch << "\", rectify_kernels, " << t.kernels.size() << ",\n  "
       << weightData << ", rectify_weight_list, " << t.weightList.size()
       << "\n";
  };
  parts.launch = [](llvm::raw_ostream &os, const HostTranslator &,
                    StringRef program) {
    os << "  rectify_cu_begin(&run, device);\n"
       << program
       << "  return rectify_cu_end(&run, status, error, error_size);\n";
  };
  return emitLibrary(module, signature, weightsPath, parts);
}
