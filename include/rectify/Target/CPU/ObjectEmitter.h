//===- ObjectEmitter.h - LLVM dialect module to LLVM IR / object -*- C++ -*-===//
#ifndef RECTIFY_TARGET_CPU_OBJECTEMITTER_H
#define RECTIFY_TARGET_CPU_OBJECTEMITTER_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace rectify::cpu {

/// The machine code is generated for: the host unless `cpu`/`features` say
/// otherwise (`features` in LLVM's "+avx2,-avx512f" form).
struct TargetSelection {
  std::string cpu;
  std::string features;
};

/// Creates a TargetMachine for the host triple and the selected CPU.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetSelection &selection);

/// Translates a module in the LLVM dialect to LLVM IR and optimizes it at -O3
/// for `machine`.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &context,
                     llvm::TargetMachine &machine);

/// Writes `module` as an ELF object file to `path` (via a temporary file).
llvm::Error writeObjectFile(llvm::Module &module, llvm::TargetMachine &machine,
                            llvm::StringRef path);

} // namespace rectify::cpu

#endif // RECTIFY_TARGET_CPU_OBJECTEMITTER_H
