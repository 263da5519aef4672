//===- ForwardStores.cpp - Stored values to loads, write-only buffers -----===//

#include "MemoryAccess.h"
#include "rectify/Target/GPU/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUFORWARDSTORES
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;
using rectify::gpu::getAllocationRoot;

namespace {

/// Whether `op` (or anything nested in it) may write the allocation `root`.
bool mayWrite(Operation *op, Value root) {
  bool writes = false;
  op->walk([&](Operation *nested) {
    if (auto store = dyn_cast<memref::StoreOp>(nested))
      writes |= getAllocationRoot(store.getMemRef()) == root;
    else if (!rectify::gpu::hasOnlyAnalyzableEffects(nested))
      writes = true;
    return writes ? WalkResult::interrupt() : WalkResult::advance();
  });
  return writes;
}

/// The value the last store in `load`'s block left at its address, if
/// nothing after that store may have changed it.
Value findStoredValue(memref::LoadOp load) {
  Value root = getAllocationRoot(load.getMemRef());
  for (Operation *op = load->getPrevNode(); op; op = op->getPrevNode()) {
    auto store = dyn_cast<memref::StoreOp>(op);
    if (store && store.getMemRef() == load.getMemRef() &&
        llvm::equal(store.getIndices(), load.getIndices()))
      return store.getValueToStore();
    if (mayWrite(op, root))
      return Value();
  }
  return Value();
}

/// Erases `alloc` and its stores when nothing reads it.
void eraseIfWriteOnly(memref::AllocOp alloc, RewriterBase &rewriter) {
  SmallVector<Operation *> stores;
  for (Operation *user : alloc->getUsers()) {
    auto store = dyn_cast<memref::StoreOp>(user);
    if (!store || store.getMemRef() != alloc.getResult())
      return;
    stores.push_back(store);
  }
  for (Operation *store : stores)
    rewriter.eraseOp(store);
  rewriter.eraseOp(alloc);
}

struct GPUForwardStoresPass
    : rectify::gpu::impl::GPUForwardStoresBase<GPUForwardStoresPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<memref::LoadOp> loads;
    getOperation().walk([&](memref::LoadOp load) { loads.push_back(load); });
    for (memref::LoadOp load : loads)
      if (Value stored = findStoredValue(load))
        rewriter.replaceOp(load, stored);
    SmallVector<memref::AllocOp> allocs;
    getOperation().walk([&](memref::AllocOp alloc) { allocs.push_back(alloc); });
    for (memref::AllocOp alloc : allocs)
      eraseIfWriteOnly(alloc, rewriter);
  }
};

} // namespace
