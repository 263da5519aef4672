//===- rectify-import.cpp - ONNX model to rect-dialect MLIR ---------------===//
//
//   rectify-import model.onnx [-o out.mlir] [--input-shape name=1x784 ...]
//
// Prints the imported module (with its dense_resource blobs). The output file
// is written to a temporary next to it and renamed at the end, so a failed run
// leaves nothing half-written.
//
//===----------------------------------------------------------------------===//

#include "rectify/Import/ONNX/ONNXImporter.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::opt<std::string>
    inputFilename(cl::Positional, cl::desc("<model.onnx>"), cl::Required);
static cl::opt<std::string> outputFilename("o", cl::desc("Output file"),
                                           cl::value_desc("file"),
                                           cl::init("-"));
static cl::list<std::string> inputShapes(
    "input-shape",
    cl::desc("Fix the shape of a graph input: NAME=1x784 ('?' keeps a "
             "dimension dynamic); repeatable"),
    cl::value_desc("name=dims"));

/// Writes `module` to `path` through a temporary file renamed at the end.
static LogicalResult writeOutput(mlir::ModuleOp module, StringRef path) {
  if (path == "-") {
    module.print(outs());
    outs().flush();
    return success();
  }
  Expected<sys::fs::TempFile> temp =
      sys::fs::TempFile::create(path + ".tmp-%%%%%%");
  if (!temp) {
    errs() << path << ": error: cannot create the output: "
           << toString(temp.takeError()) << "\n";
    return failure();
  }
  {
    raw_fd_ostream os(temp->FD, /*shouldClose=*/false);
    module.print(os);
    os.flush();
    if (os.has_error()) {
      errs() << path
             << ": error: cannot write the output: " << os.error().message()
             << "\n";
      os.clear_error();
      consumeError(temp->discard());
      return failure();
    }
  }
  if (Error error = temp->keep(path)) {
    errs() << path
           << ": error: cannot write the output: " << toString(std::move(error))
           << "\n";
    return failure();
  }
  return success();
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  cl::ParseCommandLineOptions(argc, argv,
                              "Rectify ONNX importer: prints a model in the "
                              "rect dialect\n");

  rectify::ONNXImportOptions options;
  for (const std::string &flag : inputShapes) {
    if (Error error = rectify::parseInputShapeFlag(flag, options)) {
      errs() << "error: " << toString(std::move(error)) << "\n";
      return 1;
    }
  }

  mlir::MLIRContext context;
  mlir::ScopedDiagnosticHandler handler(&context, [](mlir::Diagnostic &diag) {
    rectify::printImportDiagnostic(diag, errs());
    return success();
  });
  mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>> module =
      rectify::importONNXFile(context, inputFilename, options);
  if (failed(module))
    return 1;
  return failed(writeOutput(**module, outputFilename)) ? 1 : 0;
}
