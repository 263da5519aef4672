//===- StridedReads.h - Strided vector reads as contiguous reads -*- C++ -*-===//
#ifndef RECTIFY_LIB_TARGET_CPU_STRIDEDREADS_H
#define RECTIFY_LIB_TARGET_CPU_STRIDEDREADS_H

#include "mlir/IR/PatternMatch.h"

namespace rectify::cpu {

/// A vector read along a slice of static stride s > 1 in its innermost dim
/// (a strided pooling or depthwise tap) becomes one contiguous read of s
/// times as many elements and a shuffle keeping every s-th lane, instead of
/// a gather of single elements.
void populateStridedReadPatterns(mlir::RewritePatternSet &patterns);

} // namespace rectify::cpu

#endif // RECTIFY_LIB_TARGET_CPU_STRIDEDREADS_H
