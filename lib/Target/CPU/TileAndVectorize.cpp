//===- TileAndVectorize.cpp - CPU tiling, fusion and vectorization --------===//
//
// Implements rectify-cpu-tile-and-vectorize, the CPU schedule:
//
//   1. Roots: an elementwise epilogue fed by a 2-D matmul (bias + activation
//      of rect.linear), a bare 2-D matmul, or an elementwise op. The root is
//      tiled into M x N register tiles and its matmul and fill are fused into
//      the tile loops, so the epilogue reads the accumulator of its own tile.
//   2. The tile loops are peeled: full tiles get static shapes (no masks),
//      the remainder is masked.
//   3. Each fused matmul's K loop is tiled by tile-k.
//   4. Every op of a tile is vectorized with the tile sizes.
//   5. The accumulator's transfers are hoisted out of the K loop, so it stays
//      in registers across K and the epilogue runs on it before one store.
//
//===----------------------------------------------------------------------===//

#include "rectify/Target/CPU/Passes.h"
#include "rectify/Target/CPU/TileSizes.h"

#include "CleanupPatterns.h"
#include "MaskedAccumulators.h"
#include "StridedReads.h"
#include "WindowContraction.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUTILEANDVECTORIZE
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;
using rectify::cpu::kReductionLoopAttr;
using rectify::cpu::chooseMatmulTiles;
using rectify::cpu::MatmulTiles;

namespace {

/// Marks an op to vectorize, with its vector sizes, once its tile exists.
constexpr StringLiteral kVectorSizesAttr = "rectify.vector_sizes";
/// Marks an elementwise root whose short rows take whole, masked registers.
constexpr StringLiteral kWholeRegistersAttr = "rectify.whole_registers";

bool isAllParallel(linalg::LinalgOp op) {
  return op.getNumLoops() == op.getNumParallelLoops();
}

/// The 2-D matmul whose only use is `generic`'s input read with the identity
/// map, i.e. a producer that can be computed tile by tile inside the
/// generic's loops.
linalg::MatmulOp findFusableMatmul(linalg::GenericOp generic) {
  if (generic.getNumLoops() != 2 || !isAllParallel(generic) ||
      !generic.hasPureTensorSemantics())
    return {};
  for (OpOperand *input : generic.getDpsInputOperands()) {
    auto matmul = input->get().getDefiningOp<linalg::MatmulOp>();
    if (!matmul || !matmul->hasOneUse() || !matmul.hasPureTensorSemantics())
      continue;
    if (!generic.getMatchingIndexingMap(input).isIdentity())
      continue;
    return matmul;
  }
  return {};
}

/// K and N of a matmul x[M, K] W[K, N].
int64_t matmulDepth(linalg::MatmulOp matmul) {
  return cast<RankedTensorType>(matmul.getDpsInputs()[1].getType())
      .getDimSize(0);
}
int64_t matmulColumns(linalg::MatmulOp matmul) {
  return cast<RankedTensorType>(matmul.getDpsInputs()[1].getType())
      .getDimSize(1);
}

/// A window contraction's inputs: the activation (indexed by the batch, the
/// first dim) and the weight.
std::pair<OpOperand *, OpOperand *> windowOperands(linalg::GenericOp window) {
  OpOperand *first = window.getDpsInputOperand(0);
  OpOperand *second = window.getDpsInputOperand(1);
  if (window.getMatchingIndexingMap(first).isFunctionOfDim(0))
    return {first, second};
  return {second, first};
}

/// The elements of a tensor of static shape, else ShapedType::kDynamic.
int64_t staticElements(Value tensor) {
  auto type = dyn_cast<RankedTensorType>(tensor.getType());
  return type && type.hasStaticShape() ? type.getNumElements()
                                       : ShapedType::kDynamic;
}

void setVectorSizes(Operation *op, ArrayRef<int64_t> sizes) {
  op->setAttr(kVectorSizesAttr,
              DenseI64ArrayAttr::get(op->getContext(), sizes));
}

void markParallel(scf::ForOp loop) {
  loop->setAttr("rectify.parallel", UnitAttr::get(loop.getContext()));
}

void applyCleanups(Operation *root, bool lowerPermutations) {
  RewritePatternSet patterns(root->getContext());
  rectify::cpu::populateScheduleCleanupPatterns(patterns);
  rectify::cpu::populateStridedReadPatterns(patterns);
  vector::populateVectorReductionToContractPatterns(patterns);
  if (lowerPermutations) {
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    // Transfers through rank-reducing slices of a tile (a convolution's
    // [1, 1, rows, channels] accumulator) fold into transfers of the tile,
    // so the zero fill and the epilogue's read forward to the registers
    // and no temporary tile is allocated.
    tensor::populateFoldTensorSubsetOpPatterns(patterns);
  }
  (void)applyPatternsGreedily(root, std::move(patterns));
}

struct CPUTileAndVectorizePass
    : rectify::cpu::impl::CPUTileAndVectorizeBase<CPUTileAndVectorizePass> {
  using CPUTileAndVectorizeBase::CPUTileAndVectorizeBase;

  void runOnOperation() override;

private:
  /// Tiles `root` with `tileSizes`, fusing exactly the ops in `fusable`.
  /// Returns the generated loops, outermost first.
  FailureOr<SmallVector<scf::ForOp>>
  tileAndFuse(RewriterBase &rewriter, TilingInterface root,
              ArrayRef<int64_t> tileSizes, ArrayRef<Operation *> fusable,
              ArrayRef<int64_t> interchange = {});
  /// Re-tiles the ops of a peeled remainder one row at a time, so the rows
  /// left over by the register tile are vectorized along N without masks.
  void tileRemainderRows(RewriterBase &rewriter, scf::ForOp remainder);
  void tileReductions(RewriterBase &rewriter);
  void packWeightPanels(RewriterBase &rewriter);
  void vectorizeMarkedOps(RewriterBase &rewriter);
  void hoistAccumulators(RewriterBase &rewriter);
  void splitBatchMatmuls(RewriterBase &rewriter);
  void splitDeepMatmuls(RewriterBase &rewriter);
};

FailureOr<SmallVector<scf::ForOp>> CPUTileAndVectorizePass::tileAndFuse(
    RewriterBase &rewriter, TilingInterface root, ArrayRef<int64_t> tileSizes,
    ArrayRef<Operation *> fusable, ArrayRef<int64_t> interchange) {
  llvm::SmallPtrSet<Operation *, 4> fusableSet(fusable.begin(), fusable.end());
  scf::SCFTilingOptions tiling;
  tiling.setTileSizes(getAsIndexOpFoldResult(&getContext(), tileSizes));
  if (!interchange.empty())
    tiling.setInterchange(interchange);
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp, OpResult producer, bool)
          -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        // Fuse only this root's own matmul and fill: fusing the previous
        // layer would recompute it once per tile.
        if (fusableSet.contains(producer.getOwner()))
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        return std::nullopt;
      });
  rewriter.setInsertionPoint(root);
  FailureOr<scf::SCFTileAndFuseResult> result =
      scf::tileConsumerAndFuseProducersUsingSCF(rewriter, root, options);
  if (failed(result))
    return failure();
  for (OpResult value : root->getResults())
    rewriter.replaceAllUsesWith(value, result->replacements.lookup(value));
  rewriter.eraseOp(root);
  for (Operation *op : llvm::reverse(fusable))
    if (op->use_empty())
      rewriter.eraseOp(op);
  SmallVector<scf::ForOp> loops;
  for (LoopLikeOpInterface loop : result->loops)
    if (auto forOp = dyn_cast<scf::ForOp>(loop.getOperation()))
      loops.push_back(forOp);
  return loops;
}

