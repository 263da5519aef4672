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

void rectify::buildRectOptimizePipeline(OpPassManager &pm) {
  // Canonical spellings first (clip(0, 6) -> relu6, max(x, 0) -> relu), so
  // the recognisers and fusions see one form.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(rect::createRectRecognizeActivations());
  pm.addPass(rect::createRectFormLinear());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(rect::createRectFuseActivation());
  // Fused non-negative activations make following ReLUs redundant.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
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
