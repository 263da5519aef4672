//===- ModelLibrary.h - Loading a compiled model library --------*- C++ -*-===//
//
// Opens a shared library produced by `rectify-compile`, checks that it speaks
// this ABI version (RectifyModel.h) and exposes its description and entry
// point. Libraries are opened with RTLD_LOCAL: every model exports the same
// symbol names, so several can be loaded side by side.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_RUNTIME_MODELLIBRARY_H
#define RECTIFY_RUNTIME_MODELLIBRARY_H

#include "rectify/Runtime/RectifyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>

namespace rectify {

class ModelLibrary {
public:
  using GetInfoFn = const rectify_model_info *(*)();
  using RunFn = int (*)(const rectify_tensor *, rectify_tensor *, char *,
                        size_t);

  /// Opens the library at `path` and validates its model info (ABI version,
  /// counts, ranks, dtypes, names).
  static llvm::Expected<std::unique_ptr<ModelLibrary>>
  load(llvm::StringRef path);

  ModelLibrary(const ModelLibrary &) = delete;
  ModelLibrary &operator=(const ModelLibrary &) = delete;
  ~ModelLibrary();

  const rectify_model_info &getInfo() const { return *info; }
  llvm::StringRef getName() const;
  llvm::StringRef getPath() const { return path; }
  llvm::ArrayRef<rectify_tensor_info> getInputs() const;
  llvm::ArrayRef<rectify_tensor_info> getOutputs() const;
  /// Position of the input / output called `name`.
  std::optional<unsigned> findInput(llvm::StringRef name) const;
  std::optional<unsigned> findOutput(llvm::StringRef name) const;

  /// Calls rectify_model_run. Buffers are in model-info order; the error
  /// carries the model's message and status code.
  llvm::Error run(llvm::ArrayRef<rectify_tensor> inputs,
                  llvm::MutableArrayRef<rectify_tensor> outputs) const;

private:
  ModelLibrary(void *handle, std::string path) : handle(handle), path(path) {}

  void *handle;
  std::string path;
  const rectify_model_info *info = nullptr;
  RunFn runFn = nullptr;
};

/// Checks a model info for consistency; `source` prefixes the messages.
llvm::Error verifyModelInfo(const rectify_model_info *info,
                            llvm::StringRef source);

/// Formats an info shape, e.g. `?x784`.
std::string formatInfoShape(const rectify_tensor_info &tensor);

} // namespace rectify

#endif // RECTIFY_RUNTIME_MODELLIBRARY_H
