//===- RectToLinalg.h - Lower rect to linalg on tensors ---------*- C++ -*-===//
//
// Patterns and pass lowering the rect dialect to linalg on tensors plus
// arith, math and tensor.
//
//===----------------------------------------------------------------------===//

#ifndef RECTIFY_CONVERSION_RECTTOLINALG_RECTTOLINALG_H
#define RECTIFY_CONVERSION_RECTTOLINALG_RECTTOLINALG_H

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace rectify {

#define GEN_PASS_DECL_CONVERTRECTTOLINALGPASS
#include "rectify/Conversion/Passes.h.inc"

/// Adds the conversion patterns from every rect op to linalg on tensors
/// (plus arith, math and tensor). The patterns need no type converter: tensor
/// types are kept as they are. `namedWindowOps`: convolutions and pools as
/// linalg's named ops; `concatByInsertion`: concatenations as insert_slices;
/// `winograd`: 3x3 convolutions by F(4, 3) along their rows (see the pass
/// options of the same names).
void populateRectToLinalgPatterns(mlir::RewritePatternSet &patterns,
                                  bool namedWindowOps = false,
                                  bool concatByInsertion = true,
                                  bool winograd = true);

/// Registers every Rectify conversion pass (`convert-rect-to-linalg`, ...)
/// with the global pass registry.
void registerConversionPasses();

/// Emits the arith/math computation of `activation` applied to the scalar `x`
/// (a float of any width) at the builder's insertion point, and returns the
/// result. `slope` is the scalar slope of a `prelu` activation and is ignored
/// (may be null) for every other kind. This is the one definition of the
/// activation formulas, shared by the standalone activation ops and by the
/// fused epilogue of `rect.linear`.
mlir::Value emitActivation(mlir::OpBuilder &builder, mlir::Location loc,
                           rect::ActivationAttr activation, mlir::Value x,
                           mlir::Value slope = {});

} // namespace rectify

#endif // RECTIFY_CONVERSION_RECTTOLINALG_RECTTOLINALG_H
