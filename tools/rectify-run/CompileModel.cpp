//===- CompileModel.cpp - The .onnx path of rectify-run -------------------===//
//
// Compiles an .onnx model in-process with rectify::compileONNXFile into a
// temporary directory and loads the library.
//
//===----------------------------------------------------------------------===//

#include "CompileModel.h"

#include "rectify/Driver/Compile.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace rectify;

namespace {
/// Removes a directory tree when it goes out of scope.
class TempDirectory {
public:
  explicit TempDirectory(llvm::StringRef path) : path(path.str()) {}
  ~TempDirectory() { llvm::sys::fs::remove_directories(path); }
  llvm::StringRef getPath() const { return path; }

private:
  std::string path;
};
} // namespace

llvm::Expected<std::unique_ptr<ModelLibrary>>
rectify::compileAndLoadONNX(llvm::StringRef path,
                            llvm::ArrayRef<std::string> inputShapes,
                            Target target) {
  CompileOptions options;
  options.emit = EmitKind::SharedLibrary;
  options.target = target;
  for (const std::string &flag : inputShapes)
    if (llvm::Error err = parseInputShapeFlag(flag, options.import))
      return std::move(err);

  llvm::SmallString<128> dirPath;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("rectify-run", dirPath))
    return llvm::createStringError(ec, "cannot create a temporary directory: " +
                                           ec.message());
  TempDirectory dir(dirPath);
  llvm::SmallString<128> libraryPath(dir.getPath());
  llvm::sys::path::append(libraryPath, "libmodel.so");

  mlir::DialectRegistry registry;
  registerCompilerDialects(registry);
  mlir::MLIRContext context(registry);
  // With no handler installed, the context prints error diagnostics (file,
  // node, reason) to stderr as they come; the returned error summarises them.
  // "cannot compile" marks compiler errors (e.g. an op the importer does not
  // support) apart from run-time ones; scripts/conformance.py relies on it.
  if (llvm::Error err = compileONNXFile(context, path, libraryPath, options))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        path + ": cannot compile: " + llvm::toString(std::move(err)));
  // The mapping stays valid after the directory is removed.
  return ModelLibrary::load(libraryPath);
}
