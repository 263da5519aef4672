//===- Compile.cpp - ONNX file to compiled model ---------------------------===//
//
// The compiler behind rectify-compile and rectify-run: import, graph passes,
// lowering to linalg, CPU code generation, LLVM, and the C ABI around the
// generated code, linked into a shared library with clang.
//
//===----------------------------------------------------------------------===//

#include "rectify/Driver/Compile.h"

#include "rectify/Analysis/ValueRange.h"

#include "rectify/Conversion/Passes.h"
#include "rectify/Dialect/Rect/IR/RectDialect.h"
#include "rectify/Dialect/Rect/Transforms/NeuronPruning.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"
#include "rectify/Target/CPU/ModelABIEmitter.h"
#include "rectify/Target/CPU/ObjectEmitter.h"
#include "rectify/Target/CPU/Passes.h"
#include "rectify/Target/GPU/DeviceCode.h"
#include "rectify/Target/GPU/Passes.h"
#include "rectify/Target/GPU/GPUModelEmitter.h"

#include "mlir/IR/SymbolTable.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

using namespace mlir;
using namespace rectify;

void rectify::claimOptionName(StringRef name) {
  auto &options = llvm::cl::getRegisteredOptions();
  auto it = options.find(name);
  if (it == options.end())
    return;
  llvm::cl::Option *option = it->second;
  static llvm::SmallVector<std::string> renamed;
  renamed.push_back(("library-" + name).str());
  option->setArgStr(renamed.back());
}

void rectify::registerCompilerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<rect::RectDialect>();
  rectify::gpu::registerGPUTranslations(registry);
}

namespace {

/// Registers every pass once, so textual pipelines can name them.
void registerPassesOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerAllPasses();
    registerConversionPasses();
    registerRectTransformPasses();
    cpu::registerCPUCodegenPasses();
    rectify::gpu::registerGPUCodegenPasses();
  });
}

llvm::Error makeError(const Twine &message) {
  return llvm::createStringError(message.str());
}

/// Writes `text` to `path` atomically: a temporary file next to it, renamed.
llvm::Error writeFileAtomically(StringRef path,
                                llvm::function_ref<llvm::Error(StringRef)> write) {
  SmallString<256> temporary;
  int fd;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(
          path + ".tmp-%%%%%%", fd, temporary))
    return makeError("cannot create a file next to '" + path + "': " +
                   ec.message());
  llvm::sys::Process::SafelyCloseFileDescriptor(fd);
  if (llvm::Error error = write(temporary)) {
    llvm::sys::fs::remove(temporary);
    return error;
  }
  if (std::error_code ec = llvm::sys::fs::rename(temporary, path)) {
    llvm::sys::fs::remove(temporary);
    return makeError("cannot write '" + path + "': " + ec.message());
  }
  return llvm::Error::success();
}

/// Writes `text` to `path` atomically, or to standard output for "-".
llvm::Error writeText(StringRef path, StringRef text) {
  if (path == "-") {
    llvm::outs() << text;
    llvm::outs().flush();
    return llvm::Error::success();
  }
  return writeFileAtomically(path, [&](StringRef temporary) -> llvm::Error {
    std::error_code ec;
    llvm::raw_fd_ostream os(temporary, ec);
    if (ec)
      return makeError("cannot open '" + temporary + "': " + ec.message());
    os << text;
    os.close();
    if (os.has_error())
      return makeError("cannot write '" + temporary + "'");
    return llvm::Error::success();
  });
}

/// The C compiler that builds the entry points and links the library.
llvm::Expected<std::string> findCCompiler() {
  if (const char *fromEnv = std::getenv("RECTIFY_CC"))
    return std::string(fromEnv);
  for (StringRef name : {"clang-22", "/usr/lib/llvm-22/bin/clang", "cc"})
    if (llvm::ErrorOr<std::string> path = llvm::sys::findProgramByName(name))
      return *path;
  return makeError("no C compiler found (clang-22, cc); set RECTIFY_CC");
}

