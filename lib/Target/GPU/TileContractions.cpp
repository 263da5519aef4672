//===- TileContractions.cpp - Shared-memory tiling of matmul-like nests ---===//
//
// A linear or convolution layer, after loop fusion and accumulator
// promotion, is one scf.parallel nest whose body is a perfect nest of
// scf.for reductions `acc += x * y` followed by an epilogue (bias,
// activation, residual, store). When the x operand depends on one subset of
// the parallel dimensions and y on the complementary subset, the nest is a
// matrix product of a [rows, K] by a [K, columns] operand, and this pass
// turns it into a gpu.launch in which each workgroup computes one output
// tile, staging both operands' K slices through workgroup memory, and
// multiplies them on registers or, for CUDA, on tf32 tensor cores
// (nvgpu.mma.sync).
//
//===----------------------------------------------------------------------===//

#include "rectify/Target/GPU/Passes.h"

#include "MemoryAccess.h"

#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUTILECONTRACTIONS
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;

namespace {

/// A matched nest. Side 0 is mapped to x: the side holding the innermost
/// (contiguous) parallel dimension; side 1 to y.
struct Contraction {
  scf::ParallelOp loop;
  SmallVector<scf::ForOp> reductions; // outermost first
  arith::MulFOp mul;
  arith::AddFOp add;
  Value operand[2];                   // the mul operand of each side
  SmallVector<unsigned> dims[2];      // the parallel dimensions of each side
};

bool isZero(Value value) { return matchPattern(value, m_Zero()); }
bool isOne(Value value) { return matchPattern(value, m_One()); }

/// The parallel dimensions that `value` depends on, if it is computed in the
/// reduction nest from loads of buffers, pure operations and induction
/// variables only.
std::optional<llvm::SmallBitVector>
parallelDependences(Value value, Contraction &c) {
  unsigned rank = c.loop.getNumLoops();
  llvm::SmallBitVector deps(rank);
  SmallVector<Value> worklist = {value};
  llvm::DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    if (!c.loop->isAncestor(v.getParentRegion()->getParentOp()))
      continue; // defined above the nest
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      Operation *owner = arg.getOwner()->getParentOp();
      if (owner == c.loop) {
        deps.set(arg.getArgNumber());
        continue;
      }
      auto loop = dyn_cast<scf::ForOp>(owner);
      if (!loop || v != loop.getInductionVar())
        return std::nullopt; // an accumulator
      continue;
    }
    Operation *op = v.getDefiningOp();
    if (op->getNumRegions() != 0 || op->getBlock() != c.mul->getBlock() ||
        !(isa<memref::LoadOp>(op) || isMemoryEffectFree(op)))
      return std::nullopt;
    llvm::append_range(worklist, op->getOperands());
  }
  return deps;
}

