//===- CopiesToLoops.cpp - Copies and strided fills as vector rows --------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUCOPIESTOLOOPS
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

/// Longest row copied as one vector (16 zmm registers of f32).
constexpr int64_t kMaxVectorRow = 256;

/// True when the innermost dimension of `type` has unit stride.
bool hasContiguousRows(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) &&
         !strides.empty() && strides.back() == 1;
}

/// Copies of at least this many elements run on threads (when the pipeline
/// has them): a padding copy of a 96x112x112 activation was a third of
/// mobilenet_v2's serial time on 2 threads; a parallel region costs a few
/// microseconds, more than copying a small tensor.
constexpr int64_t kMinParallelCopy = 1 << 15;
/// Fills of at least this many rows run on threads: a padded buffer's side
/// columns are one short row per image row and channel, each on its own
/// cache line (serial, they were 12% of mobilenet_v2's time on 2 threads).
constexpr int64_t kMinParallelFillRows = 2048;

/// Loops from `zero` by `one` over dims [first, last) of `memref`, built at
/// the rewriter's insertion point, which is left inside the innermost loop.
/// Returns their induction variables; `threadLoop` is set to the first loop
/// of more than one iteration when it is not set yet.
SmallVector<Value> buildLoops(RewriterBase &rewriter, Location loc,
                              Value memref, int64_t first, int64_t last,
                              Value zero, Value one, scf::ForOp &threadLoop) {
  auto type = cast<MemRefType>(memref.getType());
  SmallVector<Value> indices;
  for (int64_t d = first; d < last; ++d) {
    Value extent =
        type.isDynamicDim(d)
            ? Value(memref::DimOp::create(rewriter, loc, memref, d))
            : Value(arith::ConstantIndexOp::create(rewriter, loc,
                                                   type.getDimSize(d)));
    auto loop = scf::ForOp::create(rewriter, loc, zero, extent, one);
    if (!threadLoop && (type.isDynamicDim(d) || type.getDimSize(d) > 1))
      threadLoop = loop;
    rewriter.setInsertionPointToStart(loop.getBody());
    indices.push_back(loop.getInductionVar());
  }
  return indices;
}

/// buildLoops over every dim of `memref` but the innermost; returns the
/// indices of a row's first element.
SmallVector<Value> buildRowLoops(RewriterBase &rewriter, Location loc,
                                 Value memref, scf::ForOp &threadLoop) {
  int64_t rank = cast<MemRefType>(memref.getType()).getRank();
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  SmallVector<Value> indices =
      buildLoops(rewriter, loc, memref, 0, rank - 1, zero, one, threadLoop);
  indices.push_back(zero);
  return indices;
}

/// Whether `op` is inside a loop: the tiles of an op, which get threads of
/// their own.
bool isNested(Operation *op) {
  return op->getParentOfType<scf::ForOp>() ||
         op->getParentOfType<scf::ParallelOp>();
}

/// Copies `copy` row by row: scf.for loops over the outer dimensions, one
/// vector.transfer_read/write of the whole (static) innermost row inside.
/// The first loop with more than one iteration is marked for threads
/// (rectify-cpu-parallelize) when the copy is large and not nested.
void copyByVectorRows(RewriterBase &rewriter, memref::CopyOp copy) {
  Location loc = copy.getLoc();
  auto type = cast<MemRefType>(copy.getSource().getType());
  auto rowType = VectorType::get({type.getDimSize(type.getRank() - 1)},
                                 type.getElementType());
  Value padding = arith::ConstantOp::create(
      rewriter, loc, rewriter.getZeroAttr(type.getElementType()));
  bool large = !type.hasStaticShape() || type.getNumElements() >= kMinParallelCopy;
  bool nested = isNested(copy);
  scf::ForOp threadLoop;
  SmallVector<Value> indices =
      buildRowLoops(rewriter, loc, copy.getSource(), threadLoop);
  SmallVector<bool> inBounds = {true};
  Value row = vector::TransferReadOp::create(
      rewriter, loc, rowType, copy.getSource(), indices, padding, inBounds);
  vector::TransferWriteOp::create(rewriter, loc, row, copy.getTarget(),
                                  indices, inBounds);
  if (threadLoop && large && !nested)
    threadLoop->setAttr("rectify.parallel", rewriter.getUnitAttr());
}

