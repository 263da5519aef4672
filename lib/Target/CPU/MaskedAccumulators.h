//===- MaskedAccumulators.h - Masked accumulators out of K loops -*- C++ -*-===//
#ifndef RECTIFY_LIB_TARGET_CPU_MASKEDACCUMULATORS_H
#define RECTIFY_LIB_TARGET_CPU_MASKEDACCUMULATORS_H

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace rectify::cpu {

/// In `loop`, carries each accumulator that is read and rewritten through
/// vector.mask'ed transfers (a register tile cut by a dynamic remainder) as a
/// vector iter_arg: one masked read before the loop, one masked write after.
/// hoistLoopInvariantSubsets does this for unmasked transfers only. Returns
/// the loop, replaced when anything was hoisted.
mlir::scf::ForOp hoistMaskedAccumulators(mlir::RewriterBase &rewriter,
                                         mlir::scf::ForOp loop);

} // namespace rectify::cpu

#endif // RECTIFY_LIB_TARGET_CPU_MASKEDACCUMULATORS_H
