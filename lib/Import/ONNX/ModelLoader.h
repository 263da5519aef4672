//===- ModelLoader.h - Read an ONNX model file ------------------*- C++ -*-===//
#ifndef RECTIFY_LIB_IMPORT_ONNX_MODELLOADER_H
#define RECTIFY_LIB_IMPORT_ONNX_MODELLOADER_H

#include "llvm/Support/Error.h"

#include "onnx/onnx_pb.h"

#include <memory>

namespace rectify {

/// Reads and parses the ModelProto at `path`, checking that it holds a graph
/// and an opset for the default domain. Errors say what is wrong with the file
/// (missing, empty, malformed or truncated protobuf, not a model).
llvm::Expected<std::unique_ptr<onnx::ModelProto>>
loadModelProto(llvm::StringRef path);

/// The opset the model imports for `domain` ("" and "ai.onnx" are the same
/// domain), or 0 when it imports none.
int64_t getOpsetVersion(const onnx::ModelProto &model, llvm::StringRef domain);

} // namespace rectify

#endif // RECTIFY_LIB_IMPORT_ONNX_MODELLOADER_H
