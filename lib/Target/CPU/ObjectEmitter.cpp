//===- ObjectEmitter.cpp - LLVM dialect module to LLVM IR / object --------===//

#include "rectify/Target/CPU/ObjectEmitter.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;

namespace {
std::string hostFeatures() {
  llvm::SubtargetFeatures features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.AddFeature(feature.getKey(), feature.getValue());
  return features.getString();
}
} // namespace

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
rectify::cpu::createTargetMachine(const TargetSelection &selection) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return llvm::createStringError("no LLVM target for " + triple.str() +
                                   ": " + error);
  std::string cpu = selection.cpu.empty() || selection.cpu == "native"
                        ? llvm::sys::getHostCPUName().str()
                        : selection.cpu;
  // An explicit CPU without explicit features means that CPU's features; the
  // host's features only go with the host CPU.
  std::string features = selection.features;
  if (features.empty() && (selection.cpu.empty() || selection.cpu == "native"))
    features = hostFeatures();
  // Validate names here: LLVM only warns and falls back to a generic CPU.
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      target->createMCSubtargetInfo(triple, "", ""));
  if (info && !info->isCPUStringValid(cpu))
    return llvm::createStringError("unknown CPU '" + cpu + "' for " +
                                   triple.str());
  if (info) {
    llvm::StringSet<> known;
    for (const llvm::SubtargetFeatureKV &kv : info->getAllProcessorFeatures())
      known.insert(kv.Key);
    for (StringRef feature : llvm::split(selection.features, ',')) {
      feature = feature.trim();
      if (feature.empty())
        continue;
      if (!feature.consume_front("+") && !feature.consume_front("-"))
        return llvm::createStringError("feature '" + feature.str() +
                                       "' must start with '+' or '-'");
      if (!known.contains(feature))
        return llvm::createStringError("unknown CPU feature '" +
                                       feature.str() + "'");
    }
  }
  // LLVM vectorizes loops of strided single-element stores (a padded
  // buffer's border columns, before rectify-cpu-copies-to-loops wrote them
  // as vector rows) into AVX-512 scatters, several times slower than the
  // scalar stores: 2% of mobilenet_v2.
  if (triple.isX86()) {
    llvm::SubtargetFeatures withTuning(features);
    withTuning.AddFeature("prefer-no-scatter");
    features = withTuning.getString();
  }
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, options, llvm::Reloc::PIC_, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    return llvm::createStringError("cannot create a target machine for CPU '" +
                                   cpu + "'");
  return machine;
}

llvm::Expected<std::unique_ptr<llvm::Module>>
rectify::cpu::translateAndOptimize(ModuleOp module, llvm::LLVMContext &context,
                                   llvm::TargetMachine &machine) {
  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  module->getContext()->appendDialectRegistry(registry);
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context, "rectify_model");
  if (!llvmModule)
    return llvm::createStringError("translation to LLVM IR failed");
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());
  // Every function gets the target's CPU and features so LLVM's passes
  // (vectorizers, inliner) see the same ISA as code generation.
  for (llvm::Function &function : *llvmModule) {
    if (function.isDeclaration())
      continue;
    function.addFnAttr("target-cpu", machine.getTargetCPU());
    function.addFnAttr("target-features", machine.getTargetFeatureString());
  }
  if (llvm::Error error = makeOptimizingTransformer(
          /*optLevel=*/3, /*sizeLevel=*/0, &machine)(llvmModule.get()))
    return std::move(error);
  return llvmModule;
}

llvm::Error rectify::cpu::writeObjectFile(llvm::Module &module,
                                          llvm::TargetMachine &machine,
                                          llvm::StringRef path) {
  std::error_code ec;
  llvm::ToolOutputFile output(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError("cannot open '" + path.str() +
                                   "': " + ec.message());
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, output.os(), nullptr,
                                  llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError(
        "the target cannot emit object files");
  passes.run(module);
  output.os().flush();
  if (output.os().has_error())
    return llvm::createStringError("cannot write '" + path.str() + "'");
  output.keep();
  return llvm::Error::success();
}
