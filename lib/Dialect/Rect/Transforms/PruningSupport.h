//===- PruningSupport.h - Helpers shared by neuron and channel pruning ----===//
//
// Private to lib/Dialect/Rect/Transforms: reading f32 constants, evaluating
// the elementwise ops between a pruned layer and its consumers on the
// constant value of a dead neuron or channel, and slicing constants.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_DIALECT_RECT_TRANSFORMS_PRUNINGSUPPORT_H
#define RECTIFY_LIB_DIALECT_RECT_TRANSFORMS_PRUNINGSUPPORT_H

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/PatternMatch.h"

#include <optional>
#include <string>

namespace rectify::pruning {

/// An f32 constant operand with static shape, read as doubles.
struct Constant {
  mlir::Attribute attr;
  mlir::RankedTensorType type;
  llvm::SmallVector<double> values;
};

/// The f32 constant defining `value`, if any.
std::optional<Constant> getConstant(mlir::Value value);

/// The scalar the elementwise chain op `op` computes in float32 from `x`
/// (its operand on the pruned path, number `pathOperand`) and `other` (the
/// other operand's entry, if binary), or std::nullopt for other ops.
std::optional<double> evaluate(mlir::Operation *op, unsigned pathOperand,
                               double x, double other);

/// True for single-operand elementwise ops evaluate() knows.
bool isUnaryChainOp(mlir::Operation *op);

/// True for binary elementwise ops evaluate() knows (and prelu).
bool isBinaryChainOp(mlir::Operation *op);

/// `'op.name'`, for reasons.
std::string describe(mlir::Operation *op);

/// A new f32 constant holding the entries of `c` whose index along `dim` is
/// in `kept` (ascending), named after `c`'s resource with `suffix`.
mlir::Value sliceConstant(mlir::RewriterBase &rewriter, mlir::Location loc,
                          const Constant &c, int64_t dim,
                          llvm::ArrayRef<int64_t> kept,
                          llvm::StringRef suffix = "pruned");

/// `type` with dimension `dim` set to `extent`.
mlir::RankedTensorType withDim(mlir::Type type, int64_t dim, int64_t extent);

} // namespace rectify::pruning

#endif // RECTIFY_LIB_DIALECT_RECT_TRANSFORMS_PRUNINGSUPPORT_H