/// The loop order of `rank` tile loops with `first` outermost and the
/// others in their order.
static SmallVector<int64_t> loopOrderWithFirst(unsigned rank, unsigned first) {
  SmallVector<int64_t> order = {first};
  for (unsigned d = 0; d < rank; ++d)
    if (d != first)
      order.push_back(d);
  return order;
}

/// The loop of an elementwise tiling to run on threads: the outermost of
/// `loops` (outermost first) with a static trip count above 1, rather than
/// a batch loop that runs once at batch 1; the outermost when no trip count
/// is known.
static scf::ForOp outermostWideLoop(ArrayRef<scf::ForOp> loops) {
  for (scf::ForOp loop : loops)
    if (std::optional<APInt> trips = loop.getStaticTripCount())
      if (trips->ugt(1))
        return loop;
  return loops.front();
}

/// Peels `loops` (outermost first) so full tiles have static shapes; returns
/// each loop's remainder (null where the tile divides the extent).
static SmallVector<scf::ForOp> peelLoops(RewriterBase &rewriter,
                                         ArrayRef<scf::ForOp> loops) {
  SmallVector<scf::ForOp> remainders(loops.size());
  // Inner loops first, so the outer peel copies their peeled form.
  for (size_t i = loops.size(); i-- > 0;) {
    scf::ForOp partial;
    if (succeeded(scf::peelForLoopAndSimplifyBounds(rewriter, loops[i], partial)))
      remainders[i] = partial;
  }
  return remainders;
}

void CPUTileAndVectorizePass::tileRemainderRows(RewriterBase &rewriter,
                                                scf::ForOp remainder) {
  SmallVector<Operation *> marked;
  remainder.walk([&](linalg::LinalgOp op) {
    if (op->hasAttr(kVectorSizesAttr))
      marked.push_back(op);
  });
  llvm::SmallPtrSet<Operation *, 8> markedSet(marked.begin(), marked.end());
  // One chain (fill -> matmul -> epilogue) per tile of the inner loops; its
  // consumer is the op no other marked op reads.
  for (Operation *consumer : marked) {
    if (llvm::any_of(consumer->getUsers(),
                     [&](Operation *user) { return markedSet.contains(user); }))
      continue;
    SmallVector<Operation *> chain = {consumer};
    for (size_t i = 0; i < chain.size(); ++i)
      for (Value operand : chain[i]->getOperands())
        if (Operation *def = operand.getDefiningOp())
          if (markedSet.contains(def) && !llvm::is_contained(chain, def))
            chain.push_back(def);
    for (Operation *op : chain) {
      SmallVector<int64_t> sizes(
          cast<DenseI64ArrayAttr>(op->getAttr(kVectorSizesAttr)).asArrayRef());
      sizes.front() = 1;
      setVectorSizes(op, sizes);
    }
    SmallVector<int64_t> rowTiles(
        cast<linalg::LinalgOp>(consumer).getNumLoops(), 0);
    rowTiles.front() = 1;
    SmallVector<Operation *> producers(llvm::drop_begin(chain));
    // Producers must be erased after their consumer: reverse program order.
    llvm::sort(producers, [](Operation *a, Operation *b) {
      return a->isBeforeInBlock(b);
    });
    if (failed(tileAndFuse(rewriter, cast<TilingInterface>(consumer), rowTiles,
                           producers)))
      consumer->emitWarning("remainder rows could not be tiled");
  }
}

