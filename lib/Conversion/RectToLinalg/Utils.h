//===- Utils.h - Helpers shared by the rect to linalg patterns --*- C++ -*-===//

#ifndef RECTIFY_LIB_CONVERSION_RECTTOLINALG_UTILS_H
#define RECTIFY_LIB_CONVERSION_RECTTOLINALG_UTILS_H

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"

namespace rectify::rect_to_linalg {

/// Builds the scalar body of an elementwise linalg.generic from the scalar
/// values of its inputs.
using ScalarBodyBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// A float constant of the scalar float type `type`.
mlir::Value createFloatConstant(mlir::OpBuilder &builder, mlir::Location loc,
                                mlir::Type type, double value);

/// `tensor.empty` with the given sizes and a `linalg.fill` of `value`.
mlir::Value createFilledTensor(mlir::OpBuilder &builder, mlir::Location loc,
                               llvm::ArrayRef<mlir::OpFoldResult> sizes,
                               mlir::Type elementType, double value);

/// One all-parallel linalg.generic writing a fresh tensor of `resultType`
/// whose body is `body` applied to the elements of `inputs`. Inputs broadcast
/// numpy-style onto the result: a missing leading dim or a static size-1 dim
/// facing a non-1 result dim is read at index 0 (a constant in the indexing
/// map). Dynamic result sizes come from `tensor.dim` of an input that is not 1
/// along that dim, unless `resultSizes` gives every result size. Two dynamic
/// dims facing each other are assumed equal.
mlir::Value
buildBroadcastingGeneric(mlir::OpBuilder &builder, mlir::Location loc,
                         mlir::RankedTensorType resultType,
                         mlir::ValueRange inputs, ScalarBodyBuilder body,
                         llvm::ArrayRef<mlir::OpFoldResult> resultSizes = {});

/// Materialises the numpy broadcast of `value` to `resultType`, whose sizes
/// are `resultSizes` (one all-parallel linalg.generic copying elements).
mlir::Value broadcastTo(mlir::OpBuilder &builder, mlir::Location loc,
                        mlir::Value value, mlir::RankedTensorType resultType,
                        llvm::ArrayRef<mlir::OpFoldResult> resultSizes);

/// Sizes of `sizes` multiplied together, folding static factors.
mlir::OpFoldResult multiplySizes(mlir::OpBuilder &builder, mlir::Location loc,
                                 llvm::ArrayRef<mlir::OpFoldResult> sizes);

/// `tensor.collapse_shape` of `value` along `reassociation`.
mlir::Value collapse(mlir::OpBuilder &builder, mlir::Location loc,
                     mlir::Value value,
                     llvm::ArrayRef<mlir::ReassociationIndices> reassociation);

/// `tensor.expand_shape` of `value` into the shape `sizes` (static sizes as
/// attributes, dynamic ones as index values) along `reassociation`.
mlir::Value expand(mlir::OpBuilder &builder, mlir::Location loc,
                   mlir::Value value, llvm::ArrayRef<mlir::OpFoldResult> sizes,
                   llvm::ArrayRef<mlir::ReassociationIndices> reassociation);

/// Reassociation grouping the dims of a rank-`rank` shape so that each dim in
/// `dropped` (sorted, each of static size 1) joins a neighbouring group; the
/// collapse along it removes exactly those dims.
llvm::SmallVector<mlir::ReassociationIndices>
getDropUnitDimsReassociation(int64_t rank, llvm::ArrayRef<int64_t> dropped);

} // namespace rectify::rect_to_linalg

#endif // RECTIFY_LIB_CONVERSION_RECTTOLINALG_UTILS_H
