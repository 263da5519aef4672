//===- FuseParallelLoops.cpp - Consecutive channel loops as one ----------===//
//
// Implements rectify-cpu-fuse-parallel-loops. After bufferization every
// layer is its own scf.parallel loop, and a layer that splits its output
// channels between threads (a 1x1 conv by filter tiles) is often followed
// by per-channel loops over the same range: the border fill of the next
// layer's padded input, a copy into its interior, a depthwise conv. Run one
// after the other, each pass over the whole activation reads it back from
// L3; fused, a block of channels is produced, padded and consumed while it
// is still in the core's cache, and one fork/join replaces several.
//
// Legality is an interval argument. Within a loop body, every index is
// evaluated as `c * iv + [lo, hi]`; every access (a transfer, load or
// store, or a subview made inside the body) becomes such an interval of
// linear offsets into its root buffer. The loops fuse when, for each root
// that either loop writes, all accesses share one `c > 0` and one block of
// the fused loop (an iteration of the first loop and the iterations of the
// second inside it) spans at most the first loop's step times `c`: blocks
// then touch disjoint slots, so running them in any order or concurrently
// computes what the two loops computed one after the other.
//
//===----------------------------------------------------------------------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUFUSEPARALLELLOOPS
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

/// The values `coefficient * iv + k` for k in [lo, hi].
struct Interval {
  int64_t coefficient = 0;
  int64_t lo = 0, hi = 0;

  Interval operator+(const Interval &other) const {
    return {coefficient + other.coefficient, lo + other.lo, hi + other.hi};
  }
  Interval scaled(int64_t factor) const {
    if (factor >= 0)
      return {coefficient * factor, lo * factor, hi * factor};
    return {coefficient * factor, hi * factor, lo * factor};
  }
};

/// An access to the buffer `root`: the linear offsets it may touch, when
/// they could be bounded (only buffers that a loop writes need them).
struct Access {
  Value root;
  std::optional<Interval> offsets;
  bool writes;
};

/// The buffer a view ultimately looks into: an allocation, a global or a
/// function argument, whose base the offsets in view types count from.
/// Null for anything else, such as a memref.view (its byte shift moves the
/// base) or a buffer from an op this analysis does not know.
Value rootOf(Value memref) {
  while (auto view = memref.getDefiningOp<ViewLikeOpInterface>()) {
    if (isa<memref::ViewOp>(view))
      return {};
    memref = view.getViewSource();
  }
  if (auto arg = dyn_cast<BlockArgument>(memref))
    return isa<FunctionOpInterface>(arg.getOwner()->getParentOp()) ? memref
                                                                   : Value();
  if (memref.getDefiningOp<memref::AllocOp>() ||
      memref.getDefiningOp<memref::AllocaOp>() ||
      memref.getDefiningOp<memref::GetGlobalOp>())
    return memref;
  return {};
}

/// The strides of `type` and its static offset as the interval an access
/// starts from; false when the layout is not strided or the offset dynamic.
bool startOfLayout(MemRefType type, SmallVector<int64_t> &strides,
                   std::optional<Interval> &start) {
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)) ||
      ShapedType::isDynamic(offset))
    return false;
  start = Interval{0, offset, offset};
  return true;
}

/// Evaluates index expressions and collects the accesses of one
/// scf.parallel body.
class LoopFootprint {
public:
  explicit LoopFootprint(scf::ParallelOp loop)
      : loop(loop), iv(loop.getInductionVars()[0]) {}

  /// The accesses of the body to buffers defined outside it, or failure
  /// when an op may touch memory in ways not modelled here.
  FailureOr<SmallVector<Access>> collect();

private:
  std::optional<Interval> evaluate(Value index);
  std::optional<Interval> evaluate(AffineExpr expr, ValueRange dims,
                                   ValueRange symbols);
  /// The offsets of the elements at `indices` + [0, extents) of `memref`.
  std::optional<Interval> offsets(Value memref, ValueRange indices,
                                  ArrayRef<int64_t> extents,
                                  ArrayRef<bool> clipToShape);
  bool definedInside(Value value) const {
    return loop->isAncestor(value.getParentRegion()->getParentOp());
  }
  /// The offsets a subview of a buffer from outside the body spans.
  std::optional<Interval> subviewOffsets(memref::SubViewOp subview);
  /// Whether `view` (made inside the body) or a view of it is written.
  static bool isWritten(Value view);