/// The f32 values of a constant, or nothing for unreadable payloads.
static std::optional<SmallVector<float>> readFloats(ElementsAttr value) {
  if (!value.getElementType().isF32())
    return std::nullopt;
  if (auto resource = dyn_cast<DenseF32ResourceElementsAttr>(value)) {
    std::optional<ArrayRef<float>> data = resource.tryGetAsArrayRef();
    if (!data)
      return std::nullopt;
    return SmallVector<float>(data->begin(), data->end());
  }
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    auto values = dense.getValues<float>();
    return SmallVector<float>(values.begin(), values.end());
  }
  return std::nullopt;
}

/// True when `offset` is a multiple of `tile` by construction: the induction
/// variable of a tile loop starting at a multiple of `tile` and stepping by it.
static bool isTileAligned(Value offset, int64_t tile) {
  auto arg = dyn_cast<BlockArgument>(offset);
  auto loop = arg ? dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp())
                  : scf::ForOp();
  if (!loop || loop.getInductionVar() != arg)
    return false;
  std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> step = getConstantIntValue(loop.getStep());
  return lb && step && *lb % tile == 0 && *step % tile == 0;
}

void CPUTileAndVectorizePass::packWeightPanels(RewriterBase &rewriter) {
  // A register tile reads a [K, tile-n] column block of W[K, N]: with large
  // N its rows are N floats apart (4 KiB and more: cache-set and TLB
  // conflicts). Panels [N / tile-n][K][tile-n] make each block contiguous;
  // constant weights are repacked here, once, at compile time. A window
  // contraction's weight [kh, kw, C, F] is packed the same way, its leading
  // dims playing K: [F / tile-n][kh][kw][C][tile-n].
  DenseMap<std::pair<Operation *, int64_t>, Value> panelsOf;
  SmallVector<std::pair<linalg::LinalgOp, int64_t>> consumers;
  getOperation().walk([&](linalg::LinalgOp op) {
    auto vectorSizes =
        dyn_cast_if_present<DenseI64ArrayAttr>(op->getAttr(kVectorSizesAttr));
    if (!vectorSizes || !op->getParentOfType<scf::ForOp>())
      return;
    if (isa<linalg::MatmulOp>(op.getOperation()))
      consumers.push_back({op, vectorSizes.asArrayRef()[1]});
    else if (op.getNumReductionLoops() > 0 && op.getNumDpsInputs() == 2)
      consumers.push_back(
          {op, vectorSizes.asArrayRef()[op.getNumParallelLoops() - 1]});
  });
  // A tile of a K block of a weight (splitDeepMatmuls) is a slice of a
  // slice: merged into one slice of the constant, it reads the panels too.
  SmallVector<Operation *> nested;
  for (auto [op, width] : consumers)
    if (auto slice = op->getOperand(1).getDefiningOp<tensor::ExtractSliceOp>())
      if (slice.getSource().getDefiningOp<tensor::ExtractSliceOp>())
        nested.push_back(slice);
  if (!nested.empty()) {
    RewritePatternSet merge(&getContext());
    tensor::populateMergeConsecutiveInsertExtractSlicePatterns(merge);
    (void)applyOpPatternsGreedily(nested, std::move(merge));
  }
  for (auto [op, width] : consumers) {
    OpOperand &rhs = op->getOpOperand(1);
    auto slice = rhs.get().getDefiningOp<tensor::ExtractSliceOp>();
    auto constant =
        slice ? slice.getSource().getDefiningOp<arith::ConstantOp>() : nullptr;
    if (!constant || !slice.hasUnitStride())
      continue;
    auto type = cast<RankedTensorType>(constant.getType());
    unsigned rank = type.getRank();
    if (!type.hasStaticShape() || rank < 2 ||
        slice.getType().getRank() != rank)
      continue;
    int64_t n = type.getDimSize(rank - 1);
    int64_t k = type.getNumElements() / n;
    SmallVector<OpFoldResult> offsets = slice.getMixedOffsets();
    SmallVector<OpFoldResult> sizes = slice.getMixedSizes();
    // The slice takes whole leading dims (or, for a matmul split along K,
    // a static block of rows) and at most one aligned panel.
    bool wholeRows = true;
    bool rowBlock = rank == 2 && isa<linalg::MatmulOp>(op.getOperation());
    for (unsigned d = 0; d + 1 < rank; ++d) {
      std::optional<int64_t> offset = getConstantIntValue(offsets[d]);
      std::optional<int64_t> size = getConstantIntValue(sizes[d]);
      wholeRows &= offset && size &&
                   (rowBlock ? *offset + *size <= type.getDimSize(d)
                             : *offset == 0 && *size == type.getDimSize(d));
    }
    std::optional<int64_t> cols = getConstantIntValue(sizes[rank - 1]);
    std::optional<int64_t> staticCol = getConstantIntValue(offsets[rank - 1]);
    bool aligned =
        staticCol ? *staticCol % width == 0
                  : isTileAligned(cast<Value>(offsets[rank - 1]), width);
    if (n <= width || !wholeRows || !cols || *cols > width || !aligned)
      continue;
    Value &panels = panelsOf[{constant, width}];
    if (!panels) {
      std::optional<SmallVector<float>> values =
          readFloats(cast<ElementsAttr>(constant.getValue()));
      if (!values)
        continue;
      int64_t numPanels = llvm::divideCeil(n, width);
      SmallVector<float> packed(numPanels * k * width, 0.0f);
      for (int64_t row = 0; row < k; ++row)
        for (int64_t col = 0; col < n; ++col)
          packed[((col / width) * k + row) * width + col % width] =
              (*values)[row * n + col];
      SmallVector<int64_t> packedShape = {numPanels};
      llvm::append_range(packedShape, type.getShape().drop_back());
      packedShape.push_back(width);
      auto packedType =
          RankedTensorType::get(packedShape, type.getElementType());
      rewriter.setInsertionPoint(constant);
      panels = arith::ConstantOp::create(
          rewriter, constant.getLoc(),
          DenseResourceElementsAttr::get(
              packedType, "weight_panels",
              HeapAsmResourceBlob::allocateAndCopyInferAlign(
                  ArrayRef<float>(packed), /*dataIsMutable=*/false)));
    }
    rewriter.setInsertionPoint(slice);
    AffineExpr d0 = rewriter.getAffineDimExpr(0);
    SmallVector<OpFoldResult> panelOffsets = {
        affine::makeComposedFoldedAffineApply(
            rewriter, slice.getLoc(), d0.floorDiv(width), {offsets[rank - 1]})};
    SmallVector<OpFoldResult> panelSizes = {rewriter.getIndexAttr(1)};
    for (unsigned d = 0; d + 1 < rank; ++d) {
      panelOffsets.push_back(offsets[d]);
      panelSizes.push_back(sizes[d]);
    }
    panelOffsets.push_back(rewriter.getIndexAttr(0));
    panelSizes.push_back(rewriter.getIndexAttr(*cols));
    auto panelSlice = tensor::ExtractSliceOp::create(
        rewriter, slice.getLoc(), slice.getType(), panels, panelOffsets,
        panelSizes,
        SmallVector<OpFoldResult>(rank + 1, rewriter.getIndexAttr(1)));
    rewriter.modifyOpInPlace(op, [&] { rhs.set(panelSlice); });
  }
}

