//===- FloatElements.h - Reading and writing f32 constant payloads -*- C++ -*-===//
#ifndef RECTIFY_ANALYSIS_FLOATELEMENTS_H
#define RECTIFY_ANALYSIS_FLOATELEMENTS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace rectify {

/// Every element of a float constant payload (`dense` of any float type,
/// `dense_resource` of f32 or f64) as doubles, row-major; std::nullopt for
/// anything else or a blob that is not loaded.
std::optional<llvm::SmallVector<double>> readFloatElements(mlir::Attribute attr);

/// readFloatElements of the rect.constant defining `value`, if any.
std::optional<llvm::SmallVector<double>> readFloatElements(mlir::Value value);

/// An f32 payload of type `type` holding `values`: a `dense_resource` blob
/// named after `resourceName` when `like` is a resource, else `dense`.
mlir::ElementsAttr makeF32Elements(mlir::ShapedType type,
                                   llvm::ArrayRef<float> values,
                                   mlir::Attribute like,
                                   llvm::StringRef resourceName);

} // namespace rectify

#endif // RECTIFY_ANALYSIS_FLOATELEMENTS_H
