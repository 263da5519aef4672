//===- RectToLinalgPass.cpp - The convert-rect-to-linalg pass -------------===//
//
// A full dialect conversion: every rect op must be lowered, and one without a
// pattern is reported by name ("failed to legalize operation 'rect.xyz'").
// Tensor types are unchanged, so no type converter is needed and function
// signatures (with their rect.name attributes) are left alone.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"

#include "rectify/Conversion/Passes.h"
#include "rectify/Dialect/Rect/IR/RectDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace rectify {
#define GEN_PASS_DEF_CONVERTRECTTOLINALGPASS
#include "rectify/Conversion/Passes.h.inc"
} // namespace rectify

using namespace mlir;
using namespace rectify;

void rectify::populateRectToLinalgPatterns(RewritePatternSet &patterns,
                                           bool namedWindowOps,
                                           bool concatByInsertion,
                                           bool winograd) {
  rect_to_linalg::populateElementwisePatterns(patterns);
  rect_to_linalg::populateLinearPatterns(patterns);
  rect_to_linalg::populateShapePatterns(patterns);
  rect_to_linalg::populateSoftmaxPatterns(patterns);
  rect_to_linalg::populateConvPatterns(patterns, namedWindowOps, winograd);
  rect_to_linalg::populatePoolingPatterns(patterns, namedWindowOps);
  rect_to_linalg::populateConvNormalizationPatterns(patterns);
  rect_to_linalg::populateTensorPatterns(patterns, concatByInsertion);
  rect_to_linalg::populateReductionPatterns(patterns);
  rect_to_linalg::populateNormalizationPatterns(patterns);
  rect_to_linalg::populateRecurrentPatterns(patterns);
  rect_to_linalg::populateResizePatterns(patterns);
  rect_to_linalg::populateFillPatterns(patterns);
}

void rectify::registerConversionPasses() { registerRectifyConversionPasses(); }

namespace {

class ConvertRectToLinalgPass
    : public rectify::impl::ConvertRectToLinalgPassBase<
          ConvertRectToLinalgPass> {
public:
  using ConvertRectToLinalgPassBase::ConvertRectToLinalgPassBase;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    ConversionTarget target(*context);
    target.addIllegalDialect<rect::RectDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(context);
    populateRectToLinalgPatterns(patterns, namedWindowOps, concatByInsertion,
                                 winograd);
    if (failed(
            applyFullConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
