//===- ShapeFolding.cpp - Import-time folding of shape sub-graphs ---------===//
//
// Shape, ConstantOfShape and Cast, plus integer arithmetic and Reshape of
// constants: the nodes of the shape sub-graphs exporters emit, evaluated
// while importing (see ShapeFolding.h for how the dynamic batch is kept).
//
//===----------------------------------------------------------------------===//

#include "ShapeFolding.h"
#include "OpImporters.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/ShapeHelpers.h"
#include "rectify/Import/ONNX/TensorImport.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace rectify;

static constexpr llvm::StringLiteral kBatchTag = "rectify.batch-multiples=";

//===----------------------------------------------------------------------===//
// FoldedTensor
//===----------------------------------------------------------------------===//

bool FoldedTensor::isFloat() const {
  return dataType == onnx::TensorProto::FLOAT ||
         dataType == onnx::TensorProto::DOUBLE;
}

int64_t FoldedTensor::size() const {
  return isFloat() ? static_cast<int64_t>(floats.size())
                   : static_cast<int64_t>(ints.size());
}

bool FoldedTensor::hasSymbolic() const {
  return llvm::any_of(batch, [](int64_t c) { return c != 0; });
}

template <typename T>
static SmallVector<T> rawValues(const std::string &raw) {
  SmallVector<T> values(raw.size() / sizeof(T));
  std::memcpy(values.data(), raw.data(), values.size() * sizeof(T));
  return values;
}

std::optional<FoldedTensor> rectify::getFoldedInput(NodeImporter &importer,
                                                    unsigned index) {
  const onnx::TensorProto *tensor = importer.getConstantInput(index);
  if (!tensor || tensor->data_location() == onnx::TensorProto::EXTERNAL)
    return std::nullopt;
  FoldedTensor folded;
  folded.dataType = tensor->data_type();
  folded.shape.assign(tensor->dims().begin(), tensor->dims().end());
  bool raw = tensor->has_raw_data();
  switch (tensor->data_type()) {
  case onnx::TensorProto::INT64:
    if (raw)
      folded.ints = rawValues<int64_t>(tensor->raw_data());
    else
      folded.ints.assign(tensor->int64_data().begin(),
                         tensor->int64_data().end());
    break;
  case onnx::TensorProto::INT32:
    if (raw)
      for (int32_t v : rawValues<int32_t>(tensor->raw_data()))
        folded.ints.push_back(v);
    else
      folded.ints.assign(tensor->int32_data().begin(),
                         tensor->int32_data().end());
    break;
  case onnx::TensorProto::BOOL:
    if (raw)
      for (uint8_t v : rawValues<uint8_t>(tensor->raw_data()))
        folded.ints.push_back(v != 0);
    else
      for (int32_t v : tensor->int32_data())
        folded.ints.push_back(v != 0);
    break;
  case onnx::TensorProto::FLOAT:
    if (raw)
      for (float v : rawValues<float>(tensor->raw_data()))
        folded.floats.push_back(v);
    else
      folded.floats.assign(tensor->float_data().begin(),
                           tensor->float_data().end());
    break;
  case onnx::TensorProto::DOUBLE:
    if (raw)
      folded.floats = rawValues<double>(tensor->raw_data());
    else
      folded.floats.assign(tensor->double_data().begin(),
                           tensor->double_data().end());
    break;
  default:
    return std::nullopt;
  }
  int64_t count = 1;
  for (int64_t d : folded.shape)
    count *= d;
  if (count != folded.size())
    return std::nullopt;
  StringRef doc = tensor->doc_string();
  if (doc.consume_front(kBatchTag)) {
    SmallVector<StringRef> parts;
    doc.split(parts, ',');
    for (StringRef part : parts) {
      int64_t c = 0;
      if (part.getAsInteger(10, c))
        return std::nullopt;
      folded.batch.push_back(c);
    }
    if (static_cast<int64_t>(folded.batch.size()) != count)
      return std::nullopt;
  }
  return folded;
}