/// Matches `loop` (see the file comment).
std::optional<Contraction> match(scf::ParallelOp loop) {
  Contraction c;
  c.loop = loop;
  if (loop.getNumResults() != 0 ||
      !llvm::all_of(loop.getLowerBound(), isZero) ||
      !llvm::all_of(loop.getStep(), isOne))
    return std::nullopt;
  auto outer = dyn_cast<scf::ForOp>(&loop.getBody()->front());
  if (!outer || outer.getNumResults() != 1 ||
      !loop.isDefinedOutsideOfLoop(outer.getInitArgs()[0]))
    return std::nullopt;
  // A perfect nest of single-accumulator loops from 0 with step 1.
  for (scf::ForOp f = outer; f;) {
    if (f.getNumRegionIterArgs() != 1 || !isZero(f.getLowerBound()) ||
        !isOne(f.getStep()) || !loop.isDefinedOutsideOfLoop(f.getUpperBound()))
      return std::nullopt;
    c.reductions.push_back(f);
    auto yield = cast<scf::YieldOp>(f.getBody()->getTerminator());
    auto inner = dyn_cast<scf::ForOp>(&f.getBody()->front());
    if (inner && f.getBody()->getOperations().size() == 2 &&
        inner.getNumResults() == 1 &&
        inner.getInitArgs()[0] == f.getRegionIterArgs()[0] &&
        yield.getOperand(0) == inner.getResult(0)) {
      f = inner;
      continue;
    }
    c.add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
    if (!c.add || c.add->getBlock() != f.getBody())
      return std::nullopt;
    Value acc = f.getRegionIterArgs()[0];
    Value product = c.add.getLhs() == acc   ? c.add.getRhs()
                    : c.add.getRhs() == acc ? c.add.getLhs()
                                            : Value();
    c.mul = product ? product.getDefiningOp<arith::MulFOp>() : nullptr;
    if (!c.mul || c.mul->getBlock() != f.getBody() || !c.mul->hasOneUse())
      return std::nullopt;
    break;
  }
  // Each mul operand depends on one side of the parallel dimensions.
  std::optional<llvm::SmallBitVector> lhs = parallelDependences(c.mul.getLhs(), c);
  std::optional<llvm::SmallBitVector> rhs = parallelDependences(c.mul.getRhs(), c);
  unsigned rank = loop.getNumLoops();
  if (!lhs || !rhs || lhs->none() || rhs->none() || lhs->anyCommon(*rhs) ||
      (*lhs | *rhs).count() != rank)
    return std::nullopt;
  bool lhsIsX = lhs->test(rank - 1);
  c.operand[0] = lhsIsX ? c.mul.getLhs() : c.mul.getRhs();
  c.operand[1] = lhsIsX ? c.mul.getRhs() : c.mul.getLhs();
  const llvm::SmallBitVector &x = lhsIsX ? *lhs : *rhs;
  for (unsigned d = 0; d < rank; ++d)
    c.dims[x.test(d) ? 0 : 1].push_back(d);
  // Every other operation of the reduction body feeds the operands; buffers
  // read in the reduction are not written by the nest.
  Block *body = c.mul->getBlock();
  for (Operation &op : body->without_terminator()) {
    if (&op == c.mul || &op == c.add)
      continue;
    if (op.getNumResults() == 0 || op.getNumRegions() != 0)
      return std::nullopt;
  }
  llvm::DenseSet<Value> written;
  WalkResult stores = loop.getBody()->walk([&](Operation *op) {
    if (auto store = dyn_cast<memref::StoreOp>(op)) {
      written.insert(rectify::gpu::getAllocationRoot(store.getMemRef()));
      return WalkResult::advance();
    }
    return rectify::gpu::hasOnlyAnalyzableEffects(op) ? WalkResult::advance()
                                                      : WalkResult::interrupt();
  });
  if (stores.wasInterrupted())
    return std::nullopt;
  for (auto load : body->getOps<memref::LoadOp>())
    if (written.contains(rectify::gpu::getAllocationRoot(load.getMemRef())))
      return std::nullopt;
  return c;
}

/// Index arithmetic on the builder's insertion point.
struct IndexBuilder {
  OpBuilder &b;
  Location loc;
  Value constant(int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return arith::DivUIOp::create(b, loc, x, y); }
  Value rem(Value x, Value y) { return arith::RemUIOp::create(b, loc, x, y); }
  Value lt(Value x, Value y) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, x, y);
  }
  Value both(Value x, Value y) { return arith::AndIOp::create(b, loc, x, y); }
  Value product(ValueRange values) {
    Value result = constant(1);
    for (Value v : values)
      result = mul(result, v);
    return result;
  }
  /// Maps `linear` in [0, prod(extents)) to one index per extent, row-major.
  SmallVector<Value> delinearize(Value linear, ArrayRef<Value> extents) {
    SmallVector<Value> indices(extents.size());
    for (int i = extents.size() - 1; i >= 0; --i) {
      indices[i] = i == 0 ? linear : rem(linear, extents[i]);
      if (i != 0)
        linear = div(linear, extents[i]);
    }
    return indices;
  }
};

/// Clones the operations of the reduction body that compute `value`.
Value cloneSlice(Value value, Contraction &c, IRMapping &mapping,
                 OpBuilder &b) {
  if (Value mapped = mapping.lookupOrNull(value))
    return mapped;
  Operation *op = value.getDefiningOp();
  if (!op || !c.loop->isAncestor(op))
    return value;
  for (Value operand : op->getOperands())
    cloneSlice(operand, c, mapping, b);
  b.clone(*op, mapping);
  return mapping.lookup(value);
}

/// One accumulator after the reduction: its value (or its position in an
/// MMA fragment) and the offsets of its output element in the workgroup
/// tile along x and y.
struct TileElement {
  Value value;
  Value fragment;
  SmallVector<int64_t, 2> position;
  Value offset[2];
};