void CPUTileAndVectorizePass::tileReductions(RewriterBase &rewriter) {
  // The reduction dims of each register tile become loops stepping by its
  // vector sizes: a matmul's K by the unroll; a window contraction's kernel
  // rows and columns by 1 and its input channels by the unroll.
  SmallVector<std::pair<TilingInterface, SmallVector<int64_t>>> contractions;
  getOperation().walk([&](linalg::LinalgOp op) {
    auto sizes =
        dyn_cast_if_present<DenseI64ArrayAttr>(op->getAttr(kVectorSizesAttr));
    if (!sizes || op.getNumReductionLoops() == 0 ||
        !op->getParentOfType<scf::ForOp>())
      return;
    SmallVector<int64_t> tileSizes;
    for (auto [iterator, size] :
         llvm::zip_equal(op.getIteratorTypesArray(), sizes.asArrayRef()))
      tileSizes.push_back(iterator == utils::IteratorType::reduction ? size : 0);
    contractions.push_back(
        {cast<TilingInterface>(op.getOperation()), tileSizes});
  });
  for (auto &[op, tileSizes] : contractions) {
    scf::SCFTilingOptions tiling;
    tiling.setTileSizes(getAsIndexOpFoldResult(&getContext(), tileSizes));
    rewriter.setInsertionPoint(op);
    FailureOr<scf::SCFTilingResult> result =
        scf::tileUsingSCF(rewriter, op, tiling);
    if (failed(result))
      continue;
    rewriter.replaceOp(op, result->replacements);
    for (LoopLikeOpInterface loop : result->loops) {
      auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
      if (!forOp)
        continue;
      forOp->setAttr(kReductionLoopAttr, rewriter.getUnitAttr());
      scf::ForOp partial;
      if (succeeded(
              scf::peelForLoopAndSimplifyBounds(rewriter, forOp, partial)))
        partial->setAttr(kReductionLoopAttr, rewriter.getUnitAttr());
    }
  }
}

/// The tile `op` without its unit loops, and `vectorSizes` narrowed to the
/// loops kept; `op` itself when nothing can be dropped. A window gather reads
/// its input at y*s + i: not a projected permutation, so not vectorizable as
/// it is, but in a tile where all loops except x have extent 1 the read is
/// x*s + const, a contiguous copy for unit strides.
static linalg::LinalgOp dropUnitLoops(RewriterBase &rewriter,
                                      linalg::LinalgOp op,
                                      SmallVector<int64_t> &vectorSizes) {
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic)
    return op;
  SmallVector<int64_t> kept;
  for (auto [range, size] :
       llvm::zip_equal(generic.getStaticLoopRanges(), vectorSizes))
    if (range != 1)
      kept.push_back(ShapedType::isDynamic(range) ? size
                                                  : std::min(size, range));
  if (kept.size() == vectorSizes.size())
    return op;
  linalg::ControlDropUnitDims control;
  control.rankReductionStrategy =
      linalg::ControlDropUnitDims::RankReductionStrategy::ExtractInsertSlice;
  rewriter.setInsertionPoint(generic);
  FailureOr<linalg::DropUnitDimsResult> dropped =
      linalg::dropUnitDims(rewriter, generic, control);
  if (failed(dropped))
    return op;
  auto result = cast<linalg::LinalgOp>(dropped->resultOp.getOperation());
  if (result.getNumLoops() != kept.size())
    return op; // unexpected: leave the (still correct) new op scalar
  rewriter.replaceOp(generic, dropped->replacements);
  vectorSizes = kept;
  return result;
}

