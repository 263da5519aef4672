//===- ONNXImporter.cpp - ONNX model to rect dialect ----------------------===//
//
// The entry point: read the file, check that every node is supported, run
// libonnx's checks where it knows the opsets, then build the module.
//
//===----------------------------------------------------------------------===//

#include "rectify/Import/ONNX/ONNXImporter.h"

#include "GraphImporter.h"
#include "ModelLoader.h"
#include "ONNXChecker.h"

#include "rectify/Dialect/Rect/IR/RectDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace rectify;

FailureOr<OwningOpRef<ModuleOp>>
rectify::importONNXFile(MLIRContext &context, StringRef path,
                        const ONNXImportOptions &options) {
  context.loadDialect<func::FuncDialect, rect::RectDialect>();
  Location fileLoc = FileLineColLoc::get(&context, path, 0, 0);

  llvm::Expected<std::unique_ptr<onnx::ModelProto>> model =
      loadModelProto(path);
  if (!model) {
    emitError(fileLoc) << llvm::toString(model.takeError());
    return failure();
  }
  if (failed(checkSupportedNodes(**model, fileLoc)))
    return failure();

  StringRef parent = llvm::sys::path::parent_path(path);
  std::string modelDir = parent.empty() ? "." : parent.str();
  std::vector<std::string> warnings;
  if (llvm::Error error = runONNXChecks(**model, modelDir, warnings)) {
    emitError(fileLoc) << llvm::toString(std::move(error));
    return failure();
  }
  for (const std::string &warning : warnings)
    emitWarning(fileLoc) << warning;
  return importGraph(context, path, modelDir, **model, options);
}

/// Prints `loc` as `<file>` or `<file>: node '<name>'`.
static void printLocation(Location loc, llvm::raw_ostream &os) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    printLocation(name.getChildLoc(), os);
    os << ": node '" << name.getName().getValue() << "'";
    return;
  }
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    os << file.getFilename().getValue();
    if (file.getLine() != 0)
      os << ":" << file.getLine() << ":" << file.getColumn();
    return;
  }
  os << loc;
}

static StringRef getSeverityName(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Note:
    return "note";
  case DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

static void printOne(Diagnostic &diagnostic, llvm::raw_ostream &os) {
  if (!isa<UnknownLoc>(diagnostic.getLocation())) {
    printLocation(diagnostic.getLocation(), os);
    os << ": ";
  }
  os << getSeverityName(diagnostic.getSeverity()) << ": " << diagnostic << "\n";
}

void rectify::printImportDiagnostic(Diagnostic &diagnostic,
                                    llvm::raw_ostream &os) {
  printOne(diagnostic, os);
  for (Diagnostic &note : diagnostic.getNotes())
    printOne(note, os);
}
