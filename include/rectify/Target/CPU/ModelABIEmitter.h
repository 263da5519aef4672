//===- ModelABIEmitter.h - C entry point and header of a model ---*- C++ -*-===//
//
// A compiled model's code is one MLIR function taking memref descriptors; the
// C ABI around it (RectifyModel.h: shape checks, the model info tables, the
// generic and the model-named entry points) is emitted as C source next to it
// and compiled into the same library, and a header describes the model.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_TARGET_CPU_MODELABIEMITTER_H
#define RECTIFY_TARGET_CPU_MODELABIEMITTER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace rectify::cpu {

struct TensorSignature {
  std::string name;
  llvm::SmallVector<int64_t> shape; // -1 marks the dynamic batch
};

struct ModelSignature {
  /// C identifier prefixing the model-specific symbols (`<model>_run`).
  std::string modelName;
  /// Symbol of the compiled MLIR function (called via `_mlir_ciface_`).
  std::string entrySymbol;
  llvm::SmallVector<TensorSignature> inputs;
  llvm::SmallVector<TensorSignature> outputs;
};

/// Reads the signature of a tensor function (`rect.name` argument/result
/// attributes give the names). Fails on non-f32 or unranked tensors, or on
/// ranks above RECTIFY_MAX_RANK, with a diagnostic on `func`.
mlir::FailureOr<ModelSignature> getModelSignature(mlir::func::FuncOp func,
                                                  llvm::StringRef modelName);

/// Turns `text` into a valid C identifier (`2-layer mlp` -> `_2_layer_mlp`).
std::string sanitizeIdentifier(llvm::StringRef text);

/// C definitions of `rectify_inputs`, `rectify_outputs` and `rectify_info`,
/// the model description every target's entry points return.
void emitModelInfo(llvm::raw_ostream &os, const ModelSignature &signature);

/// `<model>_get_info` and the opening of `<model>_run` up to its argument
/// checks; the target emits the rest of the body and the closing brace.
void emitRunPrologue(llvm::raw_ostream &os, llvm::StringRef model);

/// The generic `rectify_model_get_info` / `rectify_model_run`, forwarding to
/// the model-named entry points.
void emitGenericEntryPoints(llvm::raw_ostream &os, llvm::StringRef model);

/// Points the lowered code's buffer allocations (finalize-memref-to-llvm with
/// generic functions) at the model's block cache, defined in the entry source.
mlir::LogicalResult bindAllocator(mlir::ModuleOp module,
                                  llvm::StringRef modelName);

/// C source of the entry points (self-contained: includes the ABI types).
std::string emitEntrySource(const ModelSignature &signature);

/// The public header of the model.
std::string emitHeader(const ModelSignature &signature,
                       llvm::StringRef sourceName);

} // namespace rectify::cpu

#endif // RECTIFY_TARGET_CPU_MODELABIEMITTER_H
