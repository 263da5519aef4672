//===- TensorImport.cpp - ONNX tensors to MLIR attributes -----------------===//

#include "rectify/Import/ONNX/TensorImport.h"

#include "rectify/Import/ONNX/InputShapes.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SwapByteOrder.h"

#include <cstring>

using namespace llvm;
using namespace mlir;

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

static StringRef dataTypeName(int32_t dataType) {
  if (onnx::TensorProto::DataType_IsValid(dataType))
    return onnx::TensorProto::DataType_Name(
        static_cast<onnx::TensorProto::DataType>(dataType));
  return "unknown";
}

Expected<Type> rectify::getElementType(MLIRContext *context,
                                       int32_t onnxDataType) {
  switch (onnxDataType) {
  case onnx::TensorProto::FLOAT:
    return Float32Type::get(context);
  case onnx::TensorProto::INT64:
    return IntegerType::get(context, 64);
  case onnx::TensorProto::INT32:
    return IntegerType::get(context, 32);
  default:
    return makeError(formatv("element type {0} is not supported (float32 for "
                             "data, int64 for shapes)",
                             dataTypeName(onnxDataType)));
  }
}

Expected<RankedTensorType>
rectify::getTensorType(MLIRContext *context, const onnx::TensorProto &tensor) {
  Expected<Type> elementType = getElementType(context, tensor.data_type());
  if (!elementType)
    return makeError(formatv("tensor '{0}': {1}", tensor.name(),
                             toString(elementType.takeError())));
  SmallVector<int64_t> shape;
  for (int64_t d : tensor.dims()) {
    if (d < 0)
      return makeError(formatv("tensor '{0}' has a negative dimension {1}",
                               tensor.name(), d));
    shape.push_back(d);
  }
  return RankedTensorType::get(shape, *elementType);
}

namespace {
/// The bytes of a tensor: a view of the proto's own storage, or of an external
/// data file kept alive by `owner`.
struct TensorBytes {
  ArrayRef<char> data;
  std::unique_ptr<MemoryBuffer> owner;
  /// The external data file the bytes come from, if any.
  std::string file;
};
} // namespace

template <typename T, typename Field>
static ArrayRef<char> fieldBytes(const Field &field) {
  return ArrayRef<char>(reinterpret_cast<const char *>(field.data()),
                        field.size() * sizeof(T));
}

/// Reads the external data of `tensor` (location/offset/length relative to
/// `modelDir`).
static Expected<TensorBytes> readExternalData(const onnx::TensorProto &tensor,
                                              StringRef modelDir) {
  std::string location;
  std::optional<uint64_t> offset, length;
  for (const onnx::StringStringEntryProto &entry : tensor.external_data()) {
    uint64_t value;
    if (entry.key() == "location") {
      location = entry.value();
    } else if (entry.key() == "offset" || entry.key() == "length") {
      if (StringRef(entry.value()).getAsInteger(10, value))
        return makeError(formatv("tensor '{0}': external data {1} '{2}' is "
                                 "not a number",
                                 tensor.name(), entry.key(), entry.value()));
      (entry.key() == "offset" ? offset : length) = value;
    }
  }
  if (location.empty())
    return makeError(formatv("tensor '{0}' has external data without a "
                             "location",
                             tensor.name()));
  if (sys::path::is_absolute(location))
    return makeError(formatv("tensor '{0}': external data location '{1}' must "
                             "be relative to the model's directory",
                             tensor.name(), location));
  SmallString<256> path(modelDir);
  sys::path::append(path, location);
  uint64_t fileSize;
  if (std::error_code ec = sys::fs::file_size(path, fileSize))
    return makeError(formatv("external data file '{0}' of tensor '{1}' "
                             "cannot be read: {2}",
                             path, tensor.name(), ec.message()));
  uint64_t start = offset.value_or(0);
  uint64_t size = length ? *length : (start <= fileSize ? fileSize - start : 0);
  if (start > fileSize || size > fileSize - start)
    return makeError(formatv("external data file '{0}' has {1} bytes, but "
                             "tensor '{2}' needs bytes [{3}, {4})",
                             path, fileSize, tensor.name(), start,
                             start + size));
  if (size == 0)
    return TensorBytes{{}, nullptr, path.str().str()};
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFileSlice(path, size, start, /*IsVolatile=*/false);
  if (!buffer)
    return makeError(formatv("external data file '{0}' of tensor '{1}' "
                             "cannot be read: {2}",
                             path, tensor.name(), buffer.getError().message()));
  ArrayRef<char> data((*buffer)->getBufferStart(), (*buffer)->getBufferSize());
  return TensorBytes{data, std::move(*buffer), path.str().str()};
}

/// Where the bytes of `tensor` are: external file, raw_data or a typed field.
static Expected<TensorBytes> getStoredBytes(const onnx::TensorProto &tensor,
                                            StringRef modelDir) {
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL)
    return readExternalData(tensor, modelDir);
  if (tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    return TensorBytes{ArrayRef<char>(raw.data(), raw.size()), nullptr, ""};
  }
  if (tensor.data_type() == onnx::TensorProto::FLOAT)
    return TensorBytes{fieldBytes<float>(tensor.float_data()), nullptr, ""};
  if (tensor.data_type() == onnx::TensorProto::INT64)
    return TensorBytes{fieldBytes<int64_t>(tensor.int64_data()), nullptr, ""};
  return TensorBytes{fieldBytes<int32_t>(tensor.int32_data()), nullptr, ""};
}