/// Tensor-core tiles: nvgpu.mma.sync m16n8k8 on tf32. A 32x32 workgroup
/// tile is 4 warps of 16x16, each two 16x8 MMA tiles; the fragments hold
/// (per lane) 4 elements of A [16x8, row-major], 2 of B [8x8, column-major]
/// and 4 of the accumulator [16x8]: groupID = lane / 4 picks rows (of A and
/// the accumulator) and columns (of B), lane % 4 the k or column pair.
constexpr int64_t kMMATilesPerWarp = 2;
constexpr int64_t kMMAShape[] = {16, 8, 8};
VectorType kFragmentType(Value element) {
  return VectorType::get({2, 2}, element.getType());
}

/// `a` split for 3xTF32: the tf32 part (the top 19 bits) and the rest,
/// which tf32 represents to about 2^-22 of `a`.
std::pair<Value, Value> splitTF32(OpBuilder &b, Location loc, Value a) {
  auto type = cast<VectorType>(a.getType());
  auto intType = VectorType::get(type.getShape(), b.getI32Type());
  Value bits = arith::BitcastOp::create(b, loc, intType, a);
  Value mask = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(intType, b.getI32IntegerAttr(-8192)));
  Value high = arith::BitcastOp::create(
      b, loc, type, arith::AndIOp::create(b, loc, bits, mask));
  return {high, arith::SubFOp::create(b, loc, a, high)};
}

struct GPUTileContractionsPass
    : rectify::gpu::impl::GPUTileContractionsBase<GPUTileContractionsPass> {
  using Base::Base;

  void rewrite(Contraction &c);
  void multiplyOnRegisters(Contraction &c, OpBuilder &b, scf::ForOp kLoop,
                           Value staging[2], Value thread[2],
                           const int64_t threadsPer[2], const int64_t regs[2],
                           SmallVectorImpl<TileElement> &elements);
  void multiplyWithMMA(Contraction &c, OpBuilder &b, scf::ForOp kLoop,
                       Value staging[2], Value linearThread,
                       SmallVectorImpl<TileElement> &elements);
  bool useMMA = false;

  void runOnOperation() override {
    int64_t threads = (tileX / regsX) * (tileY / regsY);
    if (tileX <= 0 || tileY <= 0 || tileK <= 0 || regsX <= 0 || regsY <= 0 ||
        tileX % regsX || tileY % regsY || (tileK * tileX) % threads ||
        (tileK * tileY) % threads) {
      getOperation().emitError()
          << "tile sizes must be positive, the tiles multiples of the "
             "register tiles, and each K slice a multiple of the "
          << threads << " threads";
      return signalPassFailure();
    }
    if (mma != "none" && mma != "tf32" && mma != "tf32x3") {
      getOperation().emitError() << "mma must be none, tf32 or tf32x3, not '"
                                 << mma << "'";
      return signalPassFailure();
    }
    if (mma != "none" && (tileX != 32 || tileY != 32 || tileK % 8 ||
                          threads != 128)) {
      getOperation().emitError()
          << "mma=" << mma
          << " needs 32x32 tiles of 128 threads and tile-k a multiple of 8";
      return signalPassFailure();
    }
    SmallVector<Contraction> matched;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (loop->getParentOfType<scf::ParallelOp>())
        return;
      if (std::optional<Contraction> c = match(loop))
        matched.push_back(*c);
    });
    for (Contraction &c : matched) {
      // Tensor cores multiply f32 data as tf32.
      useMMA = mma != "none" && c.operand[0].getType().isF32() &&
               c.operand[1].getType().isF32();
      rewrite(c);
    }
  }
};

