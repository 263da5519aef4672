//===- FuseParallelLoops.cpp - Per-thread producer-consumer fusion --------===//

#include "MemoryAccess.h"
#include "rectify/Target/GPU/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUFUSEPARALLELLOOPS
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;
using rectify::gpu::getAllocationRoot;

namespace {

/// How a loop nest uses one buffer.
struct BufferUse {
  bool written = false;
  bool onlyAtInductionVars = true;
};

/// The buffers `loop` reads and writes; nullopt when an operation's memory
/// effects are unknown.
std::optional<llvm::MapVector<Value, BufferUse>>
collectBufferUses(scf::ParallelOp loop) {
  llvm::MapVector<Value, BufferUse> uses;
  SmallVector<Value> ivs = loop.getInductionVars();
  bool analyzable = true;
  loop.getBody()->walk([&](Operation *op) {
    if (!rectify::gpu::hasOnlyAnalyzableEffects(op)) {
      analyzable = false;
      return WalkResult::interrupt();
    }
    Value memref;
    ValueRange indices;
    bool write = false;
    if (auto load = dyn_cast<memref::LoadOp>(op)) {
      memref = load.getMemRef();
      indices = load.getIndices();
    } else if (auto store = dyn_cast<memref::StoreOp>(op)) {
      memref = store.getMemRef();
      indices = store.getIndices();
      write = true;
    } else {
      return WalkResult::advance();
    }
    BufferUse &use = uses[memref];
    use.written |= write;
    use.onlyAtInductionVars &= llvm::equal(indices, ivs);
    return WalkResult::advance();
  });
  if (!analyzable)
    return std::nullopt;
  return uses;
}

bool sameIterationSpace(scf::ParallelOp first, scf::ParallelOp second) {
  return first.getNumResults() == 0 && second.getNumResults() == 0 &&
         llvm::equal(first.getLowerBound(), second.getLowerBound()) &&
         llvm::equal(first.getUpperBound(), second.getUpperBound()) &&
         llvm::equal(first.getStep(), second.getStep());
}

/// Whether iteration i of `second` only needs iteration i of `first`, and
/// `second` uses a buffer that `first` writes. Independent nests stay apart:
/// a fill of the next layer's accumulator then fuses with that layer's
/// reduction (whose initial value it becomes), not with the layer before.
bool onlyPerIterationDependences(scf::ParallelOp first,
                                 scf::ParallelOp second) {
  auto firstUses = collectBufferUses(first);
  auto secondUses = collectBufferUses(second);
  if (!firstUses || !secondUses)
    return false;
  bool flows = llvm::any_of(*firstUses, [&](auto &entry) {
    return entry.second.written && secondUses->contains(entry.first);
  });
  if (!flows)
    return false;
  for (auto &[a, useA] : *firstUses) {
    for (auto &[b, useB] : *secondUses) {
      if (!useA.written && !useB.written)
        continue;
      if (getAllocationRoot(a) != getAllocationRoot(b))
        continue;
      if (a != b || !useA.onlyAtInductionVars || !useB.onlyAtInductionVars)
        return false;
    }
  }
  return true;
}

/// Moves the operations between the nests above `first`, if they can go.
bool hoistOpsBetween(scf::ParallelOp first, scf::ParallelOp second,
                     DominanceInfo &dominance) {
  SmallVector<Operation *> between;
  for (Operation *op = first->getNextNode(); op != second;
       op = op->getNextNode()) {
    bool movable = isa<memref::AllocOp>(op) || isMemoryEffectFree(op);
    if (!movable || op->getNumRegions() != 0)
      return false;
    for (Value operand : op->getOperands())
      if (!dominance.properlyDominates(operand, first) &&
          !llvm::is_contained(between, operand.getDefiningOp()))
        return false;
    between.push_back(op);
  }
  for (Operation *op : between)
    op->moveBefore(first);
  return true;
}

void fuseInto(scf::ParallelOp first, scf::ParallelOp second,
              RewriterBase &rewriter) {
  Block *body = second.getBody();
  rewriter.eraseOp(body->getTerminator());
  rewriter.inlineBlockBefore(body, first.getBody()->getTerminator(),
                             first.getInductionVars());
  rewriter.eraseOp(second);
}

struct GPUFuseParallelLoopsPass
    : rectify::gpu::impl::GPUFuseParallelLoopsBase<GPUFuseParallelLoopsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<Block *> blocks;
    getOperation().walk([&](Block *block) {
      if (!block->getParentOp()->getParentOfType<scf::ParallelOp>() &&
          !isa<scf::ParallelOp>(block->getParentOp()))
        blocks.push_back(block);
    });
    for (Block *block : blocks) {
      scf::ParallelOp first;
      for (Operation *op = &block->front(); op;) {
        auto loop = dyn_cast<scf::ParallelOp>(op);
        Operation *next = op->getNextNode();
        if (!loop) {
          op = next;
          continue;
        }
        DominanceInfo dominance(getOperation());
        if (first && sameIterationSpace(first, loop) &&
            onlyPerIterationDependences(first, loop) &&
            hoistOpsBetween(first, loop, dominance)) {
          fuseInto(first, loop, rewriter);
        } else {
          first = loop;
        }
        op = next;
      }
    }
  }
};

} // namespace
