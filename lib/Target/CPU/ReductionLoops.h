//===- ReductionLoops.h - Queries on reduction loops ------------*- C++ -*-===//
//
// Helpers shared by the passes that place prefetches in the reduction loops
// rectify-cpu-tile-and-vectorize marks (kReductionLoopAttr).
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_TARGET_CPU_REDUCTIONLOOPS_H
#define RECTIFY_LIB_TARGET_CPU_REDUCTIONLOOPS_H

#include "mlir/Dialect/SCF/IR/SCF.h"

namespace rectify::cpu {

/// Whether `value` is the same in every iteration of `loop`: defined outside
/// it, or computed inside by side-effect-free ops from such values.
bool isInvariantIn(mlir::Value value, mlir::Operation *loop);

/// The outermost loop enclosing `op` marked as a reduction loop, if any.
mlir::scf::ForOp outermostReductionLoop(mlir::Operation *op);

} // namespace rectify::cpu

#endif // RECTIFY_LIB_TARGET_CPU_REDUCTIONLOOPS_H
