//===- VectorizeReductions.cpp - CPU schedule of linalg reductions --------===//
//
// Implements rectify-cpu-vectorize-reductions, which runs after
// rectify-cpu-tile-and-vectorize on the reductions it leaves alone:
//
//   * Inner reductions (the innermost loop, contiguous in the identity-read
//     input, is a reduction: softmax and layer-norm rows, global pooling,
//     reduce_* over the last axes). Every other loop is tiled by 1, parallel
//     loops outermost, so a tile is one row. A row of at most `tile` lanes is
//     vectorized whole: one horizontal reduction. A longer or dynamic row is
//     tiled by `tile` lanes with partial-reduction tiling: the chunk loop
//     combines each chunk elementwise into a `tile`-lane accumulator (carried
//     in registers across the loop once vectorized), and one merge reduces
//     that accumulator horizontally after the loop.
//   * Outer reductions (the innermost loop is parallel: softmax over the
//     channels of an NCHW tensor, reduce_* over leading axes). The innermost
//     loop is tiled by `tile` lanes, the other loops by 1, reduction loops
//     innermost: each tile accumulates whole vectors, carried in registers
//     across the reduction loops.
//
// The loops along the vectorized dimension are peeled: full tiles have
// static shapes and no masks, a static remainder gets vectors of exactly its
// extent, a dynamic one is masked. No tile is larger than `tile` lanes, so
// the vector code stays small whatever the shapes.
//
//===----------------------------------------------------------------------===//

#include "rectify/Target/CPU/Passes.h"

#include "CleanupPatterns.h"
#include "MaskedAccumulators.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "rectify-cpu-vectorize-reductions"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUVECTORIZEREDUCTIONS
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

/// Marks an op of a reduction tile to vectorize once the tiles exist.
constexpr StringLiteral kVectorizeAttr = "rectify.vectorize_reduction";
/// Marks a loop that carries a vector accumulator to hoist.
constexpr StringLiteral kAccumulatorLoopAttr = "rectify.accumulator_loop";

/// Why this schedule leaves `op` alone; nothing when it handles it.
std::optional<StringLiteral> unsupportedReason(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInits() != 1)
    return StringLiteral("not a single-result op on tensors");
  if (op.getNumReductionLoops() == 0)
    return StringLiteral("no reduction loop");
  if (!llvm::all_of(op.getIndexingMapsArray(), [](AffineMap map) {
        return map.isProjectedPermutation();
      }))
    return StringLiteral("an operand is read through a window or gather map");
  if (llvm::none_of(op.getDpsInputOperands(), [&](OpOperand *input) {
        return op.getMatchingIndexingMap(input).isIdentity();
      }))
    return StringLiteral("no input is read with the identity map");
  if (!llvm::all_of(op->getOperandTypes(), [](Type type) {
        return isa<FloatType>(getElementTypeOrSelf(type));
      }))
    return StringLiteral("a non-float operand");
  for (Operation &inner : op.getBlock()->without_terminator())
    if (!isa<arith::ArithDialect, math::MathDialect>(inner.getDialect()))
      return StringLiteral("a body op outside arith and math");
  SmallVector<Operation *> combiners;
  if (!matchReduction(op.getRegionOutputArgs(), 0, combiners) ||
      combiners.size() != 1 ||
      !isa<arith::AddFOp, arith::MulFOp, arith::MaximumFOp, arith::MinimumFOp>(
          combiners.front()))
    return StringLiteral("no recognised combiner");
  return std::nullopt;
}

void markParallel(Operation *loop) {
  loop->setAttr("rectify.parallel", UnitAttr::get(loop->getContext()));
}

void markUnit(Operation *op, StringLiteral name) {
  op->setAttr(name, UnitAttr::get(op->getContext()));
}

/// Peels `loop` so its full iterations have static tiles.
void peel(RewriterBase &rewriter, scf::ForOp loop) {
  scf::ForOp remainder;
  (void)scf::peelForLoopAndSimplifyBounds(rewriter, loop, remainder);
}

