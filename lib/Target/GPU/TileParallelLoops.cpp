//===- TileParallelLoops.cpp - Parallel loops to workgroups and threads ---===//

#include "rectify/Target/GPU/Passes.h"

#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/MathExtras.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUTILEPARALLELLOOPS
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;

namespace {

constexpr int64_t kMaxMappedDims = 3;
constexpr int64_t kWarp = 32;

/// The trip count of dimension `d`, if static.
std::optional<int64_t> staticTripCount(scf::ParallelOp loop, unsigned d) {
  APInt lower, upper, step;
  if (!matchPattern(loop.getLowerBound()[d], m_ConstantInt(&lower)) ||
      !matchPattern(loop.getUpperBound()[d], m_ConstantInt(&upper)) ||
      !matchPattern(loop.getStep()[d], m_ConstantInt(&step)) ||
      step.getSExtValue() <= 0)
    return std::nullopt;
  return llvm::divideCeil(
      std::max<int64_t>(upper.getSExtValue() - lower.getSExtValue(), 0),
      step.getSExtValue());
}

/// Threads per dimension (see the pass description).
SmallVector<int64_t> chooseTiles(scf::ParallelOp loop, int64_t threads) {
  unsigned rank = loop.getNumLoops();
  SmallVector<int64_t> tiles(rank, 1);
  int64_t used = 1;
  SmallVector<unsigned> dynamicDims;
  for (int d = rank - 1; d >= 0; --d) {
    std::optional<int64_t> trips = staticTripCount(loop, d);
    if (!trips) {
      dynamicDims.push_back(d);
      continue;
    }
    int64_t budget = threads / used;
    int64_t tile = llvm::PowerOf2Ceil(std::max<int64_t>(*trips, 1));
    tiles[d] = std::max<int64_t>(1, std::min(tile, budget));
    used *= tiles[d];
  }
  for (unsigned d : dynamicDims) {
    if (used >= kWarp)
      break;
    tiles[d] = std::min(kWarp / used, threads / used);
    used *= tiles[d];
  }
  return tiles;
}

/// Maps dimension d of an n-dimensional loop: the last to x.
gpu::Processor processorFor(unsigned d, unsigned rank, bool block) {
  static const gpu::Processor blocks[] = {
      gpu::Processor::BlockX, gpu::Processor::BlockY, gpu::Processor::BlockZ};
  static const gpu::Processor threads[] = {
      gpu::Processor::ThreadX, gpu::Processor::ThreadY,
      gpu::Processor::ThreadZ};
  return (block ? blocks : threads)[rank - 1 - d];
}

LogicalResult mapLoop(scf::ParallelOp loop, bool block) {
  MLIRContext *context = loop.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(1, context);
  SmallVector<gpu::ParallelLoopDimMappingAttr> mapping;
  unsigned rank = loop.getNumLoops();
  for (unsigned d = 0; d < rank; ++d)
    mapping.push_back(gpu::ParallelLoopDimMappingAttr::get(
        context, processorFor(d, rank, block), identity, identity));
  return gpu::setMappingAttr(loop, mapping);
}

struct GPUTileParallelLoopsPass
    : rectify::gpu::impl::GPUTileParallelLoopsBase<GPUTileParallelLoopsPass> {
  using Base::Base;

  SmallVector<scf::ParallelOp> getOutermostLoops() {
    SmallVector<scf::ParallelOp> outermost;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (!loop->getParentOfType<scf::ParallelOp>())
        outermost.push_back(loop);
    });
    return outermost;
  }

  void runOnOperation() override {
    if (threads < 1) {
      getOperation().emitError("threads must be positive");
      return signalPassFailure();
    }
    IRRewriter rewriter(&getContext());
    // Merge the leading dimensions of deep nests: [N, C, H, W] -> [N*C, H, W].
    for (scf::ParallelOp loop : getOutermostLoops()) {
      unsigned rank = loop.getNumLoops();
      if (rank <= kMaxMappedDims)
        continue;
      std::vector<unsigned> leading;
      for (unsigned d = 0; d + kMaxMappedDims - 1 < rank; ++d)
        leading.push_back(d);
      std::vector<unsigned> groups[] = {leading, {rank - 2}, {rank - 1}};
      rewriter.setInsertionPoint(loop);
      collapseParallelLoops(rewriter, loop, groups);
    }
    // Collapsing computes the merged bounds with arith ops; fold them so the
    // static extents are constants again.
    (void)applyPatternsGreedily(getOperation(), FrozenRewritePatternSet());
    for (scf::ParallelOp loop : getOutermostLoops()) {
      SmallVector<int64_t> tiles = chooseTiles(loop, threads);
      auto [outer, inner] =
          scf::tileParallelLoop(loop, tiles, /*noMinMaxBounds=*/true);
      if (failed(mapLoop(outer, /*block=*/true)) ||
          failed(mapLoop(inner, /*block=*/false))) {
        outer.emitError("cannot map the loop nest onto the GPU");
        return signalPassFailure();
      }
    }
  }
};

} // namespace
