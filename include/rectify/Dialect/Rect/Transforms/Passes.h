//===- Passes.h - rect graph-level passes and pipelines ---------*- C++ -*-===//
#ifndef RECTIFY_DIALECT_RECT_TRANSFORMS_PASSES_H
#define RECTIFY_DIALECT_RECT_TRANSFORMS_PASSES_H

#include "rectify/Dialect/Rect/IR/RectDialect.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace rectify {
namespace rect {

#define GEN_PASS_DECL
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"

} // namespace rect

/// Adds the graph-level optimization pipeline (`--rect-optimize`) to `pm`:
/// the fusion pipeline followed by the pruning pipeline.
void buildRectOptimizePipeline(mlir::OpPassManager &pm);
/// The first part of --rect-optimize: canonical forms, recognised
/// activations, linear layers, folded batch norms and fused epilogues.
void buildRectFusionPipeline(mlir::OpPassManager &pm);
/// The second part: range analysis, dead-ReLU elimination and pruning.
void buildRectPruningPipeline(mlir::OpPassManager &pm);

/// Registers the rect graph-level passes and the `rect-optimize` pipeline.
void registerRectTransformPasses();

} // namespace rectify

#endif // RECTIFY_DIALECT_RECT_TRANSFORMS_PASSES_H