/// True when `read` and `write` access the same tensor position along the
/// identity map, unmasked and in bounds.
bool sameWindow(vector::TransferReadOp read, vector::TransferWriteOp write) {
  auto plain = [](VectorTransferOpInterface op) {
    return !op.getMask() && op.getPermutationMap().isMinorIdentity() &&
           llvm::all_of(op.getInBoundsValues(), [](bool b) { return b; });
  };
  return plain(read) && plain(write) &&
         read.getVectorType().getRank() == write.getVectorType().getRank() &&
         read.getIndices() == write.getIndices();
}

/// read(write(%acc, %t)) with a narrower read (a peeled remainder reading
/// the head of the chunk accumulator) -> extract_strided_slice %acc, so the
/// accumulator stays in registers.
struct ForwardAccumulatorHead : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    auto write = read.getBase().getDefiningOp<vector::TransferWriteOp>();
    if (!write || !sameWindow(read, write))
      return rewriter.notifyMatchFailure(read, "not a read of a plain write");
    ArrayRef<int64_t> narrow = read.getVectorType().getShape();
    ArrayRef<int64_t> wide = write.getVectorType().getShape();
    if (narrow == wide ||
        llvm::any_of(llvm::zip_equal(narrow, wide),
                     [](auto pair) { return std::get<0>(pair) > std::get<1>(pair); }))
      return rewriter.notifyMatchFailure(read, "not a strict head of the write");
    SmallVector<int64_t> zeros(narrow.size(), 0), ones(narrow.size(), 1);
    rewriter.replaceOpWithNewOp<vector::ExtractStridedSliceOp>(
        read, write.getVector(), zeros, narrow, ones);
    return success();
  }
};

/// read(write(%head, write(%acc, %t))) reading all of %acc's window, with
/// %head narrower -> insert_strided_slice %head into %acc.
struct ForwardUpdatedAccumulator : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::TransferReadOp read,
                                PatternRewriter &rewriter) const override {
    auto head = read.getBase().getDefiningOp<vector::TransferWriteOp>();
    auto full = head ? head.getBase().getDefiningOp<vector::TransferWriteOp>()
                     : vector::TransferWriteOp();
    if (!full || !sameWindow(read, head) || !sameWindow(read, full) ||
        full.getVectorType() != read.getVectorType() ||
        head.getVectorType().getRank() != read.getVectorType().getRank())
      return rewriter.notifyMatchFailure(read, "not a read of an updated write");
    SmallVector<int64_t> zeros(read.getVectorType().getRank(), 0),
        ones(read.getVectorType().getRank(), 1);
    rewriter.replaceOpWithNewOp<vector::InsertStridedSliceOp>(
        read, head.getVector(), full.getVector(), zeros, ones);
    return success();
  }
};

struct CPUVectorizeReductionsPass
    : rectify::cpu::impl::CPUVectorizeReductionsBase<
          CPUVectorizeReductionsPass> {
  using CPUVectorizeReductionsBase::CPUVectorizeReductionsBase;

  void runOnOperation() override;

private:
  int64_t lanes() const { return tile > 0 ? tile : 4 * (vectorBits / 32); }
  /// Tiles `op` (loops in `interchange` order; `partialDim` by partial
  /// reduction) and replaces it.
  FailureOr<scf::SCFTilingResult>
  tileOp(RewriterBase &rewriter, Operation *op, ArrayRef<int64_t> sizes,
         ArrayRef<int64_t> interchange, std::optional<unsigned> partialDim);
  void schedule(RewriterBase &rewriter, linalg::GenericOp op);
  void vectorizeMarkedOps(RewriterBase &rewriter);
  void hoistAccumulators(RewriterBase &rewriter);
  void cleanup();
};

FailureOr<scf::SCFTilingResult> CPUVectorizeReductionsPass::tileOp(
    RewriterBase &rewriter, Operation *op, ArrayRef<int64_t> sizes,
    ArrayRef<int64_t> interchange, std::optional<unsigned> partialDim) {
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(&getContext(), sizes));
  if (!interchange.empty())
    options.setInterchange(interchange);
  if (partialDim) {
    options.setReductionTilingStrategy(
        ReductionTilingStrategy::PartialReductionOuterReduction);
    options.setReductionDims({*partialDim});
  }
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> result =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op), options);
  if (failed(result))
    return failure();
  rewriter.replaceOp(op, result->replacements);
  return result;
}

