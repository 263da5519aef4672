//===- WriteIntoPadding.cpp - Results written inside padded buffers -------===//
//
// Implements rectify-cpu-write-into-padding. A convolution or pool pads its
// input: the border of a fresh tensor is filled and the input is inserted
// into the interior. When the input is the result of an all-parallel
// generic writing a fresh tensor.empty (the previous convolution's
// epilogue), that insert is a copy of a whole activation. Building the
// padded tensor first and giving the generic its interior slice as output
// lets bufferization write the result in place. Concatenations, inserts of
// each input into a fresh tensor, take the same path.
//
//===----------------------------------------------------------------------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUWRITEINTOPADDING
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

/// The ops after `producer` in its block that compute `values` (in program
/// order), when all of them are free of memory effects and none depends on
/// `producer`; failure otherwise.
FailureOr<SmallVector<Operation *>> computationAfter(Operation *producer,
                                                     ValueRange values) {
  Block *block = producer->getBlock();
  llvm::SetVector<Operation *> slice;
  bool movable = true;
  std::function<void(Value)> visit = [&](Value value) {
    Operation *def = value.getDefiningOp();
    // Block arguments and values from enclosing regions dominate producer.
    if (!movable || !def || def->getBlock() != block)
      return;
    if (def == producer) {
      movable = false;
      return;
    }
    if (def->isBeforeInBlock(producer) || slice.contains(def))
      return;
    if (!isMemoryEffectFree(def)) {
      movable = false;
      return;
    }
    for (Value operand : def->getOperands())
      visit(operand);
    slice.insert(def);
  };
  for (Value value : values)
    visit(value);
  if (!movable)
    return failure();
  SmallVector<Operation *> ops(slice.begin(), slice.end());
  llvm::sort(ops, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  return ops;
}

struct CPUWriteIntoPaddingPass
    : rectify::cpu::impl::CPUWriteIntoPaddingBase<CPUWriteIntoPaddingPass> {
  void runOnOperation() override {
    SmallVector<tensor::InsertSliceOp> inserts;
    getOperation().walk([&](tensor::InsertSliceOp op) { inserts.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (tensor::InsertSliceOp insert : inserts) {
      auto producer = insert.getSource().getDefiningOp<linalg::GenericOp>();
      if (!producer || producer->getNumResults() != 1 ||
          !producer.hasPureTensorSemantics() ||
          producer.getNumLoops() != producer.getNumParallelLoops() ||
          producer->getBlock() != insert->getBlock() || !insert.hasUnitStride() ||
          insert.getSourceType().getRank() != insert.getDestType().getRank())
        continue;
      // The producer must only write its output, never read it.
      auto empty = producer.getDpsInits()[0].getDefiningOp<tensor::EmptyOp>();
      if (!empty || !empty->hasOneUse() ||
          producer.payloadUsesValueFromOperand(producer.getDpsInitOperand(0)))
        continue;
      SmallVector<Value> needed = {insert.getDest()};
      llvm::append_range(needed, insert.getOffsets());
      llvm::append_range(needed, insert.getSizes());
      FailureOr<SmallVector<Operation *>> padding =
          computationAfter(producer, needed);
      if (failed(padding))
        continue;
      for (Operation *op : *padding)
        op->moveBefore(producer);
      // A buffer of its own: two identical paddings merged by CSE would
      // share one buffer, and bufferization would copy it for each.
      for (Operation *op : *padding) {
        auto fresh = dyn_cast<tensor::EmptyOp>(op);
        if (!fresh)
          continue;
        rewriter.setInsertionPoint(fresh);
        rewriter.replaceOpWithNewOp<bufferization::AllocTensorOp>(
            fresh, fresh.getType(), fresh.getDynamicSizes());
      }
      rewriter.setInsertionPoint(producer);
      Value interior = tensor::ExtractSliceOp::create(
          rewriter, insert.getLoc(), insert.getSourceType(), insert.getDest(),
          insert.getMixedOffsets(), insert.getMixedSizes(),
          insert.getMixedStrides());
      rewriter.modifyOpInPlace(producer, [&] {
        producer.getDpsInitsMutable()[0].set(interior);
      });
      rewriter.eraseOp(empty);
    }
  }
};

} // namespace
