//===- RectOps.h - rect dialect attributes and operations -------*- C++ -*-===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTOPS_H
#define RECTIFY_DIALECT_RECT_IR_RECTOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "rectify/Dialect/Rect/IR/RectDialect.h"

#include "rectify/Dialect/Rect/IR/RectEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "rectify/Dialect/Rect/IR/RectAttrs.h.inc"

#define GET_OP_CLASSES
#include "rectify/Dialect/Rect/IR/RectOps.h.inc"

namespace rectify::rect {

/// Numpy-style broadcast of two shapes (dynamic dims as ShapedType::kDynamic).
/// Fails when two static dims differ and neither is 1.
mlir::FailureOr<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> lhs, llvm::ArrayRef<int64_t> rhs);

/// A shape for diagnostics: "[?x3x224x224]" (`?` marks a dynamic dimension).
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// A list of integers for diagnostics: "[1, 2, 3]".
std::string formatList(llvm::ArrayRef<int64_t> values);

/// True when `slope` broadcasts onto `input` without changing input's shape
/// (unidirectional broadcast, as ONNX PRelu requires).
bool isUnidirectionallyBroadcastable(llvm::ArrayRef<int64_t> slope,
                                     llvm::ArrayRef<int64_t> input);

/// The value every element of a floating-point constant `value` has, when all
/// elements are equal. Reads `dense` splats and `dense_resource` blobs of f16,
/// bf16, f32 and f64 elements; fails for anything else.
std::optional<llvm::APFloat> getSplatFloat(mlir::Attribute value);

/// getSplatFloat of the constant defining `value`, if any.
std::optional<llvm::APFloat> getSplatFloat(mlir::Value value);

/// `elements` with its dimensions permuted (result dim i is input dim
/// permutation[i]) and typed `resultType`. Handles DenseElementsAttr (bool
/// excluded) and DenseResourceElementsAttr, whose bytes are copied into a new
/// blob; returns null for other attributes or a blob that is not loaded.
mlir::ElementsAttr transposeElements(mlir::ElementsAttr elements,
                                     llvm::ArrayRef<int64_t> permutation,
                                     mlir::ShapedType resultType);

} // namespace rectify::rect

#endif // RECTIFY_DIALECT_RECT_IR_RECTOPS_H