/// `op` with its innermost run of reduction loops collapsed into one when
/// every operand holds them contiguously (global pooling's H x W, a layer
/// norm over several trailing dims): one long row instead of short ones.
linalg::GenericOp collapseInnerReductions(RewriterBase &rewriter,
                                          linalg::GenericOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  ReassociationIndices run;
  for (int64_t i = iterators.size() - 1;
       i >= 0 && linalg::isReductionIterator(iterators[i]); --i)
    run.insert(run.begin(), i);
  if (run.size() < 2 ||
      !linalg::areDimSequencesPreserved(op.getIndexingMapsArray(), {run}))
    return op;
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::CollapseResult> collapsed =
      linalg::collapseOpIterationDims(op, {run}, rewriter);
  if (failed(collapsed))
    return op;
  rewriter.replaceOp(op, collapsed->results);
  return cast<linalg::GenericOp>(collapsed->collapsedOp.getOperation());
}

void CPUVectorizeReductionsPass::schedule(RewriterBase &rewriter,
                                          linalg::GenericOp op) {
  op = collapseInnerReductions(rewriter, op);
  int64_t numLoops = op.getNumLoops();
  unsigned last = numLoops - 1;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  int64_t extent = op.getStaticLoopRanges()[last];
  bool inner = linalg::isReductionIterator(iterators[last]);
  int64_t width =
      ShapedType::isDynamic(extent) ? lanes() : std::min(lanes(), extent);

  // Every loop but the vectorized one by 1; parallel loops outermost.
  SmallVector<int64_t> sizes(numLoops, 1), interchange;
  sizes[last] = inner ? 0 : width;
  for (int64_t i = 0; i < numLoops; ++i)
    if (linalg::isParallelIterator(iterators[i]))
      interchange.push_back(i);
  int64_t numParallel = interchange.size();
  for (int64_t i = 0; i < numLoops; ++i)
    if (linalg::isReductionIterator(iterators[i]))
      interchange.push_back(i);

  Operation *row = op;
  if (llvm::any_of(sizes, [](int64_t size) { return size != 0; })) {
    FailureOr<scf::SCFTilingResult> tiled =
        tileOp(rewriter, op, sizes, interchange, std::nullopt);
    if (failed(tiled)) {
      op->emitWarning("reduction could not be tiled; it is lowered to loops");
      return;
    }
    row = tiled->tiledOps.back();
    SmallVector<scf::ForOp> loops;
    for (LoopLikeOpInterface loop : tiled->loops)
      loops.push_back(cast<scf::ForOp>(loop.getOperation()));
    // One loop per tiled dim, in `interchange` order; anything else is
    // still correct but is not peeled or hoisted.
    bool oneLoopPerDim =
        static_cast<int64_t>(loops.size()) ==
        llvm::count_if(sizes, [](int64_t size) { return size != 0; });
    // Iterations of the outermost parallel loop write disjoint tiles.
    if (numParallel > 0 && oneLoopPerDim)
      markParallel(loops.front());
    if (!inner && !oneLoopPerDim) {
      markUnit(row, kVectorizeAttr);
      return;
    }
    if (!inner) {
      for (scf::ForOp loop : llvm::drop_begin(loops, numParallel))
        markUnit(loop, kAccumulatorLoopAttr);
      markUnit(row, kVectorizeAttr);
      peel(rewriter, loops[numParallel - 1]);
      return;
    }
  }
  if (!ShapedType::isDynamic(extent) && extent <= lanes()) {
    markUnit(row, kVectorizeAttr);
    return;
  }
  // A long row: partial reduction into a vector of `lanes` accumulators.
  SmallVector<int64_t> chunk(numLoops, 0);
  chunk[last] = lanes();
  FailureOr<scf::SCFTilingResult> split =
      tileOp(rewriter, row, chunk, {}, last);
  if (failed(split)) {
    row->emitWarning("reduction row could not be split into vector chunks");
    return;
  }
  for (Operation *partial : split->tiledOps)
    markUnit(partial, kVectorizeAttr);
  for (Operation *merge : split->mergeOps)
    markUnit(merge, kVectorizeAttr);
  for (Value init : split->initialValues)
    if (Operation *fill = init.getDefiningOp<linalg::FillOp>())
      markUnit(fill, kVectorizeAttr);
  auto chunks = cast<scf::ForOp>(split->loops.front().getOperation());
  markUnit(chunks, kAccumulatorLoopAttr);
  peel(rewriter, chunks);
}

