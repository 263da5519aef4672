//===- PromoteAccumulators.cpp - Reduction accumulators in registers ------===//

#include "rectify/Target/GPU/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUPROMOTEACCUMULATORS
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;

namespace {

/// The load and store of one accumulator in a loop body.
struct Accumulator {
  memref::LoadOp load;
  memref::StoreOp store;
};

/// Finds a buffer that `loop` only reads and writes once, at the same
/// loop-invariant indices, both directly in its body, the load first.
std::optional<Accumulator> findAccumulator(scf::ForOp loop) {
  Block *body = loop.getBody();
  for (auto store : body->getOps<memref::StoreOp>()) {
    Value buffer = store.getMemRef();
    if (!loop.isDefinedOutsideOfLoop(buffer) ||
        !llvm::all_of(store.getIndices(), [&](Value index) {
          return loop.isDefinedOutsideOfLoop(index);
        }))
      continue;
    memref::LoadOp load;
    bool onlyThesePairs = true;
    for (OpOperand &use : buffer.getUses()) {
      Operation *user = use.getOwner();
      if (!loop->isAncestor(user) || user == store)
        continue;
      auto candidate = dyn_cast<memref::LoadOp>(user);
      if (!candidate || load || candidate->getBlock() != body ||
          !llvm::equal(candidate.getIndices(), store.getIndices()) ||
          !candidate->isBeforeInBlock(store)) {
        onlyThesePairs = false;
        break;
      }
      load = candidate;
    }
    if (onlyThesePairs && load)
      return Accumulator{load, store};
  }
  return std::nullopt;
}

void promote(scf::ForOp loop, Accumulator accumulator, RewriterBase &rewriter) {
  memref::LoadOp load = accumulator.load;
  memref::StoreOp store = accumulator.store;
  rewriter.setInsertionPoint(loop);
  Value initial = memref::LoadOp::create(rewriter, load.getLoc(),
                                         load.getMemRef(), load.getIndices());
  Value stored = store.getValueToStore();
  FailureOr<LoopLikeOpInterface> grown = loop.replaceWithAdditionalYields(
      rewriter, initial, /*replaceInitOperandUsesInLoop=*/false,
      [&](OpBuilder &, Location, ArrayRef<BlockArgument>) {
        return SmallVector<Value>{stored};
      });
  if (failed(grown))
    return;
  auto newLoop = cast<scf::ForOp>(grown->getOperation());
  rewriter.replaceOp(load, newLoop.getRegionIterArgs().back());
  rewriter.setInsertionPointAfter(newLoop);
  memref::StoreOp::create(rewriter, store.getLoc(), newLoop.getResults().back(),
                          store.getMemRef(), store.getIndices());
  rewriter.eraseOp(store);
}

struct GPUPromoteAccumulatorsPass
    : rectify::gpu::impl::GPUPromoteAccumulatorsBase<
          GPUPromoteAccumulatorsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // Post-order: inner loops first, so their promoted load and store become
    // candidates of the enclosing loop. A loop can carry several
    // accumulators; each promotion replaces the loop, so walk again.
    bool changed = true;
    while (changed) {
      changed = false;
      getOperation().walk([&](scf::ForOp loop) {
        std::optional<Accumulator> accumulator = findAccumulator(loop);
        if (!accumulator)
          return WalkResult::advance();
        promote(loop, *accumulator, rewriter);
        changed = true;
        return WalkResult::interrupt();
      });
    }
  }
};

} // namespace