  scf::ParallelOp loop;
  Value iv;
};

std::optional<Interval> LoopFootprint::evaluate(AffineExpr expr,
                                                ValueRange dims,
                                                ValueRange symbols) {
  if (auto constant = dyn_cast<AffineConstantExpr>(expr))
    return Interval{0, constant.getValue(), constant.getValue()};
  if (auto dim = dyn_cast<AffineDimExpr>(expr))
    return evaluate(dims[dim.getPosition()]);
  if (auto symbol = dyn_cast<AffineSymbolExpr>(expr))
    return evaluate(symbols[symbol.getPosition()]);
  auto binary = cast<AffineBinaryOpExpr>(expr);
  std::optional<Interval> lhs = evaluate(binary.getLHS(), dims, symbols);
  if (!lhs)
    return std::nullopt;
  if (expr.getKind() == AffineExprKind::Add) {
    std::optional<Interval> rhs = evaluate(binary.getRHS(), dims, symbols);
    if (!rhs)
      return std::nullopt;
    return *lhs + *rhs;
  }
  // Affine maps keep constants on the right of a product or division.
  auto divisor = dyn_cast<AffineConstantExpr>(binary.getRHS());
  if (!divisor)
    return std::nullopt;
  int64_t k = divisor.getValue();
  if (expr.getKind() == AffineExprKind::Mul)
    return lhs->scaled(k);
  if (k <= 0 || lhs->coefficient != 0)
    return std::nullopt;
  switch (expr.getKind()) {
  case AffineExprKind::FloorDiv:
    return Interval{0, llvm::divideFloorSigned(lhs->lo, k),
                    llvm::divideFloorSigned(lhs->hi, k)};
  case AffineExprKind::CeilDiv:
    return Interval{0, llvm::divideCeilSigned(lhs->lo, k),
                    llvm::divideCeilSigned(lhs->hi, k)};
  case AffineExprKind::Mod:
    if (lhs->lo >= 0 && lhs->hi < k)
      return lhs;
    return Interval{0, 0, k - 1};
  default:
    return std::nullopt;
  }
}

std::optional<Interval> LoopFootprint::evaluate(Value index) {
  if (index == iv)
    return Interval{1, 0, 0};
  if (std::optional<int64_t> constant = getConstantIntValue(index))
    return Interval{0, *constant, *constant};
  if (!definedInside(index))
    return std::nullopt;
  if (auto arg = dyn_cast<BlockArgument>(index)) {
    auto forOp = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
    if (!forOp || arg != forOp.getInductionVar())
      return std::nullopt;
    std::optional<Interval> lower = evaluate(forOp.getLowerBound());
    std::optional<Interval> upper = evaluate(forOp.getUpperBound());
    if (!lower || !upper || lower->coefficient != upper->coefficient)
      return std::nullopt;
    // With exact bounds the last value is the last step below the upper
    // bound (a tile loop stops short of the remainder it leaves).
    std::optional<int64_t> step = getConstantIntValue(forOp.getStep());
    if (step && *step > 0 && lower->lo == lower->hi &&
        upper->lo == upper->hi && upper->lo > lower->lo)
      return Interval{lower->coefficient, lower->lo,
                      lower->lo + (upper->lo - 1 - lower->lo) / *step * *step};
    return Interval{lower->coefficient, lower->lo, upper->hi - 1};
  }
  Operation *def = index.getDefiningOp();
  auto binary = [&](auto combine) -> std::optional<Interval> {
    std::optional<Interval> lhs = evaluate(def->getOperand(0));
    std::optional<Interval> rhs = evaluate(def->getOperand(1));
    if (!lhs || !rhs)
      return std::nullopt;
    return combine(*lhs, *rhs);
  };
  if (isa<arith::AddIOp>(def))
    return binary([](Interval a, Interval b) { return a + b; });
  if (isa<arith::SubIOp>(def))
    return binary([](Interval a, Interval b) { return a + b.scaled(-1); });
  if (isa<arith::MulIOp>(def))
    return binary([](Interval a, Interval b) -> std::optional<Interval> {
      if (b.coefficient == 0 && b.lo == b.hi)
        return a.scaled(b.lo);
      if (a.coefficient == 0 && a.lo == a.hi)
        return b.scaled(a.lo);
      return std::nullopt;
    });
  if (isa<arith::MinSIOp, arith::MaxSIOp>(def))
    return binary([](Interval a, Interval b) -> std::optional<Interval> {
      if (a.coefficient != b.coefficient)
        return std::nullopt;
      return Interval{a.coefficient, std::min(a.lo, b.lo),
                      std::max(a.hi, b.hi)};
    });
  if (auto apply = dyn_cast<affine::AffineApplyOp>(def))
    return evaluate(apply.getAffineMap().getResult(0), apply.getDimOperands(),
                    apply.getSymbolOperands());
  // A min or max of results that move with iv alike lies between the
  // smallest and the largest of their bounds.
  auto extremum = [&](AffineMap map, ValueRange dims,
                      ValueRange symbols) -> std::optional<Interval> {
    std::optional<Interval> hull;
    for (AffineExpr result : map.getResults()) {
      std::optional<Interval> value = evaluate(result, dims, symbols);
      if (!value || (hull && hull->coefficient != value->coefficient))
        return std::nullopt;
      hull = hull ? Interval{value->coefficient, std::min(hull->lo, value->lo),
                             std::max(hull->hi, value->hi)}
                  : *value;
    }
    return hull;
  };
  if (auto min = dyn_cast<affine::AffineMinOp>(def))
    return extremum(min.getAffineMap(), min.getDimOperands(),
                    min.getSymbolOperands());
  if (auto max = dyn_cast<affine::AffineMaxOp>(def))
    return extremum(max.getAffineMap(), max.getDimOperands(),
                    max.getSymbolOperands());
  return std::nullopt;
}