/// `op` with every input read at `k * d` (a strided window: k the stride, d
/// a loop) read at `d` from a slice of stride k instead, so its maps become
/// projected permutations the vectorizer accepts; `op` itself when an input
/// map has other forms or nothing changes.
static linalg::LinalgOp sliceStridedInputs(RewriterBase &rewriter,
                                           linalg::LinalgOp op) {
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic)
    return op;
  SmallVector<int64_t> ranges = generic.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return op;
  MLIRContext *ctx = op->getContext();
  Location loc = op.getLoc();
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  bool changed = false;
  rewriter.setInsertionPoint(generic);
  for (OpOperand *input : generic.getDpsInputOperands()) {
    AffineMap map = generic.getMatchingIndexingMap(input);
    auto type = dyn_cast<RankedTensorType>(input->get().getType());
    SmallVector<AffineExpr> results;
    SmallVector<OpFoldResult> offsets, sizes, strides;
    bool strided = false, plain = type != nullptr;
    for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
      offsets.push_back(rewriter.getIndexAttr(0));
      if (auto d = dyn_cast<AffineDimExpr>(expr)) {
        results.push_back(d);
        sizes.push_back(rewriter.getIndexAttr(
            plain ? type.getDimSize(dim) : 1));
        strides.push_back(rewriter.getIndexAttr(1));
        continue;
      }
      auto mul = dyn_cast<AffineBinaryOpExpr>(expr);
      if (!mul || mul.getKind() != AffineExprKind::Mul) {
        plain = false;
        break;
      }
      auto d = dyn_cast<AffineDimExpr>(mul.getLHS());
      auto k = dyn_cast<AffineConstantExpr>(mul.getRHS());
      if (!d || !k || k.getValue() < 2) {
        plain = false;
        break;
      }
      strided = true;
      results.push_back(d);
      sizes.push_back(rewriter.getIndexAttr(ranges[d.getPosition()]));
      strides.push_back(rewriter.getIndexAttr(k.getValue()));
    }
    if (!plain)
      return op;
    if (!strided) {
      inputs.push_back(input->get());
      maps.push_back(map);
      continue;
    }
    changed = true;
    inputs.push_back(tensor::ExtractSliceOp::create(rewriter, loc, input->get(),
                                                    offsets, sizes, strides));
    maps.push_back(AffineMap::get(map.getNumDims(), 0, results, ctx));
  }
  if (!changed)
    return op;
  for (OpOperand &init : generic.getDpsInitsMutable())
    maps.push_back(generic.getMatchingIndexingMap(&init));
  auto sliced = linalg::GenericOp::create(
      rewriter, loc, generic.getResultTypes(), inputs, generic.getDpsInits(),
      maps, generic.getIteratorTypesArray());
  rewriter.inlineRegionBefore(generic.getRegion(), sliced.getRegion(),
                              sliced.getRegion().begin());
  rewriter.replaceOp(generic, sliced->getResults());
  return cast<linalg::LinalgOp>(sliced.getOperation());
}

void CPUTileAndVectorizePass::vectorizeMarkedOps(RewriterBase &rewriter) {
  SmallVector<linalg::LinalgOp> marked;
  getOperation().walk([&](linalg::LinalgOp op) {
    if (op->hasAttr(kVectorSizesAttr))
      marked.push_back(op);
  });
  for (linalg::LinalgOp op : marked) {
    auto sizes = cast<DenseI64ArrayAttr>(op->getAttr(kVectorSizesAttr));
    op->removeAttr(kVectorSizesAttr);
    // Untiled originals (no enclosing loop) stay for the loop lowering:
    // vectorizing a whole layer would build giant vectors.
    if (!op->getParentOfType<scf::ForOp>())
      continue;
    // A peeled remainder with a static extent of at most half the vector,
    // or a multiple of 4 lanes, gets vectors of exactly that extent: no
    // masks, and less work. Other remainders stay masked, which costs
    // nothing extra with AVX-512 (odd-sized vectors such as 17 lanes
    // legalize badly); a masked register tile of a convolution with the
    // pixels in the lanes measured 2x slower than its exact 24-lane tile.
    // Not for i1 operands: an unmasked vector<Nxi1> load from memory reads
    // packed bits, while i1 buffers hold one byte per element.
    SmallVector<int64_t> vectorSizes(sizes.asArrayRef());
    bool readsBits = llvm::any_of(op->getOperandTypes(), [](Type type) {
      return getElementTypeOrSelf(type).isInteger(1);
    });
    // Dims other than the lanes (the last parallel dim) are unrolled into
    // separate vectors: any remainder of them is exact.
    unsigned laneDim = op.getNumParallelLoops() - 1;
    for (auto [dim, size, range] : llvm::enumerate(
             vectorSizes, op.getStaticLoopRanges()))
      if (!readsBits && !ShapedType::isDynamic(range) && range < size &&
          (2 * range <= size || dim != laneDim))
        size = range;
    // An elementwise op's short rows (a 28- or 7-wide depthwise or pooling
    // row) take whole registers, masked: odd-sized vectors are assembled
    // element by element (a 28-wide depthwise conv ran at 3 cycles per
    // output). Only elementwise roots: an epilogue's vectors match its
    // register tile's.
    int64_t lanes = vectorBits / 32;
    int64_t &inner = vectorSizes.back();
    int64_t innerRange = op.getStaticLoopRanges().back();
    bool wholeRegisters = op->hasAttr(kWholeRegistersAttr);
    op->removeAttr(kWholeRegistersAttr);
    if (!readsBits && wholeRegisters && inner == innerRange &&
        inner % lanes != 0 && !llvm::isPowerOf2_64(inner))
      inner = std::min<int64_t>(sizes.asArrayRef().back(),
                                llvm::alignTo(inner, lanes));
    // A contraction keeps no unit loops either: its vector.contract must be
    // a plain matmul for the outer-product lowering.
    if (op.getNumReductionLoops() > 0 ||
        failed(linalg::vectorizeOpPrecondition(op, vectorSizes)))
      op = dropUnitLoops(rewriter, op, vectorSizes);
    if (failed(linalg::vectorizeOpPrecondition(op, vectorSizes)))
      op = sliceStridedInputs(rewriter, op);
    rewriter.setInsertionPoint(op);
    SmallVector<bool> scalable(vectorSizes.size(), false);
    FailureOr<linalg::VectorizationResult> result =
        linalg::vectorize(rewriter, op, vectorSizes, scalable);
    if (failed(result))
      continue;
    rewriter.replaceOp(op, result->replacements);
  }
}

