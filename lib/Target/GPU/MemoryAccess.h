//===- MemoryAccess.h - Helpers of the loop-level memory passes --*- C++ -*-===//
#ifndef RECTIFY_LIB_TARGET_GPU_MEMORYACCESS_H
#define RECTIFY_LIB_TARGET_GPU_MEMORYACCESS_H

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace rectify::gpu {

/// The allocation (or argument) that `memref` is a view of.
inline mlir::Value getAllocationRoot(mlir::Value memref) {
  while (auto view = memref.getDefiningOp<mlir::ViewLikeOpInterface>())
    memref = view.getViewSource();
  return memref;
}

/// Whether `op` is a load, a store, or touches no memory apart from what the
/// operations nested in it do (scf.for, scf.if, terminators).
inline bool hasOnlyAnalyzableEffects(mlir::Operation *op) {
  if (mlir::isa<mlir::memref::LoadOp, mlir::memref::StoreOp>(op))
    return true;
  if (op->hasTrait<mlir::OpTrait::HasRecursiveMemoryEffects>() ||
      op->hasTrait<mlir::OpTrait::IsTerminator>())
    return true;
  return mlir::isMemoryEffectFree(op);
}

} // namespace rectify::gpu

#endif // RECTIFY_LIB_TARGET_GPU_MEMORYACCESS_H
