//===- MaskedAccumulators.h - Masked accumulators out of K loops -*- C++ -*-===//
#ifndef RECTIFY_LIB_TARGET_CPU_MASKEDACCUMULATORS_H
#define RECTIFY_LIB_TARGET_CPU_MASKEDACCUMULATORS_H

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"

namespace rectify::cpu {

/// In `loop`, carries each accumulator that is read and rewritten through
/// vector.mask'ed transfers (a register tile cut by a dynamic remainder) as a
/// vector iter_arg: one masked read before the loop, one masked write after.
/// hoistLoopInvariantSubsets does this for unmasked transfers only. Returns
/// the loop, replaced when anything was hoisted.
mlir::scf::ForOp hoistMaskedAccumulators(mlir::RewriterBase &rewriter,
                                         mlir::scf::ForOp loop);

/// Moves a register tile's accumulator out of its K loop: loop-invariant
/// code first (a masked tile's slice bounds are computed in the loop; with
/// `dominance`, CSE then merges their copies), then the tile's slice
/// (hoistLoopInvariantSubsets), then masked transfers. Returns the loop,
/// replaced when anything was hoisted.
mlir::scf::ForOp hoistTileAccumulator(mlir::RewriterBase &rewriter,
                                      mlir::scf::ForOp loop,
                                      mlir::DominanceInfo *dominance = nullptr);

} // namespace rectify::cpu

#endif // RECTIFY_LIB_TARGET_CPU_MASKEDACCUMULATORS_H
