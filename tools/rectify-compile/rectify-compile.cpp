//===- rectify-compile.cpp - ONNX model to native code --------------------===//
//
//   rectify-compile model.onnx -o libmodel.so [--emit=lib|obj|llvm|mlir|spirv|ptx]
//                   [--target=cpu|vulkan|cuda] [--gpu-arch=sm_80]
//                   [--gpu-mma=tf32x3|tf32|none]
//                   [--input-shape NAME=1x784 ...] [--mcpu=CPU] [--mattr=+f,-g]
//                   [--no-winograd]
//
// All logic lives in lib/Driver; this file only maps flags to CompileOptions.
//
//===----------------------------------------------------------------------===//

#include "rectify/Driver/Compile.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

static cl::OptionCategory category("rectify-compile options");
static cl::opt<std::string> inputPath(cl::Positional, cl::Required,
                                      cl::desc("<model.onnx>"),
                                      cl::cat(category));
static cl::opt<std::string> outputPath(
    "o", cl::Required,
    cl::desc("Output file (\"-\": standard output, for --emit=mlir, llvm, "
             "spirv and ptx)"),
    cl::value_desc("path"), cl::cat(category));
static cl::opt<rectify::EmitKind> emit(
    "emit", cl::desc("What to write"),
    cl::values(clEnumValN(rectify::EmitKind::SharedLibrary, "lib",
                          "Shared library + C header (default)"),
               clEnumValN(rectify::EmitKind::Object, "obj",
                          "Relocatable object with the C entry points"),
               clEnumValN(rectify::EmitKind::LLVM, "llvm",
                          "Optimized LLVM IR of the model code"),
               clEnumValN(rectify::EmitKind::MLIR, "mlir",
                          "rect dialect IR after the graph passes"),
               clEnumValN(rectify::EmitKind::SPIRV, "spirv",
                          "SPIR-V binary of the kernels (--target=vulkan)"),
               clEnumValN(rectify::EmitKind::PTX, "ptx",
                          "PTX of the kernels (--target=cuda)")),
    cl::init(rectify::EmitKind::SharedLibrary), cl::cat(category));
static cl::opt<rectify::Target> target(
    "target", cl::desc("What the model runs on"),
    cl::values(clEnumValN(rectify::Target::CPU, "cpu", "The host CPU (default)"),
               clEnumValN(rectify::Target::Vulkan, "vulkan",
                          "Any Vulkan 1.1 device (SPIR-V kernels)"),
               clEnumValN(rectify::Target::CUDA, "cuda",
                          "NVIDIA GPUs (PTX kernels, CUDA driver)")),
    cl::init(rectify::Target::CPU), cl::cat(category));
static cl::opt<std::string>
    gpuArch("gpu-arch", cl::desc("CUDA architecture of the PTX (sm_XX)"),
            cl::init("sm_80"), cl::cat(category));
static cl::opt<std::string> gpuMMA(
    "gpu-mma",
    cl::desc("CUDA linear/conv kernels on tensor cores: tf32x3 (default; "
             "three tf32 products, about fp32 accuracy), tf32 (one product, "
             "10-bit mantissas) or none (fp32 FMA)"),
    cl::init("tf32x3"), cl::cat(category));
static cl::list<std::string>
    inputShapes("input-shape", cl::desc("Fix an input's shape: NAME=1x784"),
                cl::value_desc("NAME=DxD..."), cl::cat(category));
static cl::opt<std::string> mcpu("mcpu",
                                 cl::desc("Target CPU (default: the host)"),
                                 cl::cat(category));
static cl::opt<std::string>
    mattr("mattr", cl::desc("Target features, e.g. +avx2,-avx512f"),
          cl::cat(category));
static cl::opt<bool> noWinograd(
    "no-winograd",
    cl::desc("Compute 3x3 convolutions directly instead of by Winograd's "
             "F(4, 3) along the rows (CPU)"),
    cl::cat(category));
static cl::opt<bool> noOptimize("no-optimize",
                                cl::desc("Skip the graph-level passes"),
                                cl::cat(category));
static cl::list<std::string> inputRanges(
    "input-range",
    cl::desc("Declare an input's range: NAME=LO:HI, or one LO:HI per index "
             "of dimension 1 (NAME=LO:HI,LO:HI,...); proves dead ReLUs"),
    cl::value_desc("NAME=LO:HI[,LO:HI...]"), cl::cat(category));
static cl::opt<std::string> pruneReport(
    "prune-report",
    cl::desc("Write the JSON pruning report (per layer neurons, parameters, "
             "FLOPs before/after)"),
    cl::value_desc("path"), cl::cat(category));
static cl::opt<std::string> calibrate(
    "calibrate",
    cl::desc("Run the model on these samples (.npy, first dimension: the "
             "samples) and report per-neuron activation statistics"),
    cl::value_desc("data.npy"), cl::cat(category));
static cl::opt<bool> pruneInactive(
    "prune-inactive",
    cl::desc("With --calibrate: remove the neurons that never fired on the "
             "samples (not a proof; reported as removed_calibrated)"),
    cl::cat(category));
static cl::opt<std::string> holdout(
    "holdout",
    cl::desc("With --calibrate: report the output drift of pruning on these "
             "held-out samples (.npy)"),
    cl::value_desc("x.npy"), cl::cat(category));
static cl::opt<std::string> holdoutLabels(
    "holdout-labels",
    cl::desc("With --holdout: integer labels (.npy) for top-1 accuracy "
             "before/after pruning"),
    cl::value_desc("labels.npy"), cl::cat(category));
static cl::opt<std::string>
    modelName("model-name",
              cl::desc("C name of the model (default: from the output file)"),
              cl::cat(category));

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // libLLVM registers a hidden option named "threads"; ours takes the name.
  rectify::claimOptionName("threads");
  cl::opt<int64_t> threads(
      "threads",
      cl::desc("1: single-threaded, no OpenMP (default); N > 1: OpenMP with "
               "N threads; 0: OpenMP, threads from OMP_NUM_THREADS at run "
               "time"),
      cl::init(1), cl::cat(category));
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "Rectify: compile an ONNX model ahead of time\n");

  rectify::CompileOptions options;
  options.emit = emit;
  options.mcpu = mcpu;
  options.mattr = mattr;
  options.optimize = !noOptimize;
  options.winograd = !noWinograd;
  options.threads = threads;
  options.modelName = modelName;
  options.target = target;
  options.gpuArch = gpuArch;
  options.gpuMMA = gpuMMA;
  options.inputRanges.assign(inputRanges.begin(), inputRanges.end());
  options.pruneReportPath = pruneReport;
  options.calibration.samplesPath = calibrate;
  options.calibration.pruneInactive = pruneInactive;
  options.calibration.holdoutPath = holdout;
  options.calibration.holdoutLabelsPath = holdoutLabels;
  // With -o -, standard output carries the emitted text alone.
  options.calibration.summary = outputPath == "-" ? &errs() : &outs();
  for (const std::string &flag : inputShapes) {
    if (Error error = rectify::parseInputShapeFlag(flag, options.import)) {
      WithColor::error(errs(), "rectify-compile")
          << "--input-shape " << flag << ": " << toString(std::move(error))
          << "\n";
      return 1;
    }
  }

  mlir::DialectRegistry registry;
  rectify::registerCompilerDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  if (Error error =
          rectify::compileONNXFile(context, inputPath, outputPath, options)) {
    WithColor::error(errs(), "rectify-compile")
        << toString(std::move(error)) << "\n";
    return 1;
  }
  return 0;
}
