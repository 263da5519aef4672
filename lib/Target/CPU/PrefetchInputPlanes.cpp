//===- PrefetchInputPlanes.cpp - Input planes fetched a tile ahead --------===//
//
// Implements rectify-cpu-prefetch-input-planes. A 1x1 convolution with the
// output pixels in the lanes reads, for each tile of pixels, the same few
// lanes of every input channel plane: 144 planes 12 KiB apart for
// mobilenet_v2's 144->24 projection on 56x56. That is one stream per plane,
// far more than the hardware prefetchers follow, so once the layer before
// has pushed the input out of L2 each of those reads waits on L3 (40% of the
// projection's samples sat on them). Each such read in the reduction loops
// is preceded by prefetches of the lines the same read will touch two pixel
// tiles later, wrapping into the next row when the row ends.
//
//===----------------------------------------------------------------------===//

#include "ReductionLoops.h"
#include "rectify/Target/CPU/Passes.h"
#include "rectify/Target/CPU/TileSizes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <optional>

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUPREFETCHINPUTPLANES
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;
using rectify::cpu::isInvariantIn;
using rectify::cpu::outermostReductionLoop;

namespace {

/// How many tiles ahead along a row to fetch. One tile of 144 channels is
/// about 1700 cycles of FMAs, several L3 latencies: two tiles leave slack
/// for the row ends and for tiles that straddle lines.
constexpr int64_t kTilesAhead = 2;

/// The memref dim of a read's rows (the channels) when its lanes run along
/// the memref's last dim and, for a 2-D read, its rows along another dim;
/// -1 for a 1-D read, none for any other form.
std::optional<int64_t> rowDimOf(vector::TransferReadOp read, int64_t rank) {
  AffineMap map = read.getPermutationMap();
  if (map.getNumResults() == 0 || map.getNumResults() > 2)
    return std::nullopt;
  auto lanes = dyn_cast<AffineDimExpr>(map.getResults().back());
  if (!lanes || lanes.getPosition() != rank - 1)
    return std::nullopt;
  if (map.getNumResults() == 1)
    return -1;
  auto rows = dyn_cast<AffineDimExpr>(map.getResult(0));
  if (!rows || rows.getPosition() == rank - 1)
    return std::nullopt;
  return rows.getPosition();
}

/// Whether `buffer` is a view of a constant (a weight).
bool viewsGlobal(Value buffer) {
  while (auto view = buffer.getDefiningOp<ViewLikeOpInterface>())
    buffer = view.getViewSource();
  return buffer.getDefiningOp<memref::GetGlobalOp>() != nullptr;
}

/// Bytes of `type` with its dynamic dims (the batch) counted as 1.
int64_t staticBytes(MemRefType type) {
  int64_t elements = 1;
  for (int64_t size : type.getShape())
    if (!ShapedType::isDynamic(size))
      elements *= size;
  return elements * type.getElementTypeBitWidth() / 8;
}

/// A read this pass prefetches for, with its outermost reduction loop and
/// the memref dim of its rows (-1 for a 1-D read).
struct PlaneRead {
  vector::TransferReadOp read;
  scf::ForOp reduction;
  int64_t rowDim;
};

/// `read` as a PlaneRead when it steps through the planes of an activation
/// inside a contraction's reduction loops: not a constant weight, too large
/// to stay in L2 between the layers (smaller ones, such as the 14x14 planes
/// of a 1x1 conv lowered as a GEMM, took 10% longer with the prefetches),
/// its lanes along the last dim at a position the reduction loops do not
/// change, while they do change another index (the channel).
std::optional<PlaneRead> matchPlaneRead(vector::TransferReadOp read) {
  auto type = dyn_cast<MemRefType>(read.getBase().getType());
  if (!type || type.getRank() < 2 || read.getMask() ||
      staticBytes(type) < rectify::cpu::kL2BudgetBytes ||
      viewsGlobal(read.getBase()) ||
      ShapedType::isDynamic(type.getShape().back()) ||
      type.getShape().back() <= read.getVectorType().getShape().back())
    return std::nullopt;
  std::optional<int64_t> rowDim = rowDimOf(read, type.getRank());
  scf::ForOp reduction = outermostReductionLoop(read);
  if (!rowDim || !reduction)
    return std::nullopt;
  ValueRange indices = read.getIndices();
  if (!isInvariantIn(indices.back(), reduction) ||
      llvm::all_of(indices.drop_back(), [&](Value index) {
        return isInvariantIn(index, reduction);
      }))
    return std::nullopt;
  return PlaneRead{read, reduction, *rowDim};
}

/// Prefetches of the lines the read will cover kTilesAhead reads further
/// along its rows, inserted before it. Past the end of a row they continue
/// on the next row (the dim before the last, when the reduction loops do
/// not change it), clamped to the last row; otherwise they stop at the
/// row's last element. Every prefetched element is in bounds.
void prefetchAhead(RewriterBase &rewriter, const PlaneRead &plane) {
  vector::TransferReadOp read = plane.read;
  auto type = cast<MemRefType>(read.getBase().getType());
  int64_t rank = type.getRank();
  VectorType vectorType = read.getVectorType();
  int64_t lanes = vectorType.getShape().back();
  int64_t rows = vectorType.getNumElements() / lanes;
  int64_t rowDim = plane.rowDim;
  int64_t width = type.getShape().back();
  int64_t lineElements =
      rectify::cpu::kCacheLineBytes / (type.getElementTypeBitWidth() / 8);
  ValueRange indices = read.getIndices();
  bool wraps = rank >= 3 && rowDim != rank - 2 &&
               !ShapedType::isDynamic(type.getShape()[rank - 2]) &&
               isInvariantIn(indices[rank - 2], plane.reduction);

  Location loc = read.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(read);
  MLIRContext *ctx = rewriter.getContext();
  AffineExpr x = getAffineDimExpr(0, ctx), y = getAffineDimExpr(1, ctx);
  for (int64_t line = 0; line < lanes; line += lineElements) {
    int64_t ahead = kTilesAhead * lanes + line;
    SmallVector<Value> at(indices);
    if (wraps) {
      // (y, x + ahead) as a position in the [H, W] plane, the row clamped.
      int64_t height = type.getShape()[rank - 2];
      at.back() = affine::AffineApplyOp::create(
          rewriter, loc, (x + ahead) % width, ValueRange{indices.back()});
      at[rank - 2] = affine::AffineMinOp::create(
          rewriter, loc,
          AffineMap::get(2, 0,
                         {y + (x + ahead).floorDiv(width),
                          getAffineConstantExpr(height - 1, ctx)},
                         ctx),
          ValueRange{indices.back(), indices[rank - 2]});
    } else {
      at.back() = affine::AffineMinOp::create(
          rewriter, loc, AffineMap::get(
              1, 0, {x + ahead, getAffineConstantExpr(width - 1, ctx)}, ctx),
          ValueRange{indices.back()});
    }
    for (int64_t row = 0; row < rows; ++row) {
      SmallVector<Value> rowAt(at);
      if (row > 0)
        rowAt[rowDim] = arith::AddIOp::create(
            rewriter, loc, at[rowDim],
            arith::ConstantIndexOp::create(rewriter, loc, row));
      memref::PrefetchOp::create(rewriter, loc, read.getBase(), rowAt,
                                 /*isWrite=*/false, /*localityHint=*/3,
                                 /*isDataCache=*/true);
    }
  }
}

struct CPUPrefetchInputPlanesPass
    : rectify::cpu::impl::CPUPrefetchInputPlanesBase<
          CPUPrefetchInputPlanesPass> {
  void runOnOperation() override {
    SmallVector<PlaneRead> reads;
    getOperation().walk([&](vector::TransferReadOp read) {
      if (std::optional<PlaneRead> plane = matchPlaneRead(read))
        reads.push_back(*plane);
    });
    IRRewriter rewriter(&getContext());
    for (const PlaneRead &plane : reads)
      prefetchAhead(rewriter, plane);
  }
};

} // namespace
