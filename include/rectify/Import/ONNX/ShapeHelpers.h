//===- ShapeHelpers.h - ONNX shape rules used by the importer ---*- C++ -*-===//
//
// Pure functions over shapes (dynamic dims as ShapedType::kDynamic) that turn
// ONNX operator semantics into the explicit shapes rect ops need.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_IMPORT_ONNX_SHAPEHELPERS_H
#define RECTIFY_IMPORT_ONNX_SHAPEHELPERS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace rectify {

/// The result shape of ONNX Reshape of `input` to `requested`: 0 copies the
/// input dim (unless `allowZero`), -1 takes what the other dims leave. A
/// dynamic input dim either is copied by a 0, or is absorbed by the -1 (which
/// then becomes dynamic).
llvm::Expected<llvm::SmallVector<int64_t>>
computeReshapeShape(llvm::ArrayRef<int64_t> input,
                    llvm::ArrayRef<int64_t> requested, bool allowZero);

/// The 2-D shape ONNX Flatten (and Softmax before opset 13) gives `shape` at
/// `axis` (in [0, rank] after normalisation of a negative axis).
llvm::Expected<llvm::SmallVector<int64_t>>
computeFlattenShape(llvm::ArrayRef<int64_t> shape, int64_t axis);

/// How Gemm's C operand, of shape `c`, is applied to the [M, N] product.
enum class GemmBiasKind {
  /// Broadcast along N: it becomes rect.linear's bias, reshaped to
  /// `GemmBiasPlan::biasShape` (scalar, [1] or [N]).
  Bias,
  /// Varies along M: added to the result with rect.add after the linear.
  Add,
};

struct GemmBiasPlan {
  GemmBiasKind kind;
  /// For `Bias`: the shape the bias takes (rank 0 or 1).
  llvm::SmallVector<int64_t> biasShape;
};

/// Classifies C for an [M, N] Gemm result; fails when C does not broadcast
/// unidirectionally onto [M, N].
llvm::Expected<GemmBiasPlan> classifyGemmBias(llvm::ArrayRef<int64_t> c,
                                              int64_t m, int64_t n);

} // namespace rectify

#endif // RECTIFY_IMPORT_ONNX_SHAPEHELPERS_H
