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

/// True when `slope` broadcasts onto `input` without changing input's shape
/// (unidirectional broadcast, as ONNX PRelu requires).
bool isUnidirectionallyBroadcastable(llvm::ArrayRef<int64_t> slope,
                                     llvm::ArrayRef<int64_t> input);

} // namespace rectify::rect

#endif // RECTIFY_DIALECT_RECT_IR_RECTOPS_H
