//===- ReductionLoops.cpp - Queries on a contraction's reduction loops ----===//

#include "ReductionLoops.h"

#include "rectify/Target/CPU/Passes.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

static bool isInvariantIn(Value value, Operation *loop, int depth) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return !loop->isAncestor(value.getParentBlock()->getParentOp());
  if (!loop->isAncestor(def))
    return true;
  if (depth > 4 || !isMemoryEffectFree(def) || def->getNumRegions() != 0)
    return false;
  return llvm::all_of(def->getOperands(), [&](Value operand) {
    return isInvariantIn(operand, loop, depth + 1);
  });
}

bool rectify::cpu::isInvariantIn(Value value, Operation *loop) {
  return ::isInvariantIn(value, loop, /*depth=*/0);
}

scf::ForOp rectify::cpu::outermostReductionLoop(Operation *op) {
  scf::ForOp outermost;
  for (auto loop = op->getParentOfType<scf::ForOp>(); loop;
       loop = loop->getParentOfType<scf::ForOp>())
    if (loop->hasAttr(kReductionLoopAttr))
      outermost = loop;
  return outermost;
}
