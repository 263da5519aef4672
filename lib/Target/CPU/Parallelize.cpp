//===- Parallelize.cpp - Marked tile loops to scf.parallel ----------------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUPARALLELIZE
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

struct CPUParallelizePass
    : rectify::cpu::impl::CPUParallelizeBase<CPUParallelizePass> {
  void runOnOperation() override {
    SmallVector<scf::ForOp> marked;
    // Outer loops first: a marked loop inside one already made parallel
    // stays sequential (no nested parallel regions).
    getOperation().walk<WalkOrder::PreOrder>([&](scf::ForOp loop) {
      if (loop->hasAttr("rectify.parallel"))
        marked.push_back(loop);
    });
    IRRewriter rewriter(&getContext());
    for (scf::ForOp loop : marked) {
      loop->removeAttr("rectify.parallel");
      // Still carrying values means bufferization kept a dependence between
      // iterations: leave the loop sequential.
      if (loop.getNumResults() != 0 || loop->getParentOfType<scf::ParallelOp>())
        continue;
      rewriter.setInsertionPoint(loop);
      auto parallel = scf::ParallelOp::create(
          rewriter, loop.getLoc(), ValueRange{loop.getLowerBound()},
          ValueRange{loop.getUpperBound()}, ValueRange{loop.getStep()});
      Block *body = parallel.getBody();
      rewriter.eraseOp(body->getTerminator());
      rewriter.mergeBlocks(loop.getBody(), body, body->getArguments());
      // The for loop's scf.yield becomes the parallel loop's terminator.
      auto yield = cast<scf::YieldOp>(body->getTerminator());
      rewriter.setInsertionPoint(yield);
      scf::ReduceOp::create(rewriter, yield.getLoc());
      rewriter.eraseOp(yield);
      rewriter.eraseOp(loop);
    }
  }
};

} // namespace
