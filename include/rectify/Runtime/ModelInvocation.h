//===- ModelInvocation.h - Binding tensors to a model, running -*- C++ -*-===//
//
// The checked path from host tensors to a model call: match named inputs to
// the model's inputs, check dtypes and shapes against the model info, infer
// the batch (the one dynamic extent), allocate the outputs, run. Buffers are
// allocated once, so an invocation can be run repeatedly (benchmarking).
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_RUNTIME_MODELINVOCATION_H
#define RECTIFY_RUNTIME_MODELINVOCATION_H

#include "rectify/Runtime/ModelLibrary.h"
#include "rectify/Support/Tensor.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace rectify {

/// A host tensor offered as a model input.
struct NamedInput {
  std::string name;
  /// Where the tensor came from (e.g. the .npy path), for error messages.
  std::string source;
  FloatTensor tensor;
};

/// The batch size implied by `inputs` (in model-info order) for `model`:
/// checks each tensor's rank and static extents against the info, and that
/// every dynamic extent takes the same value. A model without dynamic
/// extents has batch 1 (unused). `sources` names the tensors in messages.
llvm::Expected<int64_t>
inferBatchSize(const ModelLibrary &model,
               llvm::ArrayRef<const FloatTensor *> inputs,
               llvm::ArrayRef<std::string> sources);

/// The concrete shape of `tensor` for the given batch.
llvm::SmallVector<int64_t, 4> resolveShape(const rectify_tensor_info &tensor,
                                           int64_t batch);

class ModelInvocation {
public:
  /// Binds `inputs` by name: every model input must be given exactly once,
  /// and every given name must be a model input (errors list the unknown and
  /// the missing names). Then checks shapes and allocates the outputs.
  static llvm::Expected<ModelInvocation> create(const ModelLibrary &model,
                                                std::vector<NamedInput> inputs);

  /// Runs the model once, overwriting the outputs.
  llvm::Error run();

  int64_t getBatchSize() const { return batch; }
  /// Outputs in model-info order.
  llvm::ArrayRef<FloatTensor> getOutputs() const { return outputs; }

private:
  explicit ModelInvocation(const ModelLibrary &model) : model(&model) {}

  const ModelLibrary *model;
  int64_t batch = 1;
  std::vector<NamedInput> inputs;
  std::vector<FloatTensor> outputs;
  std::vector<rectify_tensor> inputBuffers;
  std::vector<rectify_tensor> outputBuffers;
};

} // namespace rectify

#endif // RECTIFY_RUNTIME_MODELINVOCATION_H
