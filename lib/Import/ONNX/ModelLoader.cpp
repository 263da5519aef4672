//===- ModelLoader.cpp - Read an ONNX model file --------------------------===//

#include "ModelLoader.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <google/protobuf/io/coded_stream.h>

#include <limits>

using namespace llvm;

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

static bool isDefaultDomain(StringRef domain) {
  return domain.empty() || domain == "ai.onnx";
}

int64_t rectify::getOpsetVersion(const onnx::ModelProto &model,
                                 StringRef domain) {
  bool wantDefault = isDefaultDomain(domain);
  for (const onnx::OperatorSetIdProto &opset : model.opset_import()) {
    StringRef name = opset.domain();
    if (wantDefault ? isDefaultDomain(name) : name == domain)
      return opset.version();
  }
  return 0;
}

Expected<std::unique_ptr<onnx::ModelProto>>
rectify::loadModelProto(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getFile(
      path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError(
        formatv("cannot read the model: {0}", buffer.getError().message()));
  StringRef bytes = (*buffer)->getBuffer();
  if (bytes.empty())
    return makeError("the file is empty, not an ONNX model");
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
    return makeError(formatv("the file has {0} bytes; protobuf models must be "
                             "under 2 GiB (store the weights as external data)",
                             bytes.size()));

  auto model = std::make_unique<onnx::ModelProto>();
  google::protobuf::io::CodedInputStream stream(
      reinterpret_cast<const uint8_t *>(bytes.data()),
      static_cast<int>(bytes.size()));
  stream.SetTotalBytesLimit(std::numeric_limits<int>::max());
  if (!model->ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage())
    return makeError(formatv("not a valid ONNX model: the protobuf data is "
                             "malformed or truncated (parsing failed within "
                             "{0} bytes)",
                             bytes.size()));
  if (!model->has_graph())
    return makeError("not an ONNX model: the protobuf holds no graph");
  if (model->ir_version() <= 0)
    return makeError(formatv("not a valid ONNX model: ir_version is {0}",
                             model->ir_version()));
  if (getOpsetVersion(*model, "") == 0)
    return makeError("the model imports no opset of the default ONNX domain "
                     "(ai.onnx)");
  return model;
}