/// Runs the C compiler with `args`; its diagnostics become the error.
llvm::Error runCCompiler(ArrayRef<std::string> args, StringRef workDir) {
  llvm::Expected<std::string> compiler = findCCompiler();
  if (!compiler)
    return compiler.takeError();
  SmallVector<StringRef> argv = {*compiler};
  for (const std::string &arg : args)
    argv.push_back(arg);
  SmallString<256> log(workDir);
  llvm::sys::path::append(log, "cc.log");
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(log),
                                          StringRef(log)};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(*compiler, argv, std::nullopt,
                                         redirects, 0, 0, &message);
  if (status == 0)
    return llvm::Error::success();
  auto output = llvm::MemoryBuffer::getFile(log);
  return makeError("'" + *compiler + "' failed" +
                 (message.empty() ? "" : ": " + message) + "\n" +
                 (output ? (*output)->getBuffer() : ""));
}

std::string defaultModelName(StringRef outputPath) {
  StringRef stem =
      outputPath == "-" ? StringRef() : llvm::sys::path::stem(outputPath);
  stem.consume_front("lib");
  return cpu::sanitizeIdentifier(stem.empty() ? "model" : stem);
}

/// Runs the graph passes (and nothing else) on an imported module.
LogicalResult runGraphPasses(ModuleOp module, const CompileOptions &options) {
  SmallVector<InputRange> ranges;
  for (const std::string &text : options.inputRanges) {
    llvm::Expected<InputRange> range = parseInputRange(text);
    if (!range)
      return module.emitError()
             << "--input-range " << text << ": " << toString(range.takeError());
    ranges.push_back(std::move(*range));
  }
  if (!ranges.empty())
    setInputRanges(module, ranges);
  // The report's "before" is the fused model (biases folded in, layers
  // formed), so it differs from "after" only by what pruning removed.
  PassManager fusion(module.getContext());
  if (options.optimize)
    buildRectFusionPipeline(fusion);
  if (failed(fusion.run(module)))
    return failure();
  PruningReport report;
  report.before = getLayerSizes(module);
  PassManager pm(module.getContext());
  if (options.optimize)
    buildRectPruningPipeline(pm);
  if (failed(pm.run(module)))
    return failure();
  if (failed(runCalibration(module, options.calibration, report)))
    return failure();
  if (options.pruneReportPath.empty())
    return success();
  // Layers keep their order.
  report.after = getLayerSizes(module);
  for (size_t i = 0; i < report.before.size() && i < report.after.size(); ++i)
    if (report.after[i].neurons < report.before[i].neurons)
      report.proven[i] = report.before[i].neurons - report.after[i].neurons -
                         report.calibrated[i];
  std::string error;
  if (failed(report.write(options.pruneReportPath, error)))
    return module.emitError() << error;
  return success();
}

LogicalResult runLowering(ModuleOp module, const CompileOptions &options,
                          llvm::TargetMachine &machine) {
  PassManager pm(module.getContext());
  if (failed(parsePassPipeline(options.winograd
                                   ? "convert-rect-to-linalg"
                                   : "convert-rect-to-linalg{winograd=false}",
                               pm)))
    return failure();
  cpu::CodegenOptions codegen;
  codegen.threads = options.threads;
  // Register tiles follow the vector width the code is generated for.
  codegen.vectorBits =
      machine.getMCSubtargetInfo()->checkFeatures("+avx512f") ? 512 : 256;
  cpu::buildCodegenPipeline(pm, codegen);
  return pm.run(module);
}

/// A fresh temporary directory for the files the C compiler reads.
llvm::Error createWorkDirectory(SmallString<256> &workDir) {
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("rectify", workDir))
    return makeError("cannot create a temporary directory: " + ec.message());
  return llvm::Error::success();
}

