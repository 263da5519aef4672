//===- ShapeFolding.h - Import-time folding of constant tensors -*- C++ -*-===//
//
// Shape sub-graphs (Shape -> Gather -> Unsqueeze -> Concat -> Reshape,
// Shape -> Slice, ConstantOfShape, Cast of constants ...) are evaluated while
// importing, so every Reshape, Expand or Tile gets a constant target. The one
// unknown a shape can hold is the dynamic batch: an integer entry may be a
// known value or `c * batch` (a "batch multiple"). Such tensors live in the
// value table as constants whose unknown entries are stored as -1 and whose
// doc_string lists the batch coefficients ("rectify.batch-multiples=...").
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_IMPORT_ONNX_SHAPEFOLDING_H
#define RECTIFY_LIB_IMPORT_ONNX_SHAPEFOLDING_H

#include "NodeImporter.h"

namespace rectify {

/// A constant tensor being folded at import time: integers (INT64, INT32,
/// BOOL) in `ints`, floats (FLOAT, DOUBLE) in `floats`.
struct FoldedTensor {
  int32_t dataType = onnx::TensorProto::INT64;
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<int64_t> ints;
  llvm::SmallVector<double> floats;
  /// Per element: 0 when the entry is known, else the c of `c * batch`.
  /// Empty when every entry is known.
  llvm::SmallVector<int64_t> batch;

  bool isFloat() const;
  int64_t size() const;
  bool isSymbolic(int64_t i) const { return !batch.empty() && batch[i] != 0; }
  bool hasSymbolic() const;
};

/// Input `index` as a folded tensor when it is a known constant of a
/// supported type, else nullopt (no error).
std::optional<FoldedTensor> getFoldedInput(NodeImporter &importer,
                                           unsigned index);

/// True when input `index` is a known integer (or boolean) constant.
bool isIntConstantInput(NodeImporter &importer, unsigned index);

/// Defines output `index` as the constant `tensor`.
mlir::LogicalResult setFoldedOutput(NodeImporter &importer, unsigned index,
                                    const FoldedTensor &tensor);

/// The requested shape of a Reshape (or Expand) input `index`, with every
/// batch-multiple entry turned into -1 (and an explicit -1 resolved from the
/// static sizes of `inputShape`, whose one dynamic dim is taken to be the
/// batch), so computeReshapeShape infers it.
mlir::FailureOr<llvm::SmallVector<int64_t>>
getReshapeTarget(NodeImporter &importer, unsigned index,
                 llvm::ArrayRef<int64_t> inputShape);

/// The k of `value`'s one dynamic dim, `k * batch` (BatchShapes.cpp): 1 for
/// a graph input, regrouped by reshapes. nullopt when the value has no single
/// dynamic dim or k is not known.
std::optional<int64_t> getBatchMultiple(mlir::Value value);

/// The result shape of reshaping an input of `inputShape`, whose dynamic dim
/// (if any) is `inputMultiple * batch`, to `target`, whose entries may be
/// batch multiples, -1 or 0 (copy). The batch entry (or, without one, the -1
/// entry of a dynamic input) becomes the dynamic dim; the counts are checked.
mlir::FailureOr<llvm::SmallVector<int64_t>>
resolveBatchReshape(NodeImporter &importer, const FoldedTensor &target,
                    llvm::ArrayRef<int64_t> inputShape, int64_t inputMultiple);

/// Defines output 0 as a float tensor of `shape` (whose one batch entry is
/// `c * batch`) filled with `value`: a rect.fill sized after the dynamic dim
/// of a graph input.
mlir::LogicalResult importBatchFill(NodeImporter &importer,
                                    const FoldedTensor &shape, double value);

} // namespace rectify

#endif // RECTIFY_LIB_IMPORT_ONNX_SHAPEFOLDING_H
