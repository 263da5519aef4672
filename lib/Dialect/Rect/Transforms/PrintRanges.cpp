//===- PrintRanges.cpp - Print the value-range analysis as remarks --------===//
//
// The rect-print-ranges test pass: one remark per op result with its interval
// (and, for rect.linear and rect.conv, the per-feature or per-channel
// pre-activation), so lit tests check the analysis.
//
//===----------------------------------------------------------------------===//

#include "rectify/Analysis/ValueRange.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "llvm/Support/raw_ostream.h"

namespace rectify::rect {
#define GEN_PASS_DEF_RECTPRINTRANGES
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"
} // namespace rectify::rect

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;

namespace {

struct RectPrintRangesPass
    : rectify::rect::impl::RectPrintRangesBase<RectPrintRangesPass> {
  using Base::Base;

  void runOnOperation() override {
    FailureOr<SmallVector<InputRange>> seeds =
        collectInputRanges(getOperation(), inputRanges);
    if (failed(seeds))
      return signalPassFailure();
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      FailureOr<ValueRangeAnalysis> analysis =
          ValueRangeAnalysis::run(func, *seeds);
      if (failed(analysis))
        return signalPassFailure();
      func.walk([&](Operation *op) {
        for (Value result : op->getResults()) {
          const TensorRange *range = analysis->lookup(result);
          if (!range)
            continue;
          std::string text;
          llvm::raw_string_ostream os(text);
          os << "range ";
          printRange(os, *range);
          if (const SmallVector<Interval> *pre =
                  analysis->lookupPreActivation(op)) {
            TensorRange preRange;
            preRange.shape = {static_cast<int64_t>(pre->size())};
            preRange.elements = *pre;
            os << "; pre-activation ";
            printRange(os, preRange);
          }
          op->emitRemark() << text;
        }
      });
    }
  }
};

} // namespace