LogicalResult runGPULowering(ModuleOp module, const CompileOptions &options) {
  PassManager pm(module.getContext());
  if (failed(parsePassPipeline("convert-rect-to-linalg{named-window-ops=true "
                               "concat-by-insertion=false}",
                               pm)))
    return failure();
  rectify::gpu::KernelOptions kernels;
  if (options.target == Target::CUDA)
    kernels.mma = options.gpuMMA;
  rectify::gpu::buildKernelPipeline(pm, kernels);
  if (options.target == Target::Vulkan) {
    rectify::gpu::buildVulkanPipeline(pm);
  } else {
    rectify::gpu::CUDAOptions cuda;
    cuda.chip = options.gpuArch;
    rectify::gpu::buildCUDAPipeline(pm, cuda);
  }
  return pm.run(module);
}

/// ptxas of a CUDA toolkit, if one is found: $RECTIFY_PTXAS (a program, or
/// "none" to embed PTX only), else ptxas on PATH, in $CUDA_HOME/bin or in
/// /usr/local/cuda/bin.
std::optional<std::string> findPTXAS() {
  if (const char *fromEnv = std::getenv("RECTIFY_PTXAS")) {
    if (StringRef(fromEnv) == "none" || !*fromEnv)
      return std::nullopt;
    if (llvm::ErrorOr<std::string> path = llvm::sys::findProgramByName(fromEnv))
      return *path;
    return std::string(fromEnv);
  }
  if (llvm::ErrorOr<std::string> path = llvm::sys::findProgramByName("ptxas"))
    return *path;
  SmallVector<std::string> candidates;
  if (const char *home = std::getenv("CUDA_HOME"))
    candidates.push_back(std::string(home) + "/bin/ptxas");
  candidates.push_back("/usr/local/cuda/bin/ptxas");
  for (const std::string &candidate : candidates)
    if (llvm::sys::fs::can_execute(candidate))
      return candidate;
  return std::nullopt;
}

/// Assembles `ptx` for `arch` with `ptxas`; its diagnostics become the error.
llvm::Expected<std::string> assemblePTX(StringRef ptxas, StringRef ptx,
                                        StringRef arch, StringRef workDir) {
  SmallString<256> input(workDir), output(workDir), log(workDir);
  llvm::sys::path::append(input, "kernels.ptx");
  llvm::sys::path::append(output, "kernels.cubin");
  llvm::sys::path::append(log, "ptxas.log");
  if (llvm::Error error = writeText(input, ptx))
    return std::move(error);
  std::string archFlag = ("-arch=" + arch).str();
  SmallVector<StringRef> argv = {ptxas, archFlag, "-o", output, input};
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(log),
                                          StringRef(log)};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(ptxas, argv, std::nullopt, redirects,
                                         0, 0, &message);
  if (status != 0) {
    auto text = llvm::MemoryBuffer::getFile(log);
    return makeError("'" + ptxas + "' rejected the kernels' PTX" +
                     (message.empty() ? "" : ": " + message) + "\n" +
                     (text ? (*text)->getBuffer() : ""));
  }
  auto cubin = llvm::MemoryBuffer::getFile(output, /*IsText=*/false);
  if (!cubin)
    return makeError("ptxas wrote no cubin: " + cubin.getError().message());
  return (*cubin)->getBuffer().str();
}

