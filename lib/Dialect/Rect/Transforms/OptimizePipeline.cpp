//===- OptimizePipeline.cpp - The rect-optimize pass pipeline -------------===//
//
// The graph-level optimization pipeline, `--rect-optimize`, and the
// registration of the rect graph-level passes.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void rectify::buildRectFusionPipeline(OpPassManager &pm) {
  // Canonical spellings first (clip(0, 6) -> relu6, max(x, 0) -> relu), so
  // the recognisers and fusions see one form.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(rect::createRectRecognizeActivations());
  pm.addPass(rect::createRectFormLinear());
  pm.addPass(createCanonicalizerPass());
  // Batch norms and per-channel constant scales/shifts into conv/linear
  // weights, so the activation after them meets the conv/linear directly.
  pm.addPass(rect::createRectFoldBatchNorm());
  pm.addPass(rect::createRectFuseActivation());
  // Residual adds and activations into convs (ReLU moved before max pools).
  pm.addPass(rect::createRectFuseConv());
  // Fused non-negative activations make following ReLUs redundant.
  pm.addPass(createCanonicalizerPass());
}

void rectify::buildRectPruningPipeline(OpPassManager &pm) {
  // Value ranges (seeded by the module's rect.input_ranges): dead and
  // always-active ReLUs, then structural pruning of dead neurons.
  pm.addPass(rect::createRectEliminateDeadRelus());
  pm.addPass(rect::createRectPruneDeadNeurons());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void rectify::buildRectOptimizePipeline(OpPassManager &pm) {
  buildRectFusionPipeline(pm);
  buildRectPruningPipeline(pm);
}

void rectify::registerRectTransformPasses() {
  // Registering a name twice is an error; callers may not know who did first.
  static bool registered = [] {
    rect::registerRectPasses();
    PassPipelineRegistration<>(
        "rect-optimize",
        "Graph-level optimization of the rect dialect: canonicalize, "
        "recognise decomposed activations, form linear layers, fuse "
        "activations, CSE",
        buildRectOptimizePipeline);
    return true;
  }();
  (void)registered;
}
