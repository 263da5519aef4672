//===- CopiesToLoops.cpp - memref.copy as linalg.copy ---------------------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUCOPIESTOLOOPS
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

struct CPUCopiesToLoopsPass
    : rectify::cpu::impl::CPUCopiesToLoopsBase<CPUCopiesToLoopsPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) { copies.push_back(copy); });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      linalg::CopyOp::create(rewriter, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      rewriter.eraseOp(copy);
    }
  }
};

} // namespace