/// The GPU targets: kernels through the GPU pipeline, then the device code
/// alone (--emit=spirv|ptx) or a library with the same C entry points and
/// header as the CPU target: SPIR-V and the Vulkan runtime, or PTX (and a
/// cubin where ptxas is found) and the CUDA runtime.
llvm::Error compileForGPU(ModuleOp module, const cpu::ModelSignature &signature,
                          StringRef inputPath, StringRef outputPath,
                          const CompileOptions &options) {
  bool vulkan = options.target == Target::Vulkan;
  StringRef target = vulkan ? "vulkan" : "cuda";
  bool library = options.emit == EmitKind::SharedLibrary ||
                 options.emit == EmitKind::Object;
  bool supported = library || options.emit == (vulkan ? EmitKind::SPIRV
                                                      : EmitKind::PTX);
  if (!supported)
    return makeError("--target=" + target + " cannot emit this; use " +
                     (vulkan ? "--emit=lib, obj or spirv"
                             : "--emit=lib, obj or ptx"));
  if (!vulkan && !llvm::Regex("^sm_[0-9]+a?$").match(options.gpuArch))
    return makeError("--gpu-arch=" + options.gpuArch +
                     ": expected sm_XX (e.g. sm_80)");
  if (!vulkan && !llvm::is_contained({"none", "tf32", "tf32x3"}, options.gpuMMA))
    return makeError("--gpu-mma=" + options.gpuMMA +
                     ": expected none, tf32 or tf32x3");
  if (failed(runGPULowering(module, options)))
    return makeError("GPU code generation for '" + inputPath + "' failed");

  SmallString<256> workDir;
  if (llvm::Error error = createWorkDirectory(workDir))
    return error;
  llvm::scope_exit cleanup(
      [&] { llvm::sys::fs::remove_directories(workDir); });
  SmallString<256> entrySource(workDir), weights(workDir);
  llvm::sys::path::append(entrySource, "entry.c");
  llvm::sys::path::append(weights, "weights.bin");
  FailureOr<rectify::gpu::GPUModelSource> source;
  if (vulkan) {
    FailureOr<SmallVector<uint32_t>> spirv =
        rectify::gpu::serializeSPIRVKernels(module);
    if (failed(spirv))
      return makeError("cannot serialize the SPIR-V of '" + inputPath + "'");
    if (options.emit == EmitKind::SPIRV)
      return writeText(outputPath,
                       StringRef(reinterpret_cast<const char *>(spirv->data()),
                                 spirv->size() * sizeof(uint32_t)));
    source = rectify::gpu::emitVulkanModel(module, signature, *spirv, weights);
  } else {
    FailureOr<std::string> ptx = rectify::gpu::getPTXKernels(module);
    if (failed(ptx))
      return makeError("no PTX for '" + inputPath + "'");
    if (options.emit == EmitKind::PTX)
      return writeText(outputPath, *ptx);
    rectify::gpu::CUDAImage image;
    image.ptx = *ptx;
    image.arch = options.gpuArch;
    if (std::optional<std::string> ptxas = findPTXAS()) {
      llvm::Expected<std::string> cubin =
          assemblePTX(*ptxas, *ptx, options.gpuArch, workDir);
      if (!cubin)
        return cubin.takeError();
      image.cubin = std::move(*cubin);
    }
    source = rectify::gpu::emitCUDAModel(module, signature, image, weights);
  }
  if (failed(source))
    return makeError("cannot emit the " + target + " library of '" +
                     inputPath + "'");
  if (llvm::Error error = writeText(entrySource, source->source))
    return error;
  if (llvm::Error error = writeText(weights, source->weights))
    return error;
  bool object = options.emit == EmitKind::Object;
  if (llvm::Error error =
          writeFileAtomically(outputPath, [&](StringRef temporary) {
            std::vector<std::string> args = {"-O2", "-fPIC", "-std=gnu11", "-w"};
            if (object)
              args.insert(args.end(), {"-c", "-o", temporary.str(),
                                       entrySource.str().str()});
            else
              args.insert(args.end(),
                          {"-shared", "-o", temporary.str(),
                           entrySource.str().str(), "-ldl", "-lpthread"});
            return runCCompiler(args, workDir);
          }))
    return error;
  if (object)
    return llvm::Error::success();
  SmallString<256> headerPath(outputPath);
  llvm::sys::path::replace_extension(headerPath, "h");
  return writeText(headerPath, cpu::emitHeader(
                                   signature, llvm::sys::path::filename(inputPath)));
}

} // namespace