bool rectify::isIntConstantInput(NodeImporter &importer, unsigned index) {
  std::optional<FoldedTensor> folded = getFoldedInput(importer, index);
  return folded && !folded->isFloat();
}

template <typename T, typename Range>
static std::string bytesOf(const Range &values) {
  std::string bytes;
  for (auto v : values) {
    T narrow = static_cast<T>(v);
    bytes.append(reinterpret_cast<const char *>(&narrow), sizeof(T));
  }
  return bytes;
}

LogicalResult rectify::setFoldedOutput(NodeImporter &importer, unsigned index,
                                       const FoldedTensor &folded) {
  const onnx::NodeProto &node = importer.getNode();
  onnx::TensorProto tensor;
  if (index < static_cast<unsigned>(node.output_size()))
    tensor.set_name(node.output(index));
  tensor.set_data_type(folded.dataType);
  for (int64_t d : folded.shape)
    tensor.add_dims(d);
  switch (folded.dataType) {
  case onnx::TensorProto::INT64: {
    SmallVector<int64_t> values(folded.ints);
    for (int64_t i = 0, e = values.size(); i < e; ++i)
      if (folded.isSymbolic(i))
        values[i] = -1;
    tensor.set_raw_data(bytesOf<int64_t>(values));
    break;
  }
  case onnx::TensorProto::INT32:
    tensor.set_raw_data(bytesOf<int32_t>(folded.ints));
    break;
  case onnx::TensorProto::BOOL:
    tensor.set_raw_data(bytesOf<uint8_t>(folded.ints));
    break;
  case onnx::TensorProto::FLOAT:
    tensor.set_raw_data(bytesOf<float>(folded.floats));
    break;
  case onnx::TensorProto::DOUBLE:
    tensor.set_raw_data(bytesOf<double>(folded.floats));
    break;
  default:
    return importer.emitError()
           << importer.getNode().op_type()
           << ": cannot fold a constant of data type " << folded.dataType;
  }
  if (folded.hasSymbolic()) {
    if (folded.dataType != onnx::TensorProto::INT64)
      return importer.emitError()
             << importer.getNode().op_type()
             << ": a value depending on the dynamic batch must stay int64";
    std::string doc = kBatchTag.str();
    llvm::raw_string_ostream os(doc);
    llvm::interleave(folded.batch, os, ",");
    tensor.set_doc_string(doc);
  }
  return importer.setConstantOutput(index, std::move(tensor));
}

FailureOr<SmallVector<int64_t>>
rectify::getReshapeTarget(NodeImporter &importer, unsigned index,
                          ArrayRef<int64_t> inputShape) {
  std::optional<FoldedTensor> target = getFoldedInput(importer, index);
  if (!target || target->isFloat() || !target->hasSymbolic())
    return importer.getConstantInts(index, "the shape");
  SmallVector<int64_t> shape(target->ints);
  int64_t symbolic = 0, inferred = -1;
  for (int64_t i = 0, e = shape.size(); i < e; ++i) {
    if (target->isSymbolic(i))
      ++symbolic;
    else if (shape[i] == -1)
      inferred = i;
  }
  if (symbolic > 1) {
    importer.emitError() << importer.getNode().op_type()
                         << ": the target shape uses the dynamic batch in "
                         << symbolic << " entries; at most one is supported";
    return failure();
  }
  if (inferred >= 0) {
    // Element counts: input = P * batch, target = c * batch * Q * (-1 dim).
    int64_t inputStatic = 1, targetStatic = 1, coefficient = 1;
    for (int64_t d : inputShape)
      if (d != ShapedType::kDynamic)
        inputStatic *= d;
    for (int64_t i = 0, e = shape.size(); i < e; ++i) {
      if (target->isSymbolic(i))
        coefficient = target->batch[i];
      else if (i != inferred)
        targetStatic *= shape[i] == 0 ? inputShape[i] : shape[i];
    }
    int64_t divisor = coefficient * targetStatic;
    if (divisor == 0 || inputStatic % divisor != 0) {
      importer.emitError() << importer.getNode().op_type()
                           << ": cannot infer the -1 entry of a target shape "
                              "that uses the dynamic batch";
      return failure();
    }
    shape[inferred] = inputStatic / divisor;
  }
  for (int64_t i = 0, e = shape.size(); i < e; ++i)
    if (target->isSymbolic(i))
      shape[i] = -1;
  return shape;
}

