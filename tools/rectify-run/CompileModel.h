//===- CompileModel.h - The .onnx path of rectify-run -----------*- C++ -*-===//
#ifndef RECTIFY_TOOLS_RECTIFY_RUN_COMPILEMODEL_H
#define RECTIFY_TOOLS_RECTIFY_RUN_COMPILEMODEL_H

#include "rectify/Driver/Compile.h"
#include "rectify/Runtime/ModelLibrary.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace rectify {

/// Compiles the ONNX model at `path` to a shared library in a fresh
/// temporary directory, loads it and removes the directory. `inputShapes`
/// holds `--input-shape` values (NAME=1x784); `target` is the device the
/// model runs on.
llvm::Expected<std::unique_ptr<ModelLibrary>>
compileAndLoadONNX(llvm::StringRef path,
                   llvm::ArrayRef<std::string> inputShapes,
                   Target target = Target::CPU);

} // namespace rectify

#endif // RECTIFY_TOOLS_RECTIFY_RUN_COMPILEMODEL_H