llvm::Error rectify::compileONNXFile(MLIRContext &context, StringRef inputPath,
                                     StringRef outputPath,
                                     const CompileOptions &options) {
  registerPassesOnce();
  // Text goes to standard output with "-o -", as with LLVM's tools; a
  // library or object comes with a header written next to it.
  if (outputPath == "-" && (options.emit == EmitKind::SharedLibrary ||
                            options.emit == EmitKind::Object))
    return makeError("-o -: a shared library or object cannot be written to "
                     "standard output; name a file, or use --emit=mlir, "
                     "llvm, spirv or ptx");
  FailureOr<OwningOpRef<ModuleOp>> imported =
      importONNXFile(context, inputPath, options.import);
  if (failed(imported))
    return makeError("cannot import '" + inputPath + "'");
  ModuleOp module = imported->get();
  if (failed(runGraphPasses(module, options)))
    return makeError("graph optimization of '" + inputPath + "' failed");

  if (options.emit == EmitKind::MLIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    module.print(os);
    return writeText(outputPath, text);
  }

  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main)
    return makeError("'" + inputPath + "' produced no @main function");
  std::string modelName = options.modelName.empty()
                              ? defaultModelName(outputPath)
                              : cpu::sanitizeIdentifier(options.modelName);
  FailureOr<cpu::ModelSignature> signature =
      cpu::getModelSignature(main, modelName);
  if (failed(signature))
    return makeError("unsupported model signature");
  // A model-specific symbol: several models may share one program.
  std::string entry = signature->modelName + "_forward";
  if (failed(SymbolTable::replaceAllSymbolUses(main, StringAttr::get(&context, entry), module)))
    return makeError("cannot rename the entry function");
  SymbolTable::setSymbolName(main, entry);
  signature->entrySymbol = entry;
  if (options.target != Target::CPU)
    return compileForGPU(module, *signature, inputPath, outputPath, options);
  if (options.emit == EmitKind::SPIRV || options.emit == EmitKind::PTX)
    return makeError("--emit=spirv needs --target=vulkan, --emit=ptx "
                     "--target=cuda");

  if (options.threads < 0)
    return makeError("--threads must be >= 0");
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      cpu::createTargetMachine({options.mcpu, options.mattr});
  if (!machine)
    return machine.takeError();
  if (failed(runLowering(module, options, **machine)) ||
      failed(cpu::bindAllocator(module, signature->modelName)))
    return makeError("code generation for '" + inputPath + "' failed");
  llvm::LLVMContext llvmContext;
  llvm::Expected<std::unique_ptr<llvm::Module>> llvmModule =
      cpu::translateAndOptimize(module, llvmContext, **machine);
  if (!llvmModule)
    return llvmModule.takeError();

  if (options.emit == EmitKind::LLVM) {
    std::string text;
    llvm::raw_string_ostream os(text);
    (*llvmModule)->print(os, nullptr);
    return writeText(outputPath, text);
  }

  // Object and library: the generated code plus its C entry points.
  SmallString<256> workDir;
  if (llvm::Error error = createWorkDirectory(workDir))
    return error;
  llvm::scope_exit cleanup(
      [&] { llvm::sys::fs::remove_directories(workDir); });
  SmallString<256> codeObject(workDir), entrySource(workDir);
  llvm::sys::path::append(codeObject, "model.o");
  llvm::sys::path::append(entrySource, "entry.c");
  if (llvm::Error error =
          cpu::writeObjectFile(**llvmModule, **machine, codeObject))
    return error;
  if (llvm::Error error =
          writeText(entrySource, cpu::emitEntrySource(*signature)))
    return error;

  std::vector<std::string> common = {"-O2", "-fPIC", "-std=c99", "-w"};
  if (options.threads != 1)
    common.push_back("-fopenmp");
  if (options.emit == EmitKind::Object) {
    return writeFileAtomically(outputPath, [&](StringRef temporary) {
      std::vector<std::string> args = common;
      args.insert(args.end(), {"-r", "-nostdlib", "-o", temporary.str(),
                               codeObject.str().str(), entrySource.str().str()});
      return runCCompiler(args, workDir);
    });
  }
  if (llvm::Error error = writeFileAtomically(outputPath, [&](StringRef temporary) {
        std::vector<std::string> args = common;
        args.insert(args.end(), {"-shared", "-o", temporary.str(),
                                 codeObject.str().str(),
                                 entrySource.str().str(), "-lm"});
        return runCCompiler(args, workDir);
      }))
    return error;
  SmallString<256> headerPath(outputPath);
  llvm::sys::path::replace_extension(headerPath, "h");
  return writeText(headerPath,
                   cpu::emitHeader(*signature, llvm::sys::path::filename(inputPath)));
}