void GPUTileContractionsPass::rewrite(Contraction &c) {
  Location loc = c.loop.getLoc();
  OpBuilder b(c.loop);
  IndexBuilder ib{b, loc};
  const int64_t tile[2] = {tileX, tileY};
  const int64_t regs[2] = {regsX, regsY};
  const int64_t threadsPer[2] = {tileX / regsX, tileY / regsY};
  const int64_t threads = threadsPer[0] * threadsPer[1];

  // Extents of each side and of the (linearized) reduction.
  SmallVector<Value> extents[2];
  Value size[2];
  for (int s = 0; s < 2; ++s) {
    for (unsigned d : c.dims[s])
      extents[s].push_back(c.loop.getUpperBound()[d]);
    size[s] = ib.product(extents[s]);
  }
  SmallVector<Value> kExtents;
  for (scf::ForOp f : c.reductions)
    kExtents.push_back(f.getUpperBound());
  Value kSize = ib.product(kExtents);
  Value one = ib.constant(1);
  Value grid[2];
  for (int s = 0; s < 2; ++s)
    grid[s] = ib.div(ib.add(size[s], ib.constant(tile[s] - 1)),
                     ib.constant(tile[s]));

  Attribute workgroup = ::mlir::gpu::AddressSpaceAttr::get(
      b.getContext(), ::mlir::gpu::AddressSpace::Workgroup);
  Type element[2];
  MemRefType stagingType[2];
  for (int s = 0; s < 2; ++s) {
    element[s] = c.operand[s].getType();
    // K-major: the threads of a row read consecutive words.
    stagingType[s] = MemRefType::get({tileK, tile[s]}, element[s],
                                     MemRefLayoutAttrInterface(), workgroup);
  }
  auto launch = ::mlir::gpu::LaunchOp::create(
      b, loc, grid[0], grid[1], one, ib.constant(threadsPer[0]),
      ib.constant(threadsPer[1]), one, /*dynamicSharedMemorySize=*/nullptr,
      /*asyncTokenType=*/nullptr, /*asyncDependencies=*/{},
      TypeRange{stagingType[0], stagingType[1]});
  Block &body = launch.getBody().front();
  b.setInsertionPointToStart(&body);
  ::mlir::gpu::TerminatorOp::create(b, loc);
  b.setInsertionPointToStart(&body);
  Value staging[2] = {launch.getWorkgroupAttributions()[0],
                      launch.getWorkgroupAttributions()[1]};
  Value thread[2] = {launch.getThreadIds().x, launch.getThreadIds().y};
  Value block[2] = {launch.getBlockIds().x, launch.getBlockIds().y};
  Value linearThread =
      ib.add(ib.mul(thread[1], ib.constant(threadsPer[0])), thread[0]);
  Value base[2] = {ib.mul(block[0], ib.constant(tile[0])),
                   ib.mul(block[1], ib.constant(tile[1]))};

  // Accumulators, all starting at the reduction's initial value: a
  // regs[1] x regs[0] register tile, or the fragments of the warp's MMA
  // tiles.
  Value init = c.reductions.front().getInitArgs()[0];
  SmallVector<Value> inits;
  if (useMMA) {
    Value fragment = vector::BroadcastOp::create(b, loc, kFragmentType(init),
                                                 init);
    inits.assign(kMMATilesPerWarp, fragment);
  } else {
    inits.assign(regs[0] * regs[1], init);
  }
  Value tileKValue = ib.constant(tileK);
  auto kLoop = scf::ForOp::create(b, loc, ib.constant(0), kSize, tileKValue,
                                  inits);
  b.setInsertionPointToStart(kLoop.getBody());
  Value k0 = kLoop.getInductionVar();

  // Stage the operands' K slices: element e of a side's slice is at
  // (kk = e % tileK, t = e / tileK); out-of-range elements are zero.
  for (int s = 0; s < 2; ++s) {
    int64_t perThread = tileK * tile[s] / threads;
    for (int64_t l = 0; l < perThread; ++l) {
      Value e = ib.add(linearThread, ib.constant(l * threads));
      Value kk = ib.rem(e, tileKValue);
      Value t = ib.div(e, tileKValue);
      Value index = ib.add(base[s], t);
      Value k = ib.add(k0, kk);
      Value inRange = ib.both(ib.lt(index, size[s]), ib.lt(k, kSize));
      auto guard = scf::IfOp::create(b, loc, element[s], inRange,
                                     /*withElseRegion=*/true);
      {
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPointToStart(guard.thenBlock());
        IRMapping mapping;
        for (auto [d, iv] :
             llvm::zip_equal(c.dims[s], ib.delinearize(index, extents[s])))
          mapping.map(c.loop.getInductionVars()[d], iv);
        for (auto [f, iv] :
             llvm::zip_equal(c.reductions, ib.delinearize(k, kExtents)))
          mapping.map(f.getInductionVar(), iv);
        scf::YieldOp::create(b, loc, cloneSlice(c.operand[s], c, mapping, b));
        b.setInsertionPointToStart(guard.elseBlock());
        Value zero = arith::ConstantOp::create(
            b, loc, element[s], b.getZeroAttr(element[s]));
        scf::YieldOp::create(b, loc, zero);
      }
      memref::StoreOp::create(b, loc, guard.getResult(0), staging[s],
                              ValueRange{kk, t});
    }
  }
  ::mlir::gpu::BarrierOp::create(b, loc);

  SmallVector<TileElement> elements;
  if (useMMA) {
    multiplyWithMMA(c, b, kLoop, staging, linearThread, elements);
  } else {
    multiplyOnRegisters(c, b, kLoop, staging, thread, threadsPer, regs,
                        elements);
  }

  // Epilogue on registers: each accumulator in range runs the nest's
  // epilogue (bias, activation, residual, store) once. The multiplication
  // left the insertion point after the reduction loop.
  Block *nest = c.loop.getBody();
  for (const TileElement &element : elements) {
    Value index[2] = {ib.add(base[0], element.offset[0]),
                      ib.add(base[1], element.offset[1])};
    Value inRange =
        ib.both(ib.lt(index[0], size[0]), ib.lt(index[1], size[1]));
    auto guard = scf::IfOp::create(b, loc, TypeRange(), inRange,
                                   /*withElseRegion=*/false);
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(guard.thenBlock()->getTerminator());
    IRMapping mapping;
    for (int s = 0; s < 2; ++s)
      for (auto [d, iv] :
           llvm::zip_equal(c.dims[s], ib.delinearize(index[s], extents[s])))
        mapping.map(c.loop.getInductionVars()[d], iv);
    Value value = element.value;
    if (element.fragment) {
      value = vector::ExtractOp::create(b, loc, element.fragment,
                                        element.position);
    }
    mapping.map(c.reductions.front().getResult(0), value);
    for (Operation &op :
         llvm::make_range(std::next(c.reductions.front()->getIterator()),
                          nest->without_terminator().end()))
      b.clone(op, mapping);
  }
  c.loop.erase();
}