//===----------------------------------------------------------------------===//
// Importers
//===----------------------------------------------------------------------===//

LogicalResult rectify::importShape(NodeImporter &importer) {
  SmallVector<int64_t> dims;
  // The dynamic dim is `multiple * batch`.
  int64_t multiple = 1;
  if (std::optional<FoldedTensor> constant = getFoldedInput(importer, 0)) {
    dims = constant->shape;
  } else {
    FailureOr<Value> input = importer.getInput(0);
    if (failed(input))
      return failure();
    dims.assign(cast<RankedTensorType>(input->getType()).getShape().begin(),
                cast<RankedTensorType>(input->getType()).getShape().end());
    multiple = getBatchMultiple(*input).value_or(1);
  }
  int64_t rank = dims.size();
  FailureOr<int64_t> start = importer.getIntAttr("start", 0);
  FailureOr<int64_t> end = importer.getIntAttr("end", rank);
  if (failed(start) || failed(end))
    return failure();
  auto clampAxis = [&](int64_t a) {
    if (a < 0)
      a += rank;
    return std::clamp<int64_t>(a, 0, rank);
  };
  int64_t first = clampAxis(*start), last = clampAxis(*end);
  FoldedTensor result;
  for (int64_t i = first; i < last; ++i) {
    bool dynamic = dims[i] == ShapedType::kDynamic;
    result.ints.push_back(dynamic ? -1 : dims[i]);
    result.batch.push_back(dynamic ? multiple : 0);
  }
  result.shape = {static_cast<int64_t>(result.ints.size())};
  if (!result.hasSymbolic())
    result.batch.clear();
  return setFoldedOutput(importer, 0, result);
}

LogicalResult rectify::importConstantOfShape(NodeImporter &importer) {
  std::optional<FoldedTensor> shape = getFoldedInput(importer, 0);
  if (!shape || shape->isFloat())
    return importer.emitError()
           << "ConstantOfShape: the shape (input '"
           << (importer.hasInput(0) ? importer.getNode().input(0) : "")
           << "') must fold to an integer constant at import time";
  FoldedTensor result;
  result.dataType = onnx::TensorProto::FLOAT;
  double fill = 0.0;
  int64_t intFill = 0;
  if (importer.getAttributes().has("value")) {
    llvm::Expected<const onnx::TensorProto *> value =
        importer.getAttributes().getTensor("value");
    if (!value)
      return importer.emitError()
             << "ConstantOfShape: " << llvm::toString(value.takeError());
    onnx::TensorProto copy = **value;
    // Read the one-element value through the folding reader.
    result.dataType = copy.data_type();
    llvm::Expected<SmallVector<int64_t>> ints =
        readIntTensor(copy, /*modelDir=*/"");
    if (ints) {
      if (ints->size() != 1)
        return importer.emitError()
               << "ConstantOfShape: value must have one element";
      intFill = ints->front();
    } else {
      llvm::consumeError(ints.takeError());
      llvm::Expected<SmallVector<float>> floats =
          readFloatTensor(copy, /*modelDir=*/"");
      if (!floats || floats->size() != 1) {
        if (!floats)
          llvm::consumeError(floats.takeError());
        return importer.emitError() << "ConstantOfShape: value must be one "
                                       "float32, int32 or int64 element";
      }
      fill = floats->front();
    }
  }
  if (shape->hasSymbolic()) {
    if (!result.isFloat())
      return importer.emitError()
             << "ConstantOfShape: an integer tensor whose shape depends on "
                "the dynamic batch is not supported";
    return importBatchFill(importer, *shape, fill);
  }
  int64_t count = 1;
  for (int64_t d : shape->ints) {
    if (d < 0)
      return importer.emitError()
             << "ConstantOfShape: negative dimension " << d;
    result.shape.push_back(d);
    count *= d;
  }
  if (count > (int64_t(1) << 24))
    return importer.emitError() << "ConstantOfShape: " << count
                                << " elements is too large to fold";
  if (result.isFloat())
    result.floats.assign(count, fill);
  else
    result.ints.assign(count, intFill);
  return setFoldedOutput(importer, 0, result);
}

