//===- MergeKernelModules.cpp - One gpu.module per model ------------------===//

#include "rectify/Target/GPU/Passes.h"

#include "mlir/IR/SymbolTable.h"

namespace rectify::gpu {
#define GEN_PASS_DEF_GPUMERGEKERNELMODULES
#include "rectify/Target/GPU/Passes.h.inc"
} // namespace rectify::gpu

using namespace mlir;

namespace {

struct GPUMergeKernelModulesPass
    : rectify::gpu::impl::GPUMergeKernelModulesBase<GPUMergeKernelModulesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> kernelModules(
        module.getOps<gpu::GPUModuleOp>());
    if (kernelModules.empty())
      return;
    gpu::GPUModuleOp target = kernelModules.front();
    MLIRContext *context = &getContext();
    // Old (module, kernel) -> new kernel name in the merged module.
    llvm::DenseMap<std::pair<StringAttr, StringAttr>, StringAttr> renamed;
    for (gpu::GPUModuleOp source : kernelModules) {
      SmallVector<gpu::GPUFuncOp> kernels(source.getOps<gpu::GPUFuncOp>());
      if (kernels.size() != llvm::range_size(source.getBody()->without_terminator())) {
        source.emitError("only kernels can be merged into one gpu.module");
        return signalPassFailure();
      }
      for (gpu::GPUFuncOp kernel : kernels) {
        // One kernel per outlined module: the module's name is unique.
        StringAttr newName = kernels.size() == 1
                                 ? source.getSymNameAttr()
                                 : StringAttr::get(context, source.getSymName() +
                                                                "_" +
                                                                kernel.getName());
        renamed[{source.getSymNameAttr(), kernel.getNameAttr()}] = newName;
        if (source != target)
          kernel->moveBefore(target.getBody(), target.getBody()->end());
        SymbolTable::setSymbolName(kernel, newName);
      }
    }
    for (gpu::GPUModuleOp source : llvm::drop_begin(kernelModules))
      source.erase();
    // The merged module names the whole model's device code.
    SymbolTable::setSymbolName(target, "rectify_kernels");
    StringAttr targetName = target.getSymNameAttr();
    module.walk([&](gpu::LaunchFuncOp launch) {
      SymbolRefAttr kernel = launch.getKernel();
      auto it = renamed.find(
          {kernel.getRootReference(), kernel.getLeafReference()});
      if (it == renamed.end())
        return;
      launch.setKernelAttr(SymbolRefAttr::get(
          targetName, {FlatSymbolRefAttr::get(it->second)}));
    });
  }
};

} // namespace