void GPUTileContractionsPass::multiplyOnRegisters(
    Contraction &c, OpBuilder &b, scf::ForOp kLoop, Value staging[2],
    Value thread[2], const int64_t threadsPer[2], const int64_t regs[2],
    SmallVectorImpl<TileElement> &elements) {
  Location loc = c.loop.getLoc();
  IndexBuilder ib{b, loc};
  // Accumulation runs over k in the original order; the zero padding adds
  // exact zeros.
  auto kkLoop = scf::ForOp::create(b, loc, ib.constant(0),
                                   ib.constant(tileK), ib.constant(1),
                                   kLoop.getRegionIterArgs());
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(kkLoop.getBody());
    Value kk = kkLoop.getInductionVar();
    SmallVector<Value> staged[2];
    for (int s = 0; s < 2; ++s)
      for (int64_t r = 0; r < regs[s]; ++r) {
        Value t = ib.add(thread[s], ib.constant(r * threadsPer[s]));
        staged[s].push_back(
            memref::LoadOp::create(b, loc, staging[s], ValueRange{kk, t}));
      }
    SmallVector<Value> updated;
    Value acc = c.reductions.back().getRegionIterArgs()[0];
    for (int64_t i = 0; i < regs[1]; ++i)
      for (int64_t j = 0; j < regs[0]; ++j) {
        IRMapping mapping;
        mapping.map(c.operand[0], staged[0][j]);
        mapping.map(c.operand[1], staged[1][i]);
        mapping.map(acc, kkLoop.getRegionIterArgs()[i * regs[0] + j]);
        b.clone(*c.mul, mapping);
        updated.push_back(b.clone(*c.add, mapping)->getResult(0));
      }
    scf::YieldOp::create(b, loc, updated);
  }
  // The next slice overwrites the staging buffers.
  ::mlir::gpu::BarrierOp::create(b, loc);
  scf::YieldOp::create(b, loc, kkLoop.getResults());

  b.setInsertionPointAfter(kLoop);
  for (int64_t i = 0; i < regs[1]; ++i)
    for (int64_t j = 0; j < regs[0]; ++j) {
      TileElement element;
      element.value = kLoop.getResult(i * regs[0] + j);
      element.offset[0] = ib.add(thread[0], ib.constant(j * threadsPer[0]));
      element.offset[1] = ib.add(thread[1], ib.constant(i * threadsPer[1]));
      elements.push_back(element);
    }
}

