//===- ONNXChecker.h - libonnx checker and shape inference ------*- C++ -*-===//
#ifndef RECTIFY_LIB_IMPORT_ONNX_ONNXCHECKER_H
#define RECTIFY_LIB_IMPORT_ONNX_ONNXCHECKER_H

#include "llvm/Support/Error.h"

#include "onnx/onnx_pb.h"

#include <string>
#include <vector>

namespace rectify {

/// Runs libonnx's model checker and shape inference on `model` when libonnx
/// knows its IR version and every opset it imports (libonnx 1.12 stops at
/// opset 17; newer models are left to the importer's own checks). A checker
/// failure is returned as an error; a shape-inference failure only adds a
/// message to `warnings`, since the rect dialect's type inference decides.
/// External data is looked up relative to `modelDir`.
llvm::Error runONNXChecks(onnx::ModelProto &model, llvm::StringRef modelDir,
                          std::vector<std::string> &warnings);

} // namespace rectify

#endif // RECTIFY_LIB_IMPORT_ONNX_ONNXCHECKER_H