/// The bytes of `tensor`, checked against its shape and element size.
static Expected<TensorBytes> getTensorBytes(const onnx::TensorProto &tensor,
                                            StringRef modelDir) {
  if (sys::IsBigEndianHost)
    return makeError("tensor data is little-endian; big-endian hosts are not "
                     "supported");
  int64_t elementSize;
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::INT32:
    elementSize = 4;
    break;
  case onnx::TensorProto::INT64:
    elementSize = 8;
    break;
  default:
    return makeError(formatv("tensor '{0}': element type {1} is not "
                             "supported (float32 for data, int64 for shapes)",
                             tensor.name(), dataTypeName(tensor.data_type())));
  }
  int64_t numElements = 1;
  for (int64_t d : tensor.dims()) {
    std::optional<int64_t> product = checkedMul(numElements, d);
    if (d < 0 || !product)
      return makeError(
          formatv("tensor '{0}' has an invalid shape", tensor.name()));
    numElements = *product;
  }
  std::optional<int64_t> byteSize = checkedMul(numElements, elementSize);
  if (!byteSize)
    return makeError(formatv("tensor '{0}' is too large", tensor.name()));

  Expected<TensorBytes> bytes = getStoredBytes(tensor, modelDir);
  if (!bytes)
    return bytes.takeError();
  if (static_cast<int64_t>(bytes->data.size()) != *byteSize)
    return makeError(formatv(
        "tensor '{0}' has {1} bytes of data{5} but its "
        "shape [{2}] of {3} needs {4}",
        tensor.name(), bytes->data.size(),
        rectify::formatShape(
            SmallVector<int64_t>(tensor.dims().begin(), tensor.dims().end())),
        dataTypeName(tensor.data_type()), *byteSize,
        bytes->file.empty() ? std::string() : " in '" + bytes->file + "'"));
  return bytes;
}

std::string rectify::sanitizeResourceName(StringRef name) {
  std::string key;
  for (char c : name)
    key.push_back(isAlnum(c) || c == '_' || c == '.' ? c : '_');
  if (key.empty() || isDigit(key.front()))
    key.insert(key.begin(), '_');
  return key;
}

Expected<ElementsAttr> rectify::importTensor(MLIRContext *context,
                                             const onnx::TensorProto &tensor,
                                             StringRef modelDir) {
  Expected<RankedTensorType> type = getTensorType(context, tensor);
  if (!type)
    return type.takeError();
  Expected<TensorBytes> bytes = getTensorBytes(tensor, modelDir);
  if (!bytes)
    return bytes.takeError();
  if (type->getNumElements() == 0)
    return cast<ElementsAttr>(
        DenseElementsAttr::get(*type, ArrayRef<Attribute>{}));
  if (type->getNumElements() <= kMaxDenseConstantElements)
    return cast<ElementsAttr>(
        DenseElementsAttr::getFromRawBuffer(*type, bytes->data));
  // One copy of the bytes into a blob owned by the context's resource manager.
  size_t alignment = type->getElementTypeBitWidth() / 8;
  AsmResourceBlob blob =
      HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes->data, alignment);
  return cast<ElementsAttr>(DenseResourceElementsAttr::get(
      *type, sanitizeResourceName(tensor.name()), std::move(blob)));
}

template <typename T> static SmallVector<T> copyValues(ArrayRef<char> bytes) {
  SmallVector<T> values(bytes.size() / sizeof(T));
  if (!values.empty())
    std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
  return values;
}

Expected<SmallVector<int64_t>>
rectify::readIntTensor(const onnx::TensorProto &tensor, StringRef modelDir) {
  if (tensor.data_type() != onnx::TensorProto::INT64 &&
      tensor.data_type() != onnx::TensorProto::INT32)
    return makeError(formatv("tensor '{0}' must be int64, got {1}",
                             tensor.name(), dataTypeName(tensor.data_type())));
  Expected<TensorBytes> bytes = getTensorBytes(tensor, modelDir);
  if (!bytes)
    return bytes.takeError();
  if (tensor.data_type() == onnx::TensorProto::INT64)
    return copyValues<int64_t>(bytes->data);
  SmallVector<int32_t> narrow = copyValues<int32_t>(bytes->data);
  return SmallVector<int64_t>(narrow.begin(), narrow.end());
}

Expected<SmallVector<float>>
rectify::readFloatTensor(const onnx::TensorProto &tensor, StringRef modelDir) {
  if (tensor.data_type() != onnx::TensorProto::FLOAT)
    return makeError(formatv("tensor '{0}' must be float32, got {1}",
                             tensor.name(), dataTypeName(tensor.data_type())));
  Expected<TensorBytes> bytes = getTensorBytes(tensor, modelDir);
  if (!bytes)
    return bytes.takeError();
  return copyValues<float>(bytes->data);
}
