//===- MaskedAccumulators.cpp - Masked accumulators out of K loops --------===//
//
// A register tile whose columns are a dynamic remainder is vectorized with
// masks: its K loop then reads the accumulator tile from the tensor and
// writes it back on every iteration, with the reads, writes and the
// broadcasts that no longer fit the registers going through memory. The
// masked lanes are never stored, so carrying the whole vector across
// iterations instead computes the same stored values.
//
//===----------------------------------------------------------------------===//

#include "MaskedAccumulators.h"

#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

using namespace mlir;

namespace {

/// The masked transfer (of type `OpTy`) that `use` feeds as its tensor.
template <typename OpTy>
std::pair<vector::MaskOp, OpTy> maskedTransferOf(OpOperand &use) {
  auto transfer = dyn_cast<OpTy>(use.getOwner());
  if (!transfer || use.get() != transfer.getBase())
    return {};
  auto mask = dyn_cast<vector::MaskOp>(transfer->getParentOp());
  if (!mask)
    return {};
  return {mask, transfer};
}

struct MaskedAccumulator {
  unsigned index;
  vector::MaskOp readMask, writeMask;
  vector::TransferReadOp read;
  vector::TransferWriteOp write;
};

/// The accumulator carried at iter_arg `index`, if it has that form: read
/// once and written once, with the same loop-invariant mask and indices, the
/// write yielded as the next value.
std::optional<MaskedAccumulator> matchAccumulator(scf::ForOp loop,
                                                  unsigned index) {
  BlockArgument arg = loop.getRegionIterArg(index);
  if (!arg.hasNUses(2))
    return std::nullopt;
  MaskedAccumulator acc{index, {}, {}, {}, {}};
  for (OpOperand &use : arg.getUses()) {
    if (auto [mask, read] = maskedTransferOf<vector::TransferReadOp>(use); read)
      std::tie(acc.readMask, acc.read) = std::make_pair(mask, read);
    else if (auto [mask, write] =
                 maskedTransferOf<vector::TransferWriteOp>(use);
             write)
      std::tie(acc.writeMask, acc.write) = std::make_pair(mask, write);
  }
  if (!acc.read || !acc.write)
    return std::nullopt;
  Operation *yield = loop.getBody()->getTerminator();
  bool invariant =
      loop.isDefinedOutsideOfLoop(acc.readMask.getMask()) &&
      llvm::all_of(acc.read.getIndices(), [&](Value v) {
        return loop.isDefinedOutsideOfLoop(v);
      });
  if (!invariant || acc.readMask.getMask() != acc.writeMask.getMask() ||
      acc.read.getIndices() != acc.write.getIndices() ||
      acc.read.getPermutationMap() != acc.write.getPermutationMap() ||
      acc.read.getVectorType() != acc.write.getVectorType() ||
      acc.readMask->getBlock() != loop.getBody() ||
      acc.writeMask->getBlock() != loop.getBody() ||
      !acc.readMask->isBeforeInBlock(acc.writeMask) ||
      !acc.writeMask->hasOneUse() ||
      yield->getOperand(index) != acc.writeMask->getResult(0))
    return std::nullopt;
  return acc;
}

} // namespace

scf::ForOp rectify::cpu::hoistMaskedAccumulators(RewriterBase &rewriter,
                                                 scf::ForOp loop) {
  for (unsigned index = 0; index < loop.getNumRegionIterArgs(); ++index) {
    std::optional<MaskedAccumulator> acc = matchAccumulator(loop, index);
    if (!acc)
      continue;
    // The first read, now before the loop, of the incoming tensor.
    rewriter.setInsertionPoint(loop);
    IRMapping before;
    before.map(loop.getRegionIterArg(index), loop.getInitArgs()[index]);
    Value initial = rewriter.clone(*acc->readMask, before)->getResult(0);
    Value written = acc->write.getVector();
    FailureOr<LoopLikeOpInterface> replaced = loop.replaceWithAdditionalYields(
        rewriter, initial, /*replaceInitOperandUsesInLoop=*/false,
        [&](OpBuilder &, Location, ArrayRef<BlockArgument>) {
          return SmallVector<Value>{written};
        });
    if (failed(replaced))
      return loop;
    loop = cast<scf::ForOp>(replaced->getOperation());
    BlockArgument carried = loop.getRegionIterArgs().back();
    // Inside: the carried vector replaces the read; the tensor passes
    // through unchanged.
    rewriter.replaceAllUsesWith(acc->readMask->getResult(0), carried);
    rewriter.eraseOp(acc->readMask);
    Operation *yield = loop.getBody()->getTerminator();
    rewriter.modifyOpInPlace(yield, [&] {
      yield->setOperand(index, loop.getRegionIterArg(index));
    });
    // After: one masked write of the final vector.
    rewriter.setInsertionPointAfter(loop);
    IRMapping after;
    after.map(written, loop.getResults().back());
    after.map(loop.getRegionIterArg(index), loop.getResult(index));
    Operation *finalWrite = rewriter.clone(*acc->writeMask, after);
    // Every use but the final write's own (nested in its mask region).
    rewriter.replaceUsesWithIf(
        loop.getResult(index), finalWrite->getResult(0),
        [&](OpOperand &use) { return !finalWrite->isAncestor(use.getOwner()); });
    rewriter.eraseOp(acc->writeMask);
  }
  return loop;
}

scf::ForOp rectify::cpu::hoistTileAccumulator(RewriterBase &rewriter,
                                              scf::ForOp loop,
                                              DominanceInfo *dominance) {
  moveLoopInvariantCode(cast<LoopLikeOpInterface>(loop.getOperation()));
  if (dominance)
    eliminateCommonSubExpressions(rewriter, *dominance, loop->getParentOp());
  auto hoisted = cast<scf::ForOp>(
      hoistLoopInvariantSubsets(rewriter,
                                cast<LoopLikeOpInterface>(loop.getOperation()))
          .getOperation());
  return hoistMaskedAccumulators(rewriter, hoisted);
}
