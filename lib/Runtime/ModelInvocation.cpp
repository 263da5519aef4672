//===- ModelInvocation.cpp - Binding tensors to a model and running -------===//

#include "rectify/Runtime/ModelInvocation.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cassert>
#include <cstring>

using namespace rectify;
using llvm::StringRef;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// "got 2x4 from a.npy" or "got 2x4".
static std::string describeGot(const FloatTensor &tensor, StringRef source) {
  std::string result = "got " + formatTensorShape(tensor.shape);
  if (!source.empty())
    result += " from " + source.str();
  return result;
}

llvm::Expected<int64_t>
rectify::inferBatchSize(const ModelLibrary &model,
                        llvm::ArrayRef<const FloatTensor *> inputs,
                        llvm::ArrayRef<std::string> sources) {
  llvm::ArrayRef<rectify_tensor_info> infos = model.getInputs();
  assert(inputs.size() == infos.size() && "one tensor per model input");
  int64_t batch = -1;
  std::string batchOwner;
  for (auto [index, info] : llvm::enumerate(infos)) {
    const FloatTensor &tensor = *inputs[index];
    StringRef source = index < sources.size() ? StringRef(sources[index]) : "";
    std::string what = "input '" + std::string(info.name) + "'";
    std::string context = " (model shape " + formatInfoShape(info) + ", " +
                          describeGot(tensor, source) + ")";
    if (static_cast<int32_t>(tensor.shape.size()) != info.rank)
      return makeError(what + " has rank " + llvm::Twine(tensor.shape.size()) +
                       ", expected " + llvm::Twine(info.rank) + context);
    for (int32_t d = 0; d < info.rank; ++d) {
      int64_t extent = tensor.shape[d];
      if (info.shape[d] >= 0 && extent != info.shape[d])
        return makeError(what + " has extent " + llvm::Twine(extent) +
                         " in dimension " + llvm::Twine(d) + ", expected " +
                         llvm::Twine(info.shape[d]) + context);
      if (info.shape[d] >= 0)
        continue;
      if (batch < 0) {
        batch = extent;
        batchOwner = what;
        continue;
      }
      if (extent != batch)
        return makeError(what + " has extent " + llvm::Twine(extent) +
                         " in dynamic dimension " + llvm::Twine(d) + ", but " +
                         batchOwner + " sets the batch to " +
                         llvm::Twine(batch) + context);
    }
  }
  if (batch >= 0)
    return batch;
  for (const rectify_tensor_info &output : model.getOutputs())
    for (int32_t d = 0; d < output.rank; ++d)
      if (output.shape[d] < 0)
        return makeError(model.getPath() + ": output '" + output.name +
                         "' has a dynamic extent but no input does, so its "
                         "size is unknown");
  return 1;
}

llvm::SmallVector<int64_t, 4>
rectify::resolveShape(const rectify_tensor_info &tensor, int64_t batch) {
  llvm::SmallVector<int64_t, 4> shape;
  for (int32_t d = 0; d < tensor.rank; ++d)
    shape.push_back(tensor.shape[d] < 0 ? batch : tensor.shape[d]);
  return shape;
}

static rectify_tensor makeBuffer(const FloatTensor &tensor) {
  rectify_tensor buffer;
  std::memset(&buffer, 0, sizeof(buffer));
  // A tensor without elements still gets a non-null pointer, which models
  // may require; nothing is read or written through it.
  static float noElements[1];
  buffer.data = tensor.data.empty() ? noElements
                                    : const_cast<float *>(tensor.data.data());
  buffer.rank = static_cast<int32_t>(tensor.shape.size());
  for (auto [d, extent] : llvm::enumerate(tensor.shape))
    buffer.shape[d] = extent;
  return buffer;
}

llvm::Expected<ModelInvocation>
ModelInvocation::create(const ModelLibrary &model,
                        std::vector<NamedInput> given) {
  llvm::ArrayRef<rectify_tensor_info> infos = model.getInputs();
  std::vector<int> slot(infos.size(), -1);
  llvm::SmallVector<std::string> unknown;
  for (auto [index, input] : llvm::enumerate(given)) {
    std::optional<unsigned> position = model.findInput(input.name);
    if (!position) {
      unknown.push_back("'" + input.name + "'");
      continue;
    }
    if (slot[*position] >= 0)
      return makeError("input '" + input.name + "' is given more than once");
    slot[*position] = static_cast<int>(index);
  }
  llvm::SmallVector<std::string> missing;
  for (auto [position, info] : llvm::enumerate(infos))
    if (slot[position] < 0)
      missing.push_back("'" + std::string(info.name) + "'");
  if (!unknown.empty() || !missing.empty()) {
    std::string message;
    llvm::raw_string_ostream os(message);
    if (!unknown.empty()) {
      os << "unknown input" << (unknown.size() > 1 ? "s " : " ");
      llvm::interleaveComma(unknown, os);
    }
    if (!missing.empty()) {
      os << (unknown.empty() ? "" : "; ") << "missing input"
         << (missing.size() > 1 ? "s " : " ");
      llvm::interleaveComma(missing, os);
    }
    os << " (the model takes ";
    llvm::interleaveComma(infos, os, [&](const rectify_tensor_info &info) {
      os << "'" << info.name << "' " << formatInfoShape(info);
    });
    os << ")";
    return makeError(message);
  }

  ModelInvocation invocation(model);
  for (int index : slot)
    invocation.inputs.push_back(std::move(given[index]));
  llvm::SmallVector<const FloatTensor *> tensors;
  std::vector<std::string> sources;
  for (const NamedInput &input : invocation.inputs) {
    tensors.push_back(&input.tensor);
    sources.push_back(input.source);
  }
  llvm::Expected<int64_t> batch = inferBatchSize(model, tensors, sources);
  if (!batch)
    return batch.takeError();
  invocation.batch = *batch;

  for (const rectify_tensor_info &info : model.getOutputs()) {
    llvm::SmallVector<int64_t, 4> shape = resolveShape(info, *batch);
    if (!getNumElements(shape))
      return makeError("output '" + std::string(info.name) + "' of shape " +
                       formatTensorShape(shape) + " is too large");
    invocation.outputs.emplace_back(shape);
  }
  for (const NamedInput &input : invocation.inputs)
    invocation.inputBuffers.push_back(makeBuffer(input.tensor));
  for (const FloatTensor &output : invocation.outputs)
    invocation.outputBuffers.push_back(makeBuffer(output));
  return invocation;
}

llvm::Error ModelInvocation::run() {
  return model->run(inputBuffers, outputBuffers);
}
