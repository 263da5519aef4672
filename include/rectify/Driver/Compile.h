//===- Compile.h - ONNX file to compiled model, as a library -----*- C++ -*-===//
//
// The whole compiler behind rectify-compile, callable from other tools (e.g.
// rectify-run compiles an .onnx model and loads it) and from Python.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_DRIVER_COMPILE_H
#define RECTIFY_DRIVER_COMPILE_H

#include "rectify/Calibration/Calibration.h"
#include "rectify/Import/ONNX/ONNXImporter.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace rectify {

enum class EmitKind { MLIR, LLVM, Object, SharedLibrary, SPIRV, PTX };

/// What the model runs on: the host CPU, any Vulkan device (SPIR-V kernels),
/// or an NVIDIA GPU (PTX kernels, run through the CUDA driver).
enum class Target { CPU, Vulkan, CUDA };

struct CompileOptions {
  ONNXImportOptions import;
  EmitKind emit = EmitKind::SharedLibrary;
  /// Target CPU and features; empty means the host's.
  std::string mcpu;
  std::string mattr;
  /// 1: single-threaded code without OpenMP (the default); N > 1: OpenMP
  /// with N threads; 0: OpenMP, thread count from OMP_NUM_THREADS (or all
  /// cores) at run time. Threaded libraries link Debian's libomp.
  int64_t threads = 1;
  /// Run the graph-level `--rect-optimize` pipeline (on by default).
  bool optimize = true;
  /// 3x3 unit-stride convolutions by Winograd's F(4, 3) along the rows on
  /// the CPU (on by default; off: the direct convolution, whose largest
  /// rounding error is about 4x smaller).
  bool winograd = true;
  /// Declared input ranges (`NAME=LO:HI[,LO:HI...]`, see
  /// rectify/Analysis/ValueRange.h) that seed the proof of dead ReLUs.
  std::vector<std::string> inputRanges;
  /// Where to write the JSON pruning report; empty: no report.
  std::string pruneReportPath;
  /// Calibration-guided pruning (--calibrate, --prune-inactive, --holdout,
  /// --holdout-labels), run after the graph passes.
  CalibrationOptions calibration;
  /// Symbol prefix of the model-specific entry point and header; empty means
  /// derived from the output file name.
  std::string modelName;
  Target target = Target::CPU;
  /// The CUDA architecture the PTX is generated for (sm_XX).
  std::string gpuArch = "sm_80";
  /// Tensor-core MMA of the CUDA linear/conv kernels: "tf32x3" (about fp32
  /// accuracy), "tf32" (10-bit operand mantissas) or "none" (fp32 FMA).
  std::string gpuMMA = "tf32x3";
};

/// Renames an option that a linked library (libLLVM, libMLIR) registered under
/// `name`, so a tool can define its own option with that name.
void claimOptionName(llvm::StringRef name);

/// Registers every dialect, interface and extension the compiler uses.
void registerCompilerDialects(mlir::DialectRegistry &registry);

/// Compiles the ONNX model at `inputPath` and writes the requested artefact to
/// `outputPath` (written to a temporary file, then renamed). For a shared
/// library, also writes `<output without extension>.h`.
/// Diagnostics go through `context`; the returned error summarises them.
llvm::Error compileONNXFile(mlir::MLIRContext &context,
                            llvm::StringRef inputPath,
                            llvm::StringRef outputPath,
                            const CompileOptions &options);

} // namespace rectify

#endif // RECTIFY_DRIVER_COMPILE_H
