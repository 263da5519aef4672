//===- CopiesToLoops.cpp - Copies and strided fills as vector rows --------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

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

/// Loops over every dimension of `type` but the innermost, built at the
/// rewriter's insertion point, which is left inside the innermost loop.
/// Returns the indices of a row's first element; `threadLoop` is set to the
/// first loop of more than one iteration.
SmallVector<Value> buildRowLoops(RewriterBase &rewriter, Location loc,
                                 Value memref, scf::ForOp &threadLoop) {
  auto type = cast<MemRefType>(memref.getType());
  int64_t rank = type.getRank();
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  SmallVector<Value> indices;
  for (int64_t d = 0; d + 1 < rank; ++d) {
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

/// Fills `fill`'s memref row by row like copyByVectorRows, each row one
/// vector store of the value. LLVM would otherwise vectorize the loop over
/// short strided rows (a padded buffer's border columns) into scatters, or
/// extract every address from a vector of them.
void fillByVectorRows(RewriterBase &rewriter, linalg::FillOp fill) {
  Location loc = fill.getLoc();
  Value target = fill.getDpsInits()[0];
  auto type = cast<MemRefType>(target.getType());
  auto rowType = VectorType::get({type.getDimSize(type.getRank() - 1)},
                                 type.getElementType());
  int64_t rows = 1;
  for (int64_t d = 0; d + 1 < type.getRank(); ++d)
    rows = type.isDynamicDim(d) ? kMinParallelFillRows
                                : rows * type.getDimSize(d);
  bool nested = isNested(fill);
  Value row = vector::BroadcastOp::create(rewriter, loc, rowType,
                                          fill.getDpsInputs()[0]);
  scf::ForOp threadLoop;
  SmallVector<Value> indices = buildRowLoops(rewriter, loc, target, threadLoop);
  SmallVector<bool> inBounds = {true};
  vector::TransferWriteOp::create(rewriter, loc, row, target, indices,
                                  inBounds);
  if (threadLoop && rows >= kMinParallelFillRows && !nested)
    threadLoop->setAttr("rectify.parallel", rewriter.getUnitAttr());
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
    for (linalg::FillOp fill : fills) {
      rewriter.setInsertionPoint(fill);
      fillByVectorRows(rewriter, fill);
      rewriter.eraseOp(fill);
    }
  }
};

} // namespace