std::optional<Interval> LoopFootprint::offsets(Value memref,
                                               ValueRange indices,
                                               ArrayRef<int64_t> extents,
                                               ArrayRef<bool> clipToShape) {
  auto type = cast<MemRefType>(memref.getType());
  std::optional<Interval> total;
  SmallVector<int64_t> strides;
  if (!startOfLayout(type, strides, total))
    return std::nullopt;
  for (auto [dim, index] : llvm::enumerate(indices)) {
    std::optional<Interval> value = evaluate(index);
    if (!value || ShapedType::isDynamic(strides[dim]))
      return std::nullopt;
    value->hi += extents[dim] - 1;
    // Lanes of a transfer past the end of a dimension are masked off.
    if (clipToShape[dim] && value->coefficient == 0 &&
        !type.isDynamicDim(dim))
      value->hi = std::min(value->hi, type.getDimSize(dim) - 1);
    *total = *total + value->scaled(strides[dim]);
  }
  return total;
}

std::optional<Interval>
LoopFootprint::subviewOffsets(memref::SubViewOp subview) {
  auto type = cast<MemRefType>(subview.getSource().getType());
  std::optional<Interval> total;
  SmallVector<int64_t> sourceStrides;
  if (!startOfLayout(type, sourceStrides, total))
    return std::nullopt;
  // The view spans offset + stride * [0, size) in each dimension.
  for (auto [dim, mixedOffset] : llvm::enumerate(subview.getMixedOffsets())) {
    std::optional<Interval> start;
    if (auto value = dyn_cast<Value>(mixedOffset))
      start = evaluate(value);
    else if (std::optional<int64_t> constant =
                 getConstantIntValue(mixedOffset))
      start = Interval{0, *constant, *constant};
    std::optional<int64_t> size =
        getConstantIntValue(subview.getMixedSizes()[dim]);
    int64_t stride = subview.getStaticStrides()[dim];
    if (!start || !size || ShapedType::isDynamic(sourceStrides[dim]) ||
        ShapedType::isDynamic(stride) || stride <= 0)
      return std::nullopt;
    start->hi += (*size - 1) * stride;
    *total = *total + start->scaled(sourceStrides[dim]);
  }
  return total;
}

bool LoopFootprint::isWritten(Value view) {
  for (OpOperand &use : view.getUses()) {
    Operation *user = use.getOwner();
    if (auto nested = dyn_cast<ViewLikeOpInterface>(user))
      if (nested.getViewSource() == view && isWritten(nested->getResult(0)))
        return true;
    auto effects = dyn_cast<MemoryEffectOpInterface>(user);
    if (!effects || effects.getEffectOnValue<MemoryEffects::Write>(view))
      return true;
  }
  return false;
}