/// Converts `tensor` to ONNX data type `to` (integers truncate toward zero).
static FailureOr<FoldedTensor> castFolded(NodeImporter &importer,
                                          const FoldedTensor &tensor,
                                          int64_t to) {
  FoldedTensor result;
  result.dataType = to;
  result.shape = tensor.shape;
  switch (to) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::DOUBLE:
    if (tensor.hasSymbolic()) {
      importer.emitError()
          << "Cast: a value depending on the dynamic batch cannot be cast to "
             "floating point";
      return failure();
    }
    if (tensor.isFloat())
      for (double v : tensor.floats)
        result.floats.push_back(to == onnx::TensorProto::FLOAT
                                    ? static_cast<double>(static_cast<float>(v))
                                    : v);
    else
      for (int64_t v : tensor.ints)
        result.floats.push_back(static_cast<double>(v));
    return result;
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::BOOL:
    if (tensor.isFloat()) {
      for (double v : tensor.floats)
        result.ints.push_back(to == onnx::TensorProto::BOOL
                                  ? v != 0.0
                                  : static_cast<int64_t>(std::trunc(v)));
      return result;
    }
    for (int64_t v : tensor.ints)
      result.ints.push_back(to == onnx::TensorProto::BOOL    ? v != 0
                            : to == onnx::TensorProto::INT32 ? int32_t(v)
                                                             : v);
    if (to == onnx::TensorProto::INT64)
      result.batch = tensor.batch;
    return result;
  default:
    importer.emitError() << "Cast: constants can be cast to float, double, "
                            "int64, int32 or bool, not data type "
                         << to;
    return failure();
  }
}

LogicalResult rectify::importCast(NodeImporter &importer) {
  FailureOr<int64_t> to = importer.getIntAttr("to", onnx::TensorProto::FLOAT);
  if (failed(to))
    return failure();
  if (std::optional<FoldedTensor> constant = getFoldedInput(importer, 0)) {
    FailureOr<FoldedTensor> result = castFolded(importer, *constant, *to);
    if (failed(result))
      return failure();
    return setFoldedOutput(importer, 0, *result);
  }
  // Data stays float32 at run time: only the identity cast is supported.
  if (*to != onnx::TensorProto::FLOAT)
    return importer.emitError()
           << "Cast of the run-time value '" << importer.getNode().input(0)
           << "' to data type " << *to
           << " is not supported; only float32 data flows at run time";
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  return importer.setOutput(0, *input);
}

