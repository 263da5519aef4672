//===- CopiesToLoops.cpp - memref.copy as vector rows or linalg.copy ------===//

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

/// Copies `copy` row by row: scf.for loops over the outer dimensions, one
/// vector.transfer_read/write of the whole (static) innermost row inside.
/// The first loop with more than one iteration is marked for threads
/// (rectify-cpu-parallelize) when the copy is large and not already inside
/// a loop (the tiles of an op, which get threads of their own).
void copyByVectorRows(RewriterBase &rewriter, memref::CopyOp copy) {
  Location loc = copy.getLoc();
  auto type = cast<MemRefType>(copy.getSource().getType());
  int64_t rank = type.getRank();
  auto rowType = VectorType::get({type.getDimSize(rank - 1)},
                                 type.getElementType());
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  Value padding = arith::ConstantOp::create(
      rewriter, loc, rewriter.getZeroAttr(type.getElementType()));
  SmallVector<Value> indices;
  scf::ForOp threadLoop;
  bool large = !type.hasStaticShape() || type.getNumElements() >= kMinParallelCopy;
  bool nested = copy->getParentOfType<scf::ForOp>() ||
                copy->getParentOfType<scf::ParallelOp>();
  for (int64_t d = 0; d + 1 < rank; ++d) {
    Value extent =
        type.isDynamicDim(d)
            ? Value(memref::DimOp::create(rewriter, loc, copy.getSource(), d))
            : Value(arith::ConstantIndexOp::create(rewriter, loc,
                                                   type.getDimSize(d)));
    auto loop = scf::ForOp::create(rewriter, loc, zero, extent, one);
    if (!threadLoop && (type.isDynamicDim(d) || type.getDimSize(d) > 1))
      threadLoop = loop;
    rewriter.setInsertionPointToStart(loop.getBody());
    indices.push_back(loop.getInductionVar());
  }
  indices.push_back(zero);
  SmallVector<bool> inBounds = {true};
  Value row = vector::TransferReadOp::create(
      rewriter, loc, rowType, copy.getSource(), indices, padding, inBounds);
  vector::TransferWriteOp::create(rewriter, loc, row, copy.getTarget(),
                                  indices, inBounds);
  if (threadLoop && large && !nested)
    threadLoop->setAttr("rectify.parallel", rewriter.getUnitAttr());
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
      int64_t rank = source.getRank();
      bool vectorRows = rank >= 1 && !source.isDynamicDim(rank - 1) &&
                        source.getDimSize(rank - 1) <= kMaxVectorRow &&
                        source.getDimSize(rank - 1) > 0 &&
                        hasContiguousRows(source) && hasContiguousRows(target);
      if (vectorRows)
        copyByVectorRows(rewriter, copy);
      else
        linalg::CopyOp::create(rewriter, copy.getLoc(), copy.getSource(),
                               copy.getTarget());
      rewriter.eraseOp(copy);
    }
  }
};

} // namespace