/// Fills the memrefs of `group` row by row like copyByVectorRows, each row
/// one vector store of the value; LLVM would otherwise vectorize the loops
/// over short strided rows (a padded buffer's border columns) into
/// scatters, or extract every address from a vector of them. The fills of
/// a group (the parts of one border) share the loops over their outer dims
/// (all but the last two: batch and channels), one loop per fill over its
/// rows inside, so one parallel region writes the whole border, each plane
/// by one thread.
void fillByVectorRows(RewriterBase &rewriter, ArrayRef<linalg::FillOp> group) {
  linalg::FillOp last = group.back();
  Location loc = last.getLoc();
  auto targetOf = [](linalg::FillOp fill) { return fill.getDpsInits()[0]; };
  auto typeOf = [&](linalg::FillOp fill) {
    return cast<MemRefType>(targetOf(fill).getType());
  };
  int64_t rank = typeOf(group.front()).getRank();
  int64_t shared = group.size() == 1 ? rank - 1 : rank - 2;
  SmallVector<Value> rows;
  int64_t rowCount = 0;
  for (linalg::FillOp fill : group) {
    auto rowType = VectorType::get({typeOf(fill).getDimSize(rank - 1)},
                                   typeOf(fill).getElementType());
    rows.push_back(vector::BroadcastOp::create(rewriter, loc, rowType,
                                               fill.getDpsInputs()[0]));
    int64_t count = 1;
    for (int64_t d = 0; d + 1 < rank; ++d)
      count = typeOf(fill).isDynamicDim(d) ? kMinParallelFillRows
                                           : count * typeOf(fill).getDimSize(d);
    rowCount += count;
  }
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  scf::ForOp threadLoop;
  SmallVector<Value> outer = buildLoops(rewriter, loc, targetOf(group.front()),
                                        0, shared, zero, one, threadLoop);
  SmallVector<bool> inBounds = {true};
  for (auto [fill, row] : llvm::zip(group, rows)) {
    OpBuilder::InsertionGuard guard(rewriter);
    scf::ForOp unused;
    SmallVector<Value> indices(outer);
    llvm::append_range(indices,
                       buildLoops(rewriter, loc, targetOf(fill), shared,
                                  rank - 1, zero, one, unused));
    indices.push_back(zero);
    vector::TransferWriteOp::create(rewriter, loc, row, targetOf(fill), indices,
                                    inBounds);
  }
  if (threadLoop && rowCount >= kMinParallelFillRows && !isNested(last))
    threadLoop->setAttr("rectify.parallel", rewriter.getUnitAttr());
}

/// Whether `next` can join the group of fills ending with `last`: in the
/// same block, after it with only memory-effect-free ops (views) between,
/// and with the same static outer dims (all but the last two).
bool joinsFillGroup(linalg::FillOp last, linalg::FillOp next) {
  if (next->getBlock() != last->getBlock())
    return false;
  auto lastType = cast<MemRefType>(last.getDpsInits()[0].getType());
  auto nextType = cast<MemRefType>(next.getDpsInits()[0].getType());
  int64_t rank = lastType.getRank();
  if (rank < 3 || nextType.getRank() != rank ||
      lastType.getShape().drop_back(2) != nextType.getShape().drop_back(2) ||
      ShapedType::isDynamicShape(lastType.getShape().drop_back(2)))
    return false;
  for (Operation *op = last->getNextNode(); op != next; op = op->getNextNode())
    if (!op || !isMemoryEffectFree(op))
      return false;
  return true;
}

/// Whether rows of `type` are short enough to be single vectors.
bool hasVectorRows(MemRefType type) {
  int64_t rank = type.getRank();
  return rank >= 1 && !type.isDynamicDim(rank - 1) &&
         type.getDimSize(rank - 1) <= kMaxVectorRow &&
         type.getDimSize(rank - 1) > 0 && hasContiguousRows(type);
}

struct CPUCopiesToLoopsPass
    : rectify::cpu::impl::CPUCopiesToLoopsBase<CPUCopiesToLoopsPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) { copies.push_back(copy); });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      auto source = cast<MemRefType>(copy.getSource().getType());
      auto target = cast<MemRefType>(copy.getTarget().getType());
      if (hasVectorRows(source) && hasContiguousRows(target))
        copyByVectorRows(rewriter, copy);
      else
        linalg::CopyOp::create(rewriter, copy.getLoc(), copy.getSource(),
                               copy.getTarget());
      rewriter.eraseOp(copy);
    }
    // Fills of strided boxes (a padded buffer's border); a contiguous fill
    // is left to LLVM's memset.
    SmallVector<linalg::FillOp> fills;
    getOperation().walk([&](linalg::FillOp fill) {
      auto type = dyn_cast<MemRefType>(fill.getDpsInits()[0].getType());
      if (fill.hasPureBufferSemantics() && type && type.getRank() >= 2 &&
          hasVectorRows(type) && !type.areTrailingDimsContiguous(type.getRank()))
        fills.push_back(fill);
    });
    SmallVector<SmallVector<linalg::FillOp>> groups;
    for (linalg::FillOp fill : fills) {
      if (groups.empty() || !joinsFillGroup(groups.back().back(), fill))
        groups.emplace_back();
      groups.back().push_back(fill);
    }
    for (ArrayRef<linalg::FillOp> group : groups) {
      // The loops go where the last fill was: every target is defined by
      // then.
      rewriter.setInsertionPoint(group.back());
      fillByVectorRows(rewriter, group);
      for (linalg::FillOp fill : group)
        rewriter.eraseOp(fill);
    }
  }
};

} // namespace
