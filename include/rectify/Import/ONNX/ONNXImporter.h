//===- ONNXImporter.h - ONNX model to rect dialect ---------------*- C++ -*-===//
//
// Reads an ONNX ModelProto (through Debian's libonnx) and builds a module in
// the rect dialect:
//
//   module attributes {rect.model_name = "<graph name>"} {
//     func.func @main(%x: tensor<?x784xf32> {rect.name = "input"})
//         -> (tensor<?x10xf32> {rect.name = "logits"}) { ... }
//   }
//
// Every op is located at NameLoc("<node name>") inside a FileLineColLoc of the
// model file; initializers become rect.constant ops over dense_resource blobs.
// Errors are emitted as MLIR diagnostics naming the file, node and reason.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_IMPORT_ONNX_ONNXIMPORTER_H
#define RECTIFY_IMPORT_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

namespace rectify {

struct ONNXImportOptions {
  /// Shapes that replace the declared shape of graph inputs, by input name.
  /// A dimension of ShapedType::kDynamic stays dynamic.
  llvm::StringMap<llvm::SmallVector<int64_t>> inputShapes;
};

/// Parses one `--input-shape` value, `NAME=1x784` (`?` keeps a dimension
/// dynamic), into `options`.
llvm::Error parseInputShapeFlag(llvm::StringRef flag,
                                ONNXImportOptions &options);

/// Imports the ONNX model at `path`. On failure, diagnostics have been emitted
/// through `context` and the result is a failure.
mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
importONNXFile(mlir::MLIRContext &context, llvm::StringRef path,
               const ONNXImportOptions &options);

/// Prints a diagnostic emitted by the importer as
/// `<file>: node '<name>': error: <message>` (notes on following lines), the
/// form the tools use for the importer's locations.
void printImportDiagnostic(mlir::Diagnostic &diagnostic, llvm::raw_ostream &os);

} // namespace rectify

#endif // RECTIFY_IMPORT_ONNX_ONNXIMPORTER_H
