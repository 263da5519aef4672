//===- DestinationABI.cpp - Functions that write caller buffers -----------===//
//
// Implements rectify-cpu-destination-abi: the compiled model is called with
// the caller's input and output buffers, so the function is rewritten from
// values-in/values-out tensors into buffers-in/buffers-out before
// bufferization.
//
//===----------------------------------------------------------------------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/IR/Builders.h"

namespace rectify::cpu {
#define GEN_PASS_DEF_CPUDESTINATIONABI
#include "rectify/Target/CPU/Passes.h.inc"
} // namespace rectify::cpu

using namespace mlir;

namespace {

MemRefType memrefTypeFor(RankedTensorType type) {
  return MemRefType::get(type.getShape(), type.getElementType());
}

LogicalResult convertFunction(func::FuncOp func) {
  Block &entry = func.front();
  auto ret = dyn_cast<func::ReturnOp>(entry.getTerminator());
  if (!ret || !func.getBody().hasOneBlock())
    return func.emitError("expected a single-block function");

  SmallVector<Type> argTypes;
  OpBuilder builder = OpBuilder::atBlockBegin(&entry);
  for (BlockArgument arg : entry.getArguments()) {
    auto tensorType = dyn_cast<RankedTensorType>(arg.getType());
    if (!tensorType)
      return func.emitError("argument #")
             << arg.getArgNumber() << " is not a ranked tensor";
    arg.setType(memrefTypeFor(tensorType));
    auto toTensor = bufferization::ToTensorOp::create(builder, arg.getLoc(),
                                                      tensorType, arg);
    toTensor.setRestrict(true);
    arg.replaceAllUsesExcept(toTensor.getResult(), toTensor);
    argTypes.push_back(arg.getType());
  }

  builder.setInsertionPoint(ret);
  for (auto [index, result] : llvm::enumerate(ret.getOperands())) {
    auto tensorType = dyn_cast<RankedTensorType>(result.getType());
    if (!tensorType)
      return func.emitError("result #") << index << " is not a ranked tensor";
    MemRefType memrefType = memrefTypeFor(tensorType);
    BlockArgument out = entry.addArgument(memrefType, ret.getLoc());
    auto store = bufferization::MaterializeInDestinationOp::create(
        builder, ret.getLoc(), TypeRange{}, result, out);
    store.setRestrict(true);
    store.setWritable(true);
    argTypes.push_back(memrefType);
  }
  func::ReturnOp::create(builder, ret.getLoc());
  ret.erase();

  func.setType(FunctionType::get(func.getContext(), argTypes, {}));
  // Names and other graph-level attributes stay behind: the C entry points
  // carry the names, and LLVM has no use for them.
  func.removeArgAttrsAttr();
  func.removeResAttrsAttr();
  func->setAttr("llvm.emit_c_interface", UnitAttr::get(func.getContext()));
  return success();
}

struct CPUDestinationABIPass
    : rectify::cpu::impl::CPUDestinationABIBase<CPUDestinationABIPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.isPublic())
        continue;
      if (failed(convertFunction(func)))
        return signalPassFailure();
    }
  }
};

} // namespace
