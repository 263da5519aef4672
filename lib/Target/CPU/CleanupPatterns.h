//===- CleanupPatterns.h - Clean-ups between CPU schedule steps -*- C++ -*-===//
#ifndef RECTIFY_LIB_TARGET_CPU_CLEANUPPATTERNS_H
#define RECTIFY_LIB_TARGET_CPU_CLEANUPPATTERNS_H

#include "mlir/IR/PatternMatch.h"

namespace rectify::cpu {

/// Every loaded dialect's and registered op's canonicalizations, plus the
/// folding of tensor.empty through reshapes and slices, and reads of a
/// tensor a splat vector wholly overwrote folded to the splat: what the schedule
/// passes apply between their tiling, vectorization and hoisting steps.
void populateScheduleCleanupPatterns(mlir::RewritePatternSet &patterns);

} // namespace rectify::cpu

#endif // RECTIFY_LIB_TARGET_CPU_CLEANUPPATTERNS_H
