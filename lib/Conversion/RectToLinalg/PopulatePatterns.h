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
/// rect.concat, slice, pad, gather, tile, expand, where, log, reciprocal,
/// pow (Tensor.cpp). `concatByInsertion`: see the pass option.
void populateTensorPatterns(mlir::RewritePatternSet &patterns,
                            bool concatByInsertion);
/// rect.reduce_sum, reduce_mean, reduce_max, reduce_min (Reduction.cpp).
void populateReductionPatterns(mlir::RewritePatternSet &patterns);
/// rect.layer_norm, rect.log_softmax (Normalization.cpp).
void populateNormalizationPatterns(mlir::RewritePatternSet &patterns);

/// One linalg.generic reducing `input` over `axes` (sorted) into a tensor of
/// the other dims, starting from `init` and folding elements in with
/// `combine(element, accumulator)` (Reduction.cpp).
mlir::Value buildReduction(
    mlir::OpBuilder &builder, mlir::Location loc, mlir::Value input,
    llvm::ArrayRef<int64_t> axes, double init,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::Value, mlir::Value)>
        combine);
/// rect.fill (Fill.cpp).
void populateFillPatterns(mlir::RewritePatternSet &patterns);
/// rect.resize (Resize.cpp).
void populateResizePatterns(mlir::RewritePatternSet &patterns);
/// rect.rnn.
void populateRecurrentPatterns(mlir::RewritePatternSet &patterns);
/// rect.conv and rect.conv_transpose (Conv.cpp).
void populateConvPatterns(mlir::RewritePatternSet &patterns,
                          bool namedWindowOps, bool winograd);
/// rect.max_pool, avg_pool, global_avg_pool, global_max_pool (Pooling.cpp).
void populatePoolingPatterns(mlir::RewritePatternSet &patterns,
                             bool namedWindowOps);
/// rect.batch_norm and rect.lrn (ConvNormalization.cpp).
void populateConvNormalizationPatterns(mlir::RewritePatternSet &patterns);

} // namespace rectify::rect_to_linalg

#endif // RECTIFY_LIB_CONVERSION_RECTTOLINALG_POPULATEPATTERNS_H