/// Integer arithmetic of two folded tensors (numpy broadcasting of a scalar
/// or equal shapes), keeping batch multiples where the result is one.
static FailureOr<FoldedTensor> foldIntBinary(NodeImporter &importer,
                                             const FoldedTensor &lhs,
                                             const FoldedTensor &rhs) {
  StringRef opType = importer.getNode().op_type();
  FailureOr<SmallVector<int64_t>> shape =
      rect::broadcastShapes(lhs.shape, rhs.shape);
  int64_t count = 1;
  if (succeeded(shape))
    for (int64_t d : *shape)
      count *= d;
  bool simple = succeeded(shape) && (lhs.size() == 1 || lhs.size() == count) &&
                (rhs.size() == 1 || rhs.size() == count);
  if (!simple) {
    importer.emitError() << opType
                         << ": folding integer constants needs equal shapes "
                            "or a scalar operand";
    return failure();
  }
  FoldedTensor result;
  result.dataType = lhs.dataType;
  result.shape = *shape;
  for (int64_t i = 0; i < count; ++i) {
    int64_t li = lhs.size() == 1 ? 0 : i, ri = rhs.size() == 1 ? 0 : i;
    int64_t a = lhs.ints[li], b = rhs.ints[ri];
    int64_t ca = lhs.isSymbolic(li) ? lhs.batch[li] : 0;
    int64_t cb = rhs.isSymbolic(ri) ? rhs.batch[ri] : 0;
    int64_t value = 0, coefficient = 0;
    bool ok = true;
    if (opType == "Mul") {
      if (ca && cb)
        ok = false;
      else if (ca)
        coefficient = ca * b;
      else if (cb)
        coefficient = cb * a;
      else
        value = a * b;
    } else if (opType == "Div") {
      if (cb || (!ca && b == 0))
        ok = false;
      else if (ca)
        ok = b != 0 && ca % b == 0, coefficient = ok ? ca / b : 0;
      else
        value = static_cast<int64_t>(std::floor(double(a) / double(b)));
    } else if (opType == "Add" || opType == "Sub") {
      // c1 * batch + k1 (+/-) c2 * batch + k2 stays foldable when the
      // result is a pure batch multiple or a pure constant.
      int64_t sign = opType == "Add" ? 1 : -1;
      coefficient = ca + sign * cb;
      value = (ca ? 0 : a) + sign * (cb ? 0 : b);
      ok = coefficient == 0 || value == 0;
    }
    if (!ok) {
      importer.emitError() << opType
                           << ": cannot fold integer arithmetic on a value "
                              "that depends on the dynamic batch";
      return failure();
    }
    result.ints.push_back(coefficient ? -1 : value);
    result.batch.push_back(coefficient);
  }
  if (!result.hasSymbolic())
    result.batch.clear();
  return result;
}

LogicalResult rectify::importBinaryOrFold(NodeImporter &importer) {
  std::optional<FoldedTensor> lhs = getFoldedInput(importer, 0);
  std::optional<FoldedTensor> rhs = getFoldedInput(importer, 1);
  if (!lhs || !rhs || lhs->isFloat() || rhs->isFloat())
    return importBinary(importer);
  FailureOr<FoldedTensor> result = foldIntBinary(importer, *lhs, *rhs);
  if (failed(result))
    return failure();
  return setFoldedOutput(importer, 0, *result);
}

LogicalResult rectify::importReshapeOrFold(NodeImporter &importer) {
  if (importer.getOpset() < 5)
    return importReshape(importer);
  std::optional<FoldedTensor> data = getFoldedInput(importer, 0);
  if (data && !data->isFloat()) {
    FailureOr<SmallVector<int64_t>> target =
        getReshapeTarget(importer, 1, data->shape);
    if (failed(target))
      return failure();
    llvm::Expected<SmallVector<int64_t>> shape =
        computeReshapeShape(data->shape, *target, /*allowZero=*/false);
    if (!shape)
      return importer.emitError()
             << "Reshape: " << llvm::toString(shape.takeError());
    FoldedTensor result = *data;
    result.shape = *shape;
    return setFoldedOutput(importer, 0, result);
  }
  // Targets that use the batch, and inputs whose dynamic dim is a multiple
  // of it (after a reshape into the batch), are resolved against the batch
  // multiples; the rest are plain reshapes.
  std::optional<FoldedTensor> target = getFoldedInput(importer, 1);
  FailureOr<int64_t> allowZero = importer.getIntAttr("allowzero", 0);
  if (failed(allowZero))
    return failure();
  if (!target || target->isFloat() || *allowZero != 0)
    return importReshape(importer);
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  int64_t multiple = getBatchMultiple(*input).value_or(1);
  if (!target->hasSymbolic() && multiple == 1)
    return importReshape(importer);
  auto inputType = cast<RankedTensorType>(input->getType());
  FailureOr<SmallVector<int64_t>> shape = resolveBatchReshape(
      importer, *target, inputType.getShape(), multiple);
  if (failed(shape))
    return failure();
  FailureOr<Value> result = importer.create<rect::ReshapeOp>(
      RankedTensorType::get(*shape, inputType.getElementType()), *input);
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}