FailureOr<SmallVector<Access>> LoopFootprint::collect() {
  SmallVector<Access> accesses;
  // A value of the body that views a buffer from outside it: accesses
  // through it are covered by the footprint of the view itself.
  // Accesses through a view made inside the body of a buffer from outside
  // are covered by the footprint of that view; buffers allocated by the
  // iteration are its own.
  auto record = [&](Value memref, ValueRange indices,
                    ArrayRef<int64_t> extents, ArrayRef<bool> clip,
                    bool writes) -> LogicalResult {
    Value root = rootOf(memref);
    if (root && definedInside(root))
      return success();
    if (definedInside(memref))
      return success(root != nullptr);
    accesses.push_back({root, offsets(memref, indices, extents, clip), writes});
    return success();
  };
  auto vectorExtents = [](VectorTransferOpInterface transfer, unsigned rank,
                          SmallVector<int64_t> &extents,
                          SmallVector<bool> &clip) {
    extents.assign(rank, 1);
    clip.assign(rank, false);
    // Lanes past a constant mask are not accessed.
    ArrayRef<int64_t> maskSizes;
    if (Value mask = transfer.getMask())
      if (auto constantMask = mask.getDefiningOp<vector::ConstantMaskOp>())
        maskSizes = constantMask.getMaskDimSizes();
    AffineMap permutation = transfer.getPermutationMap();
    for (auto [i, result] : llvm::enumerate(permutation.getResults())) {
      auto dim = dyn_cast<AffineDimExpr>(result);
      if (!dim)
        continue; // a broadcast dimension reads one element
      int64_t extent = transfer.getVectorType().getDimSize(i);
      if (!maskSizes.empty() && permutation.isMinorIdentity())
        extent = std::min(extent, maskSizes[i]);
      extents[dim.getPosition()] = extent;
      clip[dim.getPosition()] = !transfer.isDimInBounds(i);
    }
  };

  WalkResult walk = loop.getBody()->walk([&](Operation *op) -> WalkResult {
    SmallVector<int64_t> extents;
    SmallVector<bool> clip;
    if (auto read = dyn_cast<vector::TransferReadOp>(op)) {
      auto type = cast<MemRefType>(read.getBase().getType());
      vectorExtents(read, type.getRank(), extents, clip);
      return failure(failed(record(read.getBase(), read.getIndices(), extents,
                                   clip, /*writes=*/false)));
    }
    if (auto write = dyn_cast<vector::TransferWriteOp>(op)) {
      auto type = dyn_cast<MemRefType>(write.getBase().getType());
      if (!type)
        return WalkResult::interrupt();
      vectorExtents(write, type.getRank(), extents, clip);
      return failure(failed(record(write.getBase(), write.getIndices(),
                                   extents, clip, /*writes=*/true)));
    }
    auto scalarOrTrailing = [&](Value memref, ValueRange indices,
                                VectorType vectorType, bool writes) {
      unsigned rank = cast<MemRefType>(memref.getType()).getRank();
      extents.assign(rank, 1);
      clip.assign(rank, false);
      if (vectorType)
        for (unsigned i = 0; i < vectorType.getRank(); ++i)
          extents[rank - vectorType.getRank() + i] = vectorType.getDimSize(i);
      return failure(failed(record(memref, indices, extents, clip, writes)));
    };
    if (auto load = dyn_cast<memref::LoadOp>(op))
      return scalarOrTrailing(load.getMemRef(), load.getIndices(), {}, false);
    if (auto store = dyn_cast<memref::StoreOp>(op))
      return scalarOrTrailing(store.getMemRef(), store.getIndices(), {}, true);
    if (auto load = dyn_cast<vector::LoadOp>(op))
      return scalarOrTrailing(load.getBase(), load.getIndices(),
                              load.getVectorType(), false);
    if (auto store = dyn_cast<vector::StoreOp>(op))
      return scalarOrTrailing(store.getBase(), store.getIndices(),
                              store.getVectorType(), true);
    if (auto view = dyn_cast<ViewLikeOpInterface>(op)) {
      Value source = view.getViewSource();
      Value root = rootOf(source);
      if (!root)
        return WalkResult::interrupt();
      // A view of a local buffer, or one refining a view the body made of
      // an outer buffer (recorded there).
      if (definedInside(root) || definedInside(source))
        return WalkResult::advance();
      // A view of an outer buffer made in the body: a subview spans its
      // offsets and sizes, any other view is assumed to reach everything.
      auto subview = dyn_cast<memref::SubViewOp>(op);
      accesses.push_back({root,
                          subview ? subviewOffsets(subview) : std::nullopt,
                          isWritten(op->getResult(0))});
      return WalkResult::advance();
    }
    if (isa<memref::PrefetchOp>(op) || isMemoryEffectFree(op) ||
        op->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
      return WalkResult::advance();
    // Buffers allocated and freed by the iteration itself.
    if (isa<memref::AllocOp, memref::AllocaOp, memref::DeallocOp>(op) &&
        llvm::all_of(op->getOperands(), [&](Value operand) {
          return !isa<MemRefType>(operand.getType()) || definedInside(operand);
        }))
      return WalkResult::advance();
    return WalkResult::interrupt();
  });
  if (walk.wasInterrupted())
    return failure();
  return accesses;
}

/// Whether `second` may run, iteration block by iteration block, inside
/// `first` (see the file comment).
bool canFuse(scf::ParallelOp first, scf::ParallelOp second, int64_t step1,
             int64_t step2) {
  FailureOr<SmallVector<Access>> accesses1 = LoopFootprint(first).collect();
  FailureOr<SmallVector<Access>> accesses2 = LoopFootprint(second).collect();
  if (failed(accesses1) || failed(accesses2))
    return false;
  llvm::SetVector<Value> written;
  for (ArrayRef<Access> accesses : {*accesses1, *accesses2})
    for (const Access &access : accesses) {
      // A buffer of unknown origin may alias any other.
      if (!access.root)
        return false;
      if (access.writes)
        written.insert(access.root);
    }
  // Distinct function arguments may alias each other.
  auto isArgument = [](Value root) { return isa<BlockArgument>(root); };
  auto touches = [](ArrayRef<Access> accesses, Value root) {
    return llvm::any_of(accesses,
                        [&](const Access &a) { return a.root == root; });
  };
  for (Value root : written) {
    if (isArgument(root))
      for (ArrayRef<Access> accesses : {*accesses1, *accesses2})
        for (const Access &access : accesses)
          if (isArgument(access.root) && access.root != root)
            return false;
    // A buffer only one loop touches keeps that loop's own independence.
    if (!touches(*accesses1, root) || !touches(*accesses2, root))
      continue;
    std::optional<int64_t> slot;
    int64_t lo = std::numeric_limits<int64_t>::max();
    int64_t hi = std::numeric_limits<int64_t>::min();
    auto add = [&](const Access &access, int64_t reach) {
      if (access.root != root)
        return true;
      if (!access.offsets)
        return false;
      int64_t c = access.offsets->coefficient;
      if (c <= 0 || (slot && *slot != c))
        return false;
      slot = c;
      lo = std::min(lo, access.offsets->lo);
      hi = std::max(hi, access.offsets->hi + reach * c);
      return true;
    };
    for (const Access &access : *accesses1)
      if (!add(access, 0))
        return false;
    // The second loop's iterations in a block start at iv + k * step2.
    for (const Access &access : *accesses2)
      if (!add(access, step1 - step2))
        return false;
    if (slot && hi - lo + 1 > step1 * *slot)
      return false;
  }
  return true;
}

/// The constant lower bound, upper bound and step of a one-dimensional
/// parallel loop without reductions.
std::optional<std::array<int64_t, 3>> constantBounds(scf::ParallelOp loop) {
  if (loop.getNumLoops() != 1 || loop.getNumResults() != 0)
    return std::nullopt;
  std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound()[0]);
  std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound()[0]);
  std::optional<int64_t> step = getConstantIntValue(loop.getStep()[0]);
  if (!lb || !ub || !step || *step <= 0)
    return std::nullopt;
  return std::array<int64_t, 3>{*lb, *ub, *step};
}