void CPUTileAndVectorizePass::hoistAccumulators(RewriterBase &rewriter) {
  // Accumulators live in the K loops, the ones holding a vector.contract.
  // Other loops are skipped: proving their subsets equivalent (value bounds
  // over every window slice of a convolution or pooling tile) can take
  // minutes and gains nothing.
  SmallVector<scf::ForOp> loops, maskedLoops;
  // Post-order: the loops of a window contraction's taps come after the
  // channel loop inside them, so the accumulator moves out level by level.
  getOperation().walk([&](scf::ForOp loop) {
    if (llvm::any_of(loop.getBody()->getOps<vector::MaskOp>(),
                     [](vector::MaskOp mask) {
                       return isa_and_present<vector::ContractionOp>(
                           mask.getMaskableOp());
                     }))
      maskedLoops.push_back(loop);
    else if (!loop.getBody()->getOps<vector::ContractionOp>().empty() ||
             (loop->hasAttr(kReductionLoopAttr) &&
              loop->walk([](vector::ContractionOp) {
                    return WalkResult::interrupt();
                  }).wasInterrupted()))
      loops.push_back(loop);
  });
  for (scf::ForOp loop : loops)
    (void)hoistLoopInvariantSubsets(
        rewriter, cast<LoopLikeOpInterface>(loop.getOperation()));
  // The slice of a masked tile moves out first, then its masked transfers.
  // Its sizes are recomputed in the loop until LICM and CSE merge them.
  DominanceInfo dominance;
  for (scf::ForOp loop : maskedLoops)
    (void)rectify::cpu::hoistTileAccumulator(rewriter, loop, &dominance);
}

void CPUTileAndVectorizePass::splitDeepMatmuls(RewriterBase &rewriter) {
  // With the column panels outermost, every panel streams all of x[M, K]
  // again: once x outgrows half of L2 (128 x 4096: 2 MiB, from L3 for each
  // of 128 panels, by each thread), a batch of at most 256 rows is split
  // along K into a chain of products that accumulate into one [M, N]
  // buffer, each reading a 512 KiB x block that stays in L2 with its weight
  // panel. The epilogue fuses into the last product as before; the others
  // store partial sums. (Taller x, 1024 x 1024, keeps one product: its
  // partial sums would cost as much traffic as they save.)
  SmallVector<linalg::MatmulOp> deep;
  getOperation().walk([&](linalg::MatmulOp op) {
    if (op.hasPureTensorSemantics() && !op.hasDynamicShape())
      deep.push_back(op);
  });
  constexpr int64_t kBlockBytes = 512 << 10;
  for (linalg::MatmulOp op : deep) {
    auto x = cast<RankedTensorType>(op.getDpsInputs()[0].getType());
    int64_t m = x.getDimSize(0), k = x.getDimSize(1);
    MatmulTiles tiles = chooseMatmulTiles(k, matmulColumns(op), vectorBits);
    int64_t blocks = llvm::divideCeil(m * k * 4, kBlockBytes);
    if (!tiles.columnsOuter || m > 256 || m * k * 4 <= 2 * kBlockBytes ||
        k % blocks != 0 || (k / blocks) % tiles.k != 0)
      continue;
    int64_t depth = k / blocks;
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value acc = op.getDpsInits()[0];
    Value w = op.getDpsInputs()[1];
    int64_t n = cast<RankedTensorType>(w.getType()).getDimSize(1);
    auto index = [&](int64_t v) -> OpFoldResult {
      return rewriter.getIndexAttr(v);
    };
    for (int64_t b = 0; b < blocks; ++b) {
      Value xBlock = tensor::ExtractSliceOp::create(
          rewriter, loc, op.getDpsInputs()[0],
          ArrayRef<OpFoldResult>{index(0), index(b * depth)},
          ArrayRef<OpFoldResult>{index(m), index(depth)},
          ArrayRef<OpFoldResult>{index(1), index(1)});
      Value wBlock = tensor::ExtractSliceOp::create(
          rewriter, loc, w, ArrayRef<OpFoldResult>{index(b * depth), index(0)},
          ArrayRef<OpFoldResult>{index(depth), index(n)},
          ArrayRef<OpFoldResult>{index(1), index(1)});
      acc = linalg::MatmulOp::create(rewriter, loc, TypeRange{acc.getType()},
                                     ValueRange{xBlock, wBlock},
                                     ValueRange{acc})
                .getResult(0);
    }
    rewriter.replaceOp(op, acc);
  }
}

