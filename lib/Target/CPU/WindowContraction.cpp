//===- WindowContraction.cpp - Recognizing in-place convolutions ----------===//

#include "WindowContraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

/// True when `generic`'s body is `out + a * b` of its two inputs.
static bool hasMultiplyAccumulateBody(linalg::GenericOp generic) {
  Block &body = generic.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add || body.getOperations().size() != 3)
    return false;
  Value acc = body.getArgument(2);
  Value product = add.getLhs() == acc ? add.getRhs() : add.getLhs();
  auto mul = product.getDefiningOp<arith::MulFOp>();
  return mul && (add.getLhs() == acc || add.getRhs() == acc) &&
         mul.getLhs() == body.getArgument(0) &&
         mul.getRhs() == body.getArgument(1);
}

bool rectify::cpu::isWindowContraction(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || op.getNumReductionLoops() == 0 ||
      !hasMultiplyAccumulateBody(op))
    return false;
  unsigned parallel = op.getNumParallelLoops();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (llvm::any_of(ArrayRef(iterators).take_front(parallel),
                   [](utils::IteratorType t) {
                     return t != utils::IteratorType::parallel;
                   }))
    return false;
  AffineMap leading = AffineMap::get(
      op.getNumLoops(), 0,
      AffineMap::getMultiDimIdentityMap(parallel, op.getContext())
          .getResults(),
      op.getContext());
  return op.getMatchingIndexingMap(op.getDpsInitOperand(0)) == leading;
}

linalg::GenericOp
rectify::cpu::findFusableWindowContraction(linalg::GenericOp epilogue) {
  if (epilogue.getNumLoops() < 2 ||
      epilogue.getNumLoops() != epilogue.getNumParallelLoops() ||
      !epilogue.hasPureTensorSemantics())
    return {};
  for (OpOperand *input : epilogue.getDpsInputOperands()) {
    auto producer = input->get().getDefiningOp<linalg::GenericOp>();
    if (producer && producer->hasOneUse() && isWindowContraction(producer) &&
        producer.getNumParallelLoops() == epilogue.getNumLoops() &&
        epilogue.getMatchingIndexingMap(input).isIdentity())
      return producer;
  }
  return {};
}

bool rectify::cpu::readsWindowContraction(linalg::GenericOp op) {
  return llvm::any_of(op.getDpsInputs(), [](Value input) {
    auto producer = input.getDefiningOp<linalg::GenericOp>();
    return producer && isWindowContraction(producer);
  });
}
