//===- InputShapes.h - Shapes of the graph inputs ---------------*- C++ -*-===//
//
// Decides the tensor shape of every graph input from its declared ONNX shape
// and the `--input-shape` overrides, enforcing the compiled-model ABI: at most
// one dynamic extent (the batch) across all inputs.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_IMPORT_ONNX_INPUTSHAPES_H
#define RECTIFY_IMPORT_ONNX_INPUTSHAPES_H

#include "rectify/Import/ONNX/ONNXImporter.h"

#include <string>

namespace rectify {

/// One declared dimension of a graph input: a size, a symbol, or unknown.
struct DeclaredDim {
  /// The static size, or ShapedType::kDynamic when symbolic or unknown.
  int64_t size;
  /// The symbol (`dim_param`) when there is one.
  std::string symbol;
};

/// A graph input as the model declares it.
struct DeclaredInput {
  std::string name;
  /// False when the model gives no shape at all (not even a rank).
  bool hasShape = true;
  llvm::SmallVector<DeclaredDim> dims;
};

/// Applies `options.inputShapes` to `inputs` and checks that the result has at
/// most one dynamic extent: one distinct symbol, unknown dims only in leading
/// position, and at most one dynamic dim per input. Returns one shape per
/// input, dynamic dims as ShapedType::kDynamic.
llvm::Expected<llvm::SmallVector<llvm::SmallVector<int64_t>>>
resolveInputShapes(llvm::ArrayRef<DeclaredInput> inputs,
                   const ONNXImportOptions &options);

/// Formats a shape as `1x?x784` (`scalar` for rank 0).
std::string formatShape(llvm::ArrayRef<int64_t> shape);

} // namespace rectify

#endif // RECTIFY_IMPORT_ONNX_INPUTSHAPES_H