void CPUVectorizeReductionsPass::vectorizeMarkedOps(RewriterBase &rewriter) {
  SmallVector<linalg::LinalgOp> marked;
  getOperation().walk([&](linalg::LinalgOp op) {
    if (op->hasAttr(kVectorizeAttr))
      marked.push_back(op);
  });
  for (linalg::LinalgOp op : marked) {
    op->removeAttr(kVectorizeAttr);
    // Tiles are static except the dynamic remainder of the vectorized loop,
    // which is masked.
    SmallVector<int64_t> sizes;
    for (int64_t range : op.getStaticLoopRanges())
      sizes.push_back(ShapedType::isDynamic(range) ? lanes() : range);
    if (failed(linalg::vectorizeOpPrecondition(op, sizes))) {
      LLVM_DEBUG(llvm::dbgs() << "not vectorizable: " << *op << "\n");
      continue;
    }
    rewriter.setInsertionPoint(op);
    SmallVector<bool> scalable(sizes.size(), false);
    FailureOr<linalg::VectorizationResult> result =
        linalg::vectorize(rewriter, op, sizes, scalable);
    if (succeeded(result))
      rewriter.replaceOp(op, result->replacements);
  }
}

void CPUVectorizeReductionsPass::hoistAccumulators(RewriterBase &rewriter) {
  // Inner loops first: an accumulator hoisted out of an inner loop is then
  // loop-invariant in the outer one.
  SmallVector<scf::ForOp> loops;
  getOperation().walk([&](scf::ForOp loop) {
    if (loop->hasAttr(kAccumulatorLoopAttr))
      loops.push_back(loop);
  });
  for (scf::ForOp loop : loops) {
    loop->removeAttr(kAccumulatorLoopAttr);
    (void)rectify::cpu::hoistTileAccumulator(rewriter, loop);
  }
}

void CPUVectorizeReductionsPass::cleanup() {
  MLIRContext *ctx = &getContext();
  RewritePatternSet patterns(ctx);
  rectify::cpu::populateScheduleCleanupPatterns(patterns);
  tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
  patterns.add<ForwardAccumulatorHead, ForwardUpdatedAccumulator>(ctx);
  // Reductions over the innermost dimension become one horizontal
  // vector.reduction each; unit reduced dims are folded to elementwise ops
  // by the canonicalizations above.
  vector::populateVectorMultiReductionLoweringPatterns(
      patterns, vector::VectorMultiReductionLowering::InnerReduction);
  (void)applyPatternsGreedily(getOperation(), std::move(patterns));
}

void CPUVectorizeReductionsPass::runOnOperation() {
  IRRewriter rewriter(&getContext());
  // Roots are collected first: tiling creates new reduction generics.
  SmallVector<linalg::GenericOp> roots;
  getOperation().walk([&](linalg::GenericOp op) {
    std::optional<StringLiteral> reason = unsupportedReason(op);
    LLVM_DEBUG(if (reason) llvm::dbgs()
               << "left alone (" << *reason << "): " << op << "\n");
    if (!reason)
      roots.push_back(op);
  });
  if (roots.empty())
    return;
  for (linalg::GenericOp op : roots)
    schedule(rewriter, op);
  cleanup();
  vectorizeMarkedOps(rewriter);
  cleanup();
  hoistAccumulators(rewriter);
  cleanup();
}

} // namespace