void GPUTileContractionsPass::multiplyWithMMA(
    Contraction &c, OpBuilder &b, scf::ForOp kLoop, Value staging[2],
    Value linearThread, SmallVectorImpl<TileElement> &elements) {
  Location loc = c.loop.getLoc();
  IndexBuilder ib{b, loc};
  // Warp (wy, wx) of the 2x2 warps computes rows [16 wy, 16 wy + 16) (side
  // y: the MMA's M) and columns [16 wx, 16 wx + 16) (side x: N). The
  // epilogue after the reduction loop uses these too.
  Value warpRow, warpColumn, group, pair;
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(kLoop);
    Value warp = ib.div(linearThread, ib.constant(32));
    Value lane = ib.rem(linearThread, ib.constant(32));
    warpRow = ib.mul(ib.div(warp, ib.constant(2)), ib.constant(16));
    warpColumn = ib.mul(ib.rem(warp, ib.constant(2)), ib.constant(16));
    group = ib.div(lane, ib.constant(4));
    pair = ib.rem(lane, ib.constant(4));
  }
  Type element = c.operand[0].getType();

  auto kkLoop = scf::ForOp::create(b, loc, ib.constant(0), ib.constant(tileK),
                                   ib.constant(kMMAShape[2]),
                                   kLoop.getRegionIterArgs());
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(kkLoop.getBody());
    Value kk = kkLoop.getInductionVar();
    Value k[2] = {ib.add(kk, pair), ib.add(kk, ib.add(pair, ib.constant(4)))};
    Value row[2] = {ib.add(warpRow, group),
                    ib.add(warpRow, ib.add(group, ib.constant(8)))};
    auto load = [&](Value buffer, Value kIndex, Value t) -> Value {
      return memref::LoadOp::create(b, loc, buffer, ValueRange{kIndex, t});
    };
    // A[m][k] is staging[1][k][m]; B[k][n] is staging[0][k][n].
    Value a = vector::FromElementsOp::create(
        b, loc, VectorType::get({4, 1}, element),
        ValueRange{load(staging[1], k[0], row[0]),
                   load(staging[1], k[0], row[1]),
                   load(staging[1], k[1], row[0]),
                   load(staging[1], k[1], row[1])});
    auto mmaSync = [&](Value x, Value y, Value acc) -> Value {
      return nvgpu::MmaSyncOp::create(b, loc, x, y, acc, kMMAShape,
                                      /*tf32Enabled=*/true);
    };
    SmallVector<Value> updated;
    for (int64_t j = 0; j < kMMATilesPerWarp; ++j) {
      Value column = ib.add(warpColumn, ib.add(group, ib.constant(j * 8)));
      Value bFragment = vector::FromElementsOp::create(
          b, loc, VectorType::get({2, 1}, element),
          ValueRange{load(staging[0], k[0], column),
                     load(staging[0], k[1], column)});
      Value acc = kkLoop.getRegionIterArgs()[j];
      if (mma == "tf32") {
        acc = mmaSync(a, bFragment, acc);
      } else {
        // 3xTF32: a b ~ a_hi b_hi + a_hi b_lo + a_lo b_hi, small terms first.
        auto [aHigh, aLow] = splitTF32(b, loc, a);
        auto [bHigh, bLow] = splitTF32(b, loc, bFragment);
        acc = mmaSync(aLow, bHigh, acc);
        acc = mmaSync(aHigh, bLow, acc);
        acc = mmaSync(aHigh, bHigh, acc);
      }
      updated.push_back(acc);
    }
    scf::YieldOp::create(b, loc, updated);
  }
  ::mlir::gpu::BarrierOp::create(b, loc);
  scf::YieldOp::create(b, loc, kkLoop.getResults());

  // Accumulator element (r, e) of tile j: row group + 8 r, column
  // 8 j + 2 (lane % 4) + e.
  b.setInsertionPointAfter(kLoop);
  for (int64_t j = 0; j < kMMATilesPerWarp; ++j)
    for (int64_t r = 0; r < 2; ++r)
      for (int64_t e = 0; e < 2; ++e) {
        TileElement tileElement;
        tileElement.fragment = kLoop.getResult(j);
        tileElement.position = {r, e};
        tileElement.offset[0] = ib.add(
            warpColumn,
            ib.add(ib.mul(pair, ib.constant(2)), ib.constant(j * 8 + e)));
        tileElement.offset[1] =
            ib.add(warpRow, ib.add(group, ib.constant(r * 8)));
        elements.push_back(tileElement);
      }
}

} // namespace
