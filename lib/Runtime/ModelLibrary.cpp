//===- ModelLibrary.cpp - Loading a compiled model library ----------------===//

#include "rectify/Runtime/ModelLibrary.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <dlfcn.h>

using namespace rectify;
using llvm::StringRef;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string rectify::formatInfoShape(const rectify_tensor_info &tensor) {
  if (tensor.rank <= 0)
    return "scalar";
  std::string result;
  llvm::raw_string_ostream os(result);
  for (int32_t i = 0; i < tensor.rank; ++i) {
    if (i)
      os << 'x';
    if (tensor.shape[i] < 0)
      os << '?';
    else
      os << tensor.shape[i];
  }
  return result;
}

static llvm::Error verifyTensorInfos(const rectify_tensor_info *tensors,
                                     int32_t count, StringRef kind,
                                     StringRef source) {
  if (count < 0)
    return makeError(source + ": model info has a negative number of " + kind +
                     "s");
  if (count > 0 && !tensors)
    return makeError(source + ": model info lists " + llvm::Twine(count) + " " +
                     kind + "s but no descriptions");
  llvm::StringSet<> names;
  for (int32_t i = 0; i < count; ++i) {
    const rectify_tensor_info &tensor = tensors[i];
    if (!tensor.name)
      return makeError(source + ": " + kind + " #" + llvm::Twine(i) +
                       " has no name");
    if (!names.insert(tensor.name).second)
      return makeError(source + ": two " + kind + "s are named '" +
                       tensor.name + "'");
    if (tensor.dtype != RECTIFY_DTYPE_F32)
      return makeError(source + ": " + kind + " '" + tensor.name +
                       "' has unsupported dtype code " +
                       llvm::Twine(static_cast<int>(tensor.dtype)));
    if (tensor.rank < 0 || tensor.rank > RECTIFY_MAX_RANK)
      return makeError(source + ": " + kind + " '" + tensor.name +
                       "' has rank " + llvm::Twine(tensor.rank) +
                       " outside [0, " + llvm::Twine(RECTIFY_MAX_RANK) + "]");
    for (int32_t d = 0; d < tensor.rank; ++d)
      if (tensor.shape[d] < -1)
        return makeError(source + ": " + kind + " '" + tensor.name +
                         "' has invalid extent " +
                         llvm::Twine(tensor.shape[d]) + " in dimension " +
                         llvm::Twine(d));
  }
  return llvm::Error::success();
}

llvm::Error rectify::verifyModelInfo(const rectify_model_info *info,
                                     StringRef source) {
  if (!info)
    return makeError(source + ": rectify_model_get_info() returned null");
  if (info->abi_version != RECTIFY_ABI_VERSION)
    return makeError(source + ": model ABI version " +
                     llvm::Twine(info->abi_version) +
                     " is not supported (this runtime speaks version " +
                     llvm::Twine(RECTIFY_ABI_VERSION) + ")");
  if (llvm::Error err =
          verifyTensorInfos(info->inputs, info->num_inputs, "input", source))
    return err;
  return verifyTensorInfos(info->outputs, info->num_outputs, "output", source);
}

llvm::Expected<std::unique_ptr<ModelLibrary>>
ModelLibrary::load(StringRef path) {
  std::string pathStr = path.str();
  // A name without '/' would make dlopen search the library path.
  if (pathStr.find('/') == std::string::npos)
    pathStr = "./" + pathStr;
  void *handle = dlopen(pathStr.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *reason = dlerror();
    return makeError(path + ": cannot load model library: " +
                     (reason ? reason : "unknown error"));
  }
  std::unique_ptr<ModelLibrary> library(new ModelLibrary(handle, path.str()));
  auto getInfo =
      reinterpret_cast<GetInfoFn>(dlsym(handle, "rectify_model_get_info"));
  library->runFn = reinterpret_cast<RunFn>(dlsym(handle, "rectify_model_run"));
  if (!getInfo || !library->runFn)
    return makeError(
        path + ": not a Rectify model library (missing symbol " +
        (getInfo ? "rectify_model_run" : "rectify_model_get_info") + ")");
  library->info = getInfo();
  if (llvm::Error err = verifyModelInfo(library->info, path))
    return std::move(err);
  return library;
}

ModelLibrary::~ModelLibrary() {
  if (handle)
    dlclose(handle);
}

StringRef ModelLibrary::getName() const {
  return info->name ? StringRef(info->name) : StringRef();
}

llvm::ArrayRef<rectify_tensor_info> ModelLibrary::getInputs() const {
  return llvm::ArrayRef(info->inputs, info->num_inputs);
}

llvm::ArrayRef<rectify_tensor_info> ModelLibrary::getOutputs() const {
  return llvm::ArrayRef(info->outputs, info->num_outputs);
}

static std::optional<unsigned>
findByName(llvm::ArrayRef<rectify_tensor_info> tensors, StringRef name) {
  for (auto [index, tensor] : llvm::enumerate(tensors))
    if (name == tensor.name)
      return static_cast<unsigned>(index);
  return std::nullopt;
}

std::optional<unsigned> ModelLibrary::findInput(StringRef name) const {
  return findByName(getInputs(), name);
}

std::optional<unsigned> ModelLibrary::findOutput(StringRef name) const {
  return findByName(getOutputs(), name);
}

llvm::Error
ModelLibrary::run(llvm::ArrayRef<rectify_tensor> inputs,
                  llvm::MutableArrayRef<rectify_tensor> outputs) const {
  if (inputs.size() != getInputs().size() ||
      outputs.size() != getOutputs().size())
    return makeError(llvm::formatv("{0}: model takes {1} inputs and {2} "
                                   "outputs, got {3} and {4}",
                                   path, getInputs().size(),
                                   getOutputs().size(), inputs.size(),
                                   outputs.size())
                         .str());
  char message[512] = {0};
  // Models may reject null arrays even when a count is zero: pass a
  // placeholder instead.
  rectify_tensor placeholder[2];
  std::memset(placeholder, 0, sizeof(placeholder));
  const rectify_tensor *in = inputs.empty() ? &placeholder[0] : inputs.data();
  rectify_tensor *out = outputs.empty() ? &placeholder[1] : outputs.data();
  int status = runFn(in, out, message, sizeof(message));
  if (status == RECTIFY_OK)
    return llvm::Error::success();
  message[sizeof(message) - 1] = 0;
  return makeError(llvm::formatv("{0}: model run failed with status {1}: {2}",
                                 path, status,
                                 message[0] ? message : "(no message)")
                       .str());
}