void CPUTileAndVectorizePass::splitBatchMatmuls(RewriterBase &rewriter) {
  // A batch of products (attention's Q·Kᵀ and P·V) becomes a loop over the
  // batch around one 2-D linalg.matmul, which then gets the matmul schedule.
  SmallVector<linalg::BatchMatmulOp> batched;
  getOperation().walk([&](linalg::BatchMatmulOp op) {
    if (op.hasPureTensorSemantics())
      batched.push_back(op);
  });
  if (batched.empty())
    return;
  for (linalg::BatchMatmulOp op : batched) {
    SmallVector<Operation *> fusable;
    if (auto fill = op.getDpsInits()[0].getDefiningOp<linalg::FillOp>())
      fusable.push_back(fill);
    if (failed(tileAndFuse(rewriter, cast<TilingInterface>(op.getOperation()),
                           {1, 0, 0, 0}, fusable)))
      op->emitWarning("batch of products could not be split");
  }
  RewritePatternSet patterns(&getContext());
  linalg::populateContractionOpRankReducingPatterns(patterns);
  (void)applyPatternsGreedily(getOperation(), std::move(patterns));
}

void CPUTileAndVectorizePass::runOnOperation() {
  func::FuncOp func = getOperation();
  IRRewriter rewriter(&getContext());
  splitBatchMatmuls(rewriter);
  splitDeepMatmuls(rewriter);

  // Roots are collected first: tiling rewrites the ops it visits.
  struct Root {
    TilingInterface op;
    SmallVector<int64_t> tileSizes;
    SmallVector<Operation *> fusable;
    bool columnsOuter = false;
    /// A window contraction's epilogue: threads take the first wide loop.
    bool window = false;
    /// Pixel tiles outside filter tiles (a 1x1 conv by rows).
    bool pixelsOuter = false;
    /// Filter tiles outermost, and so on threads (a 1x1 conv by rows).
    bool filtersOuter = false;
  };
  SmallVector<Root> roots;
  auto tiling = [](Operation *op) { return cast<TilingInterface>(op); };
  // The cost model's tiles for a product of depth K and N columns, unless
  // the options fix them.
  auto tilesFor = [&](int64_t k, int64_t n) {
    MatmulTiles tiles = chooseMatmulTiles(k, n, vectorBits);
    if (tileM > 0)
      tiles.m = tileM;
    if (tileN > 0)
      tiles.n = tileN;
    if (tileK > 0)
      tiles.k = tileK;
    return tiles;
  };
  func.walk([&](linalg::LinalgOp op) {
    if (!op.hasPureTensorSemantics())
      return;
    if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation())) {
      if (linalg::GenericOp window =
              rectify::cpu::findFusableWindowContraction(generic)) {
        // Register tile: (output columns x channels), the channels in the
        // vector lanes; the other parallel dims (batch, output rows) are
        // loops of single iterations.
        unsigned rank = generic.getNumLoops();
        SmallVector<int64_t> ranges = window.getStaticLoopRanges();
        int64_t depth = 1;
        for (int64_t range : ArrayRef(ranges).drop_front(rank))
          depth = ShapedType::isDynamic(range) || ShapedType::isDynamic(depth)
                      ? ShapedType::kDynamic
                      : depth * range;
        MatmulTiles tiles = tilesFor(depth, ranges[rank - 1]);
        SmallVector<int64_t> sizes(rank, 1);
        sizes[rank - 2] = rectify::cpu::chooseWindowRowTile(ranges[rank - 2],
                                                            tiles.m);
        auto [activation, weight] = windowOperands(window);
        // A 1x1 conv by rows has the output pixels in the lanes, others the
        // filters.
        bool pixelLanes =
            window.getMatchingIndexingMap(activation).isFunctionOfDim(rank - 1);
        sizes[rank - 1] = rectify::cpu::chooseWindowLaneTile(
            ranges[rank - 1], tiles.n, pixelLanes);
        if (pixelLanes && tileM == 0)
          sizes[rank - 2] = rectify::cpu::choosePixelLaneFilterTile(
              ranges[rank - 2], sizes[rank - 1], sizes[rank - 2], vectorBits);
        // The filter tiles outermost, and so on threads, when the weight
        // outweighs the input enough (TileSizes.cpp).
        if (!pixelLanes &&
            rectify::cpu::prefersFilterThreads(staticElements(weight->get()),
                                               staticElements(activation->get()),
                                               ranges[rank - 3]))
          tiles.columnsOuter = true;
        // Short row tiles take four vectors of filters instead of two.
        if (!pixelLanes && !tiles.columnsOuter && tileM == 0 && tileN == 0 &&
            rectify::cpu::prefersWideFilterTile(ranges[rank - 2],
                                                sizes[rank - 2],
                                                ranges[rank - 1], vectorBits)) {
          sizes[rank - 2] =
              rectify::cpu::chooseWindowRowTile(ranges[rank - 2], 4);
          sizes[rank - 1] = 4 * vectorBits / 32;
        }
        SmallVector<int64_t> windowSizes(sizes);
        windowSizes.append(window.getNumLoops() - rank, 1);
        // Fewer input channels than the unroll (RGB): one step of all.
        int64_t channels = ranges.back();
        windowSizes.back() = ShapedType::isDynamic(channels)
                                 ? tiles.k
                                 : std::min(tiles.k, channels);
        SmallVector<Operation *> fusable = {window};
        setVectorSizes(window, windowSizes);
        if (auto fill = window.getDpsInits()[0].getDefiningOp<linalg::FillOp>()) {
          fusable.push_back(fill);
          setVectorSizes(fill, sizes);
        }
        setVectorSizes(generic, sizes);
        bool pixelsOuter =
            pixelLanes && rectify::cpu::prefersPixelTilesOuter(
                              ranges[rank - 1], sizes[rank - 1]);
        bool filtersOuter =
            pixelLanes && rectify::cpu::prefersFilterTilesOnThreads(
                              ranges[rank - 2], channels);
        roots.push_back({tiling(generic), sizes, fusable, tiles.columnsOuter,
                         /*window=*/true, pixelsOuter, filtersOuter});
        return;
      }
      if (linalg::MatmulOp matmul = findFusableMatmul(generic)) {
        MatmulTiles tiles = tilesFor(matmulDepth(matmul), matmulColumns(matmul));
        int64_t m = tiles.m, n = tiles.n, k = tiles.k;
        SmallVector<Operation *> fusable = {matmul};
        if (auto fill = matmul.getDpsInits()[0].getDefiningOp<linalg::FillOp>())
          fusable.push_back(fill);
        for (Operation *f : fusable)
          setVectorSizes(f, isa<linalg::MatmulOp>(f)
                                ? SmallVector<int64_t>{m, n, k}
                                : SmallVector<int64_t>{m, n});
        setVectorSizes(generic, {m, n});
        roots.push_back({tiling(generic), {m, n}, fusable, tiles.columnsOuter});
        return;
      }
      if (isAllParallel(generic) && generic.getNumLoops() >= 1) {
        SmallVector<int64_t> sizes(generic.getNumLoops(), 1);
        sizes.back() = elementwiseTile;
        setVectorSizes(generic, sizes);
        generic->setAttr(kWholeRegistersAttr, UnitAttr::get(&getContext()));
        roots.push_back({tiling(generic), sizes, {}});
      }
      return;
    }
    if (auto matmul = dyn_cast<linalg::MatmulOp>(op.getOperation())) {
      // A matmul consumed by an epilogue is fused into that root.
      if (matmul->hasOneUse())
        if (auto user = dyn_cast<linalg::GenericOp>(*matmul->user_begin()))
          if (findFusableMatmul(user) == matmul)
            return;
      MatmulTiles tiles = tilesFor(matmulDepth(matmul), matmulColumns(matmul));
      int64_t m = tiles.m, n = tiles.n, k = tiles.k;
      SmallVector<Operation *> fusable;
      if (auto fill = matmul.getDpsInits()[0].getDefiningOp<linalg::FillOp>()) {
        fusable.push_back(fill);
        setVectorSizes(fill, {m, n});
      }
      setVectorSizes(matmul, {m, n, k});
      roots.push_back({tiling(matmul), {m, n}, fusable, tiles.columnsOuter});
    }
  });

  for (Root &root : roots) {
    bool registerTiled = !root.fusable.empty() ||
                         isa<linalg::MatmulOp>(root.op.getOperation());
    unsigned rank = root.tileSizes.size();
    SmallVector<int64_t> interchange;
    if (root.columnsOuter) {
      // The channel tiles outermost: one weight panel stays in L2.
      interchange = loopOrderWithFirst(rank, rank - 1);
    } else if (root.filtersOuter) {
      // The filter tiles outermost, on threads (TileSizes.cpp).
      interchange = loopOrderWithFirst(rank, rank - 2);
    } else if (root.pixelsOuter) {
      // Each pixel tile meets every filter tile (TileSizes.cpp).
      interchange = llvm::to_vector(llvm::seq<int64_t>(0, rank));
      std::swap(interchange[rank - 2], interchange[rank - 1]);
    }
    FailureOr<SmallVector<scf::ForOp>> loops = tileAndFuse(
        rewriter, root.op, root.tileSizes, root.fusable, interchange);
    if (failed(loops)) {
      root.op->emitWarning("could not be tiled; it is lowered to loops");
      continue;
    }
    SmallVector<scf::ForOp> remainders = peelLoops(rewriter, *loops);
    // Iterations of a tile loop write disjoint tiles: rows of register
    // tiles, column panels, or blocks of an elementwise op.
    // rectify-cpu-parallelize may run them on threads.
    if (!loops->empty())
      markParallel(registerTiled && !root.window ? loops->front()
                                                 : outermostWideLoop(*loops));
    if (!registerTiled || loops->size() != 2)
      continue;
    // The rows left over by the register tile (all of the work at batch 1).
    scf::ForOp rowRemainder = remainders[root.columnsOuter ? 1 : 0];
    if (!rowRemainder)
      continue;
    if (!root.columnsOuter)
      for (auto columns : rowRemainder.getBody()->getOps<scf::ForOp>())
        markParallel(columns);
    tileRemainderRows(rewriter, rowRemainder);
  }
  applyCleanups(func, /*lowerPermutations=*/false);
  packWeightPanels(rewriter);
  applyCleanups(func, /*lowerPermutations=*/false);
  tileReductions(rewriter);
  applyCleanups(func, /*lowerPermutations=*/false);
  vectorizeMarkedOps(rewriter);
  applyCleanups(func, /*lowerPermutations=*/false);
  hoistAccumulators(rewriter);
  applyCleanups(func, /*lowerPermutations=*/true);
}

} // namespace