/// The ops strictly between `first` and `second` when all of them can move
/// above `first` (pure ops and allocations) or below `second` (deallocations
/// of buffers `second` does not touch).
FailureOr<std::pair<SmallVector<Operation *>, SmallVector<Operation *>>>
opsBetween(scf::ParallelOp first, scf::ParallelOp second) {
  SmallVector<Operation *> above, below;
  llvm::SmallPtrSet<Value, 8> usedBySecond;
  second->walk([&](Operation *op) {
    for (Value operand : op->getOperands())
      if (isa<MemRefType>(operand.getType()))
        usedBySecond.insert(rootOf(operand));
  });
  for (Operation *op = first->getNextNode(); op != second;
       op = op->getNextNode()) {
    if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
      Value root = rootOf(dealloc.getMemref());
      if (!root || usedBySecond.contains(root) ||
          usedBySecond.contains(Value()))
        return failure();
      below.push_back(op);
      continue;
    }
    if (!isMemoryEffectFree(op) && !isa<memref::AllocOp, memref::AllocaOp>(op))
      return failure();
    above.push_back(op);
  }
  return std::make_pair(above, below);
}

/// Appends `second`'s body to `first`'s, inside a loop over the iterations
/// of `second` that a block of `first` covers when the steps differ.
void fuseInto(scf::ParallelOp first, scf::ParallelOp second, int64_t lb,
              int64_t ub, int64_t step1, int64_t step2) {
  OpBuilder b(first.getBody()->getTerminator());
  Location loc = second.getLoc();
  Value iv = first.getInductionVars()[0];
  IRMapping mapping;
  if (step1 == step2) {
    mapping.map(second.getInductionVars()[0], iv);
  } else {
    Value end = arith::AddIOp::create(
        b, loc, iv, arith::ConstantIndexOp::create(b, loc, step1));
    // A whole number of blocks keeps the bound an interval of iv, which a
    // later fusion can evaluate.
    if ((ub - lb) % step1 != 0)
      end = arith::MinSIOp::create(b, loc, end,
                                   arith::ConstantIndexOp::create(b, loc, ub));
    auto inner = scf::ForOp::create(
        b, loc, iv, end, arith::ConstantIndexOp::create(b, loc, step2));
    mapping.map(second.getInductionVars()[0], inner.getInductionVar());
    b.setInsertionPoint(inner.getBody()->getTerminator());
  }
  for (Operation &op : second.getBody()->without_terminator())
    b.clone(op, mapping);
  second.erase();
}

