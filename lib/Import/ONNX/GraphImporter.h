//===- GraphImporter.h - ONNX graph to a rect-dialect module ----*- C++ -*-===//
#ifndef RECTIFY_LIB_IMPORT_ONNX_GRAPHIMPORTER_H
#define RECTIFY_LIB_IMPORT_ONNX_GRAPHIMPORTER_H

#include "rectify/Import/ONNX/ONNXImporter.h"

#include "onnx/onnx_pb.h"

namespace rectify {

/// Checks the model's default-domain opset and that the importer supports
/// every node; reports all unsupported nodes in one error at `fileLoc`.
mlir::LogicalResult checkSupportedNodes(const onnx::ModelProto &model,
                                        mlir::Location fileLoc);

/// Builds the module for `model`, read from `path` (external data is looked
/// up in `modelDir`). Errors are emitted through `context`.
mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
importGraph(mlir::MLIRContext &context, llvm::StringRef path,
            llvm::StringRef modelDir, const onnx::ModelProto &model,
            const ONNXImportOptions &options);

} // namespace rectify

#endif // RECTIFY_LIB_IMPORT_ONNX_GRAPHIMPORTER_H
