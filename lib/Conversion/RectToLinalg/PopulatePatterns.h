//===- PopulatePatterns.h - rect to linalg patterns by family ---*- C++ -*-===//
//
// Internal to the RectToLinalg lowering: one populate function per op family.
//
//===----------------------------------------------------------------------===//

#ifndef RECTIFY_LIB_CONVERSION_RECTTOLINALG_POPULATEPATTERNS_H
#define RECTIFY_LIB_CONVERSION_RECTTOLINALG_POPULATEPATTERNS_H

#include "mlir/IR/PatternMatch.h"

namespace rectify::rect_to_linalg {

/// Activations, unary functions, prelu and broadcasting binary arithmetic.
void populateElementwisePatterns(mlir::RewritePatternSet &patterns);
/// rect.linear and rect.matmul.
void populateLinearPatterns(mlir::RewritePatternSet &patterns);
/// rect.reshape, rect.flatten, rect.transpose and rect.constant.
void populateShapePatterns(mlir::RewritePatternSet &patterns);
/// rect.softmax.
void populateSoftmaxPatterns(mlir::RewritePatternSet &patterns);

} // namespace rectify::rect_to_linalg

#endif // RECTIFY_LIB_CONVERSION_RECTTOLINALG_POPULATEPATTERNS_H