/// Whether `loop` holds the reduction loop of a contraction (marked by
/// rectify-cpu-tile-and-vectorize).
bool containsContraction(scf::ParallelOp loop) {
  WalkResult walk = loop->walk([](scf::ForOp inner) {
    if (inner->hasAttr(rectify::cpu::kReductionLoopAttr))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return walk.wasInterrupted();
}

struct CPUFuseParallelLoopsPass
    : rectify::cpu::impl::CPUFuseParallelLoopsBase<CPUFuseParallelLoopsPass> {
  void runOnOperation() override {
    SmallVector<Block *> blocks;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (!llvm::is_contained(blocks, loop->getBlock()))
        blocks.push_back(loop->getBlock());
    });
    // Loops with equal steps first: a fill and a consumer of each channel
    // then share one inner loop when they join a layer's blocks of channels.
    for (bool equalStepsOnly : {true, false}) {
      for (Block *block : blocks) {
        scf::ParallelOp first;
        for (Operation *op = &block->front(); op;) {
          auto loop = dyn_cast<scf::ParallelOp>(op);
          op = op->getNextNode();
          if (!loop)
            continue;
          if (first && tryFuse(first, loop, equalStepsOnly))
            continue; // `first` absorbed `loop`: try the next one too
          first = loop;
        }
      }
    }
  }

  bool tryFuse(scf::ParallelOp first, scf::ParallelOp second,
               bool equalStepsOnly) {
    // A contraction joins nothing before it: each of its blocks would
    // then stream the whole input and a slice of every weight in turn
    // (resnet18's six F(4, 3) products of a conv fused by filter blocks:
    // 1 thread 25.7 -> 28.5 ms).
    if (containsContraction(second))
      return false;
    auto bounds1 = constantBounds(first), bounds2 = constantBounds(second);
    if (!bounds1 || !bounds2 || (*bounds1)[0] != (*bounds2)[0] ||
        (*bounds1)[1] != (*bounds2)[1] || (*bounds1)[2] % (*bounds2)[2] != 0 ||
        (equalStepsOnly && (*bounds1)[2] != (*bounds2)[2]))
      return false;
    int64_t step1 = (*bounds1)[2], step2 = (*bounds2)[2];
    auto between = opsBetween(first, second);
    if (failed(between) || !canFuse(first, second, step1, step2))
      return false;
    for (Operation *op : between->first)
      op->moveBefore(first);
    for (Operation *op : llvm::reverse(between->second))
      op->moveAfter(second);
    fuseInto(first, second, (*bounds1)[0], (*bounds1)[1], step1, step2);
    return true;
  }
};

} // namespace
