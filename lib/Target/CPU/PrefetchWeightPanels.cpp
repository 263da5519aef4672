//===- PrefetchWeightPanels.cpp - The next weight panel, fetched early ----===//
//
// Implements rectify-cpu-prefetch-weight-panels. A product whose packed
// weight is too large to stay cached between runs (resnet18's 3x3 convs of
// 2.4 and 9.4 MiB) reads each panel from memory on its first row tile, at
// the FMA rate: 128 bytes per 16 FMAs, more than twice what memory
// delivers, so that row tile waits; the panel's later row tiles hit L2.
// Each read of a panel inside the reduction loops is preceded by prefetches
// into L2 of the same lines of the next panel, issued in the second row
// tile, so the next panel streams in while the current one is reused.
//
//===----------------------------------------------------------------------===//

#include "ReductionLoops.h"
#include "rectify/Target/CPU/Passes.h"
#include "rectify/Target/CPU/TileSizes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/MapVector.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUPREFETCHWEIGHTPANELS
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;
using rectify::cpu::isInvariantIn;
using rectify::cpu::outermostReductionLoop;

namespace {

/// Locality hint of an L2 prefetch (prefetcht1): a panel is larger than L1.
constexpr uint32_t kL2Locality = 2;

/// The loop whose second iteration prefetches for the reads in the
/// reduction loops `reduction`: the nearest loop outside them with several
/// iterations (the row tiles), over which the panels stay the same. Null
/// when the panel changes with that loop (one row tile, as at batch 1):
/// the panels are then read once each, in order, a stream the hardware
/// prefetcher follows (prefetching there made the 1x4096x4096 GEMV 25%
/// slower).
scf::ForOp rowTileLoop(scf::ForOp reduction,
                       ArrayRef<vector::TransferReadOp> reads) {
  for (auto loop = reduction->getParentOfType<scf::ForOp>(); loop;
       loop = loop->getParentOfType<scf::ForOp>()) {
    std::optional<APInt> trips = loop.getStaticTripCount();
    if (!trips || trips->ule(1))
      continue;
    bool samePanels = llvm::all_of(reads, [&](vector::TransferReadOp read) {
      return isInvariantIn(read.getIndices()[0], loop);
    });
    return samePanels ? loop : scf::ForOp();
  }
  return {};
}

/// Prefetches of the lines `read` covers, one panel further along dim 0
/// (the last panel prefetches itself), inserted before `read`.
void prefetchNextPanel(RewriterBase &rewriter, vector::TransferReadOp read) {
  auto type = cast<MemRefType>(read.getBase().getType());
  VectorType vectorType = read.getVectorType();
  int64_t elementBytes = type.getElementTypeBitWidth() / 8;
  int64_t rowElements = vectorType.getShape().back();
  int64_t rows = vectorType.getNumElements() / rowElements;
  int64_t lineElements = rectify::cpu::kCacheLineBytes / elementBytes;
  Location loc = read.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(read);
  SmallVector<Value> indices(read.getIndices());
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  Value last =
      arith::ConstantIndexOp::create(rewriter, loc, type.getDimSize(0) - 1);
  Value next = arith::AddIOp::create(rewriter, loc, indices[0], one);
  indices[0] = arith::MinSIOp::create(rewriter, loc, next, last);
  // The rows of the read are consecutive along its second-to-last index
  // (the reduction steps of a panel) and contiguous in memory.
  unsigned rowDim = indices.size() - 2;
  Value firstRow = indices[rowDim];
  Value firstColumn = indices.back();
  for (int64_t row = 0; row < rows; ++row) {
    for (int64_t column = 0; column < rowElements; column += lineElements) {
      SmallVector<Value> at(indices);
      if (row > 0)
        at[rowDim] = arith::AddIOp::create(
            rewriter, loc, firstRow,
            arith::ConstantIndexOp::create(rewriter, loc, row));
      if (column > 0)
        at.back() = arith::AddIOp::create(
            rewriter, loc, firstColumn,
            arith::ConstantIndexOp::create(rewriter, loc, column));
      memref::PrefetchOp::create(rewriter, loc, read.getBase(), at,
                                 /*isWrite=*/false, kL2Locality,
                                 /*isDataCache=*/true);
    }
  }
}

/// Adds the prefetches for `reads` in the reduction loops `reduction`. With
/// row tiles reusing the panels, the reduction loops are versioned: the
/// second row tile runs a copy with the prefetches, so the next panel is
/// fetched once while the first row tile has memory to itself, and the
/// other row tiles run without them (the prefetch instructions in every
/// row tile cost 8% when the weight is cached; inside an scf.if in the
/// loop body, 40%).
void prefetchNextPanels(RewriterBase &rewriter, scf::ForOp reduction,
                        ArrayRef<vector::TransferReadOp> reads) {
  scf::ForOp rows = rowTileLoop(reduction, reads);
  if (!rows)
    return;
  Location loc = reduction.getLoc();
  rewriter.setInsertionPoint(reduction);
  Value second = arith::AddIOp::create(rewriter, loc, rows.getLowerBound(),
                                       rows.getStep());
  Value isSecond = arith::CmpIOp::create(
      rewriter, loc, arith::CmpIPredicate::eq, rows.getInductionVar(), second);
  IRMapping withPrefetches;
  auto versions = scf::IfOp::create(
      rewriter, loc, isSecond,
      [&](OpBuilder &b, Location l) {
        Operation *copy = b.clone(*reduction, withPrefetches);
        scf::YieldOp::create(b, l, copy->getResults());
      },
      [&](OpBuilder &b, Location l) {
        Operation *copy = b.clone(*reduction);
        scf::YieldOp::create(b, l, copy->getResults());
      });
  for (vector::TransferReadOp read : reads)
    prefetchNextPanel(rewriter, cast<vector::TransferReadOp>(
                                    withPrefetches.lookup(read.getOperation())));
  rewriter.replaceOp(reduction, versions.getResults());
}

struct CPUPrefetchWeightPanelsPass
    : rectify::cpu::impl::CPUPrefetchWeightPanelsBase<
          CPUPrefetchWeightPanelsPass> {
  void runOnOperation() override {
    llvm::MapVector<scf::ForOp, SmallVector<vector::TransferReadOp>> reads;
    getOperation().walk([&](vector::TransferReadOp read) {
      auto type = dyn_cast<MemRefType>(read.getBase().getType());
      if (!type || !read.getBase().getDefiningOp<memref::GetGlobalOp>() ||
          type.getRank() < 3 || !type.hasStaticShape() ||
          type.getDimSize(0) < 2 || !type.getLayout().isIdentity() ||
          type.getNumElements() * type.getElementTypeBitWidth() / 8 <
              rectify::cpu::kL2BudgetBytes ||
          read.getVectorType().getRank() > 2 || read.getMask())
        return;
      // Panels are whole rows of the read: its last dim is the panel width.
      if (read.getVectorType().getShape().back() != type.getShape().back())
        return;
      scf::ForOp reduction = outermostReductionLoop(read);
      if (!reduction || !isInvariantIn(read.getIndices()[0], reduction))
        return;
      reads[reduction].push_back(read);
    });
    IRRewriter rewriter(&getContext());
    for (auto &[reduction, panelReads] : reads)
      prefetchNextPanels(rewriter, reduction, panelReads);
  }
};

} // namespace
