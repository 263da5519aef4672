//===- ShapeOps.cpp - Reshape, Flatten, Transpose, copies and constants ---===//

#include "OpImporters.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/ShapeHelpers.h"
#include "rectify/Import/ONNX/TensorImport.h"

#include <numeric>

using namespace mlir;
using namespace rectify;

LogicalResult rectify::importIdentity(NodeImporter &importer) {
  return importer.aliasOutput(0, 0);
}

/// The value of Dropout's constant BOOL `training_mode` input.
static FailureOr<bool> isTrainingMode(NodeImporter &importer) {
  const onnx::TensorProto *mode = importer.getConstantInput(2);
  if (!mode) {
    importer.emitError() << "Dropout training_mode must be a constant";
    return failure();
  }
  if (mode->data_type() != onnx::TensorProto::BOOL) {
    FailureOr<SmallVector<int64_t>> values =
        importer.getConstantInts(2, "training_mode");
    if (failed(values))
      return failure();
    return llvm::any_of(*values, [](int64_t v) { return v != 0; });
  }
  if (mode->has_raw_data())
    return llvm::any_of(mode->raw_data(), [](char c) { return c != 0; });
  return llvm::any_of(mode->int32_data(), [](int32_t v) { return v != 0; });
}

LogicalResult rectify::importDropout(NodeImporter &importer) {
  // Inference only: the output is the input. From opset 12 the mode is an
  // input, which must then be a constant false.
  if (importer.getOpset() >= 12 && importer.hasInput(2)) {
    FailureOr<bool> training = isTrainingMode(importer);
    if (failed(training))
      return failure();
    if (*training)
      return importer.emitError()
             << "Dropout in training mode is not supported";
  }
  if (importer.isOutputUsed(1))
    return importer.emitError()
           << "the mask output '" << importer.getNode().output(1)
           << "' of Dropout is used; only inference Dropout (mask unused) is "
              "supported";
  return importer.aliasOutput(0, 0);
}

/// A 1-element or 1-D tensor named `name` built from `values`.
template <typename T>
static onnx::TensorProto makeTensor(StringRef name,
                                    onnx::TensorProto::DataType type,
                                    ArrayRef<T> values, bool isScalar) {
  onnx::TensorProto tensor;
  tensor.set_name(name.str());
  tensor.set_data_type(type);
  if (!isScalar)
    tensor.add_dims(values.size());
  tensor.set_raw_data(std::string(reinterpret_cast<const char *>(values.data()),
                                  values.size() * sizeof(T)));
  return tensor;
}

LogicalResult rectify::importConstant(NodeImporter &importer) {
  const onnx::NodeProto &node = importer.getNode();
  if (node.attribute_size() != 1)
    return importer.emitError()
           << "Constant must have exactly one value attribute, got "
           << node.attribute_size();
  const onnx::AttributeProto &attr = node.attribute(0);
  StringRef name = attr.name();
  StringRef output = node.output_size() ? StringRef(node.output(0)) : "";
  const NodeAttributes &attrs = importer.getAttributes();
  if (name == "value") {
    llvm::Expected<const onnx::TensorProto *> tensor = attrs.getTensor(name);
    if (!tensor)
      return importer.emitError()
             << "Constant: " << llvm::toString(tensor.takeError());
    onnx::TensorProto copy = **tensor;
    copy.set_name(output.str());
    return importer.setConstantOutput(0, std::move(copy));
  }
  if (name == "value_float" || name == "value_int") {
    if (name == "value_float") {
      FailureOr<float> value = importer.getFloatAttr(name, 0.0f);
      if (failed(value))
        return failure();
      return importer.setConstantOutput(
          0, makeTensor<float>(output, onnx::TensorProto::FLOAT, *value,
                               /*isScalar=*/true));
    }
    FailureOr<int64_t> value = importer.getIntAttr(name, 0);
    if (failed(value))
      return failure();
    return importer.setConstantOutput(
        0, makeTensor<int64_t>(output, onnx::TensorProto::INT64, *value,
                               /*isScalar=*/true));
  }
  if (name == "value_floats") {
    llvm::Expected<SmallVector<float>> values = attrs.getFloats(name);
    if (!values)
      return importer.emitError()
             << "Constant: " << llvm::toString(values.takeError());
    return importer.setConstantOutput(
        0, makeTensor<float>(output, onnx::TensorProto::FLOAT, *values,
                             /*isScalar=*/false));
  }
  if (name == "value_ints") {
    FailureOr<SmallVector<int64_t>> values = importer.getIntsAttr(name);
    if (failed(values))
      return failure();
    return importer.setConstantOutput(
        0, makeTensor<int64_t>(output, onnx::TensorProto::INT64, *values,
                               /*isScalar=*/false));
  }
  return importer.emitError() << "Constant with attribute '" << name
                              << "' is not supported (value, value_float(s) "
                                 "and value_int(s) are)";
}

LogicalResult rectify::importReshape(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<SmallVector<int64_t>> requested =
      importer.getOpset() >= 5 ? importer.getConstantInts(1, "the shape")
                               : importer.getIntsAttr("shape");
  if (failed(requested))
    return failure();
  FailureOr<int64_t> allowZero = importer.getOpset() >= 14
                                     ? importer.getIntAttr("allowzero", 0)
                                     : FailureOr<int64_t>(0);
  if (failed(allowZero))
    return failure();
  auto inputType = cast<RankedTensorType>(input->getType());
  llvm::Expected<SmallVector<int64_t>> shape =
      computeReshapeShape(inputType.getShape(), *requested, *allowZero != 0);
  if (!shape)
    return importer.emitError()
           << "Reshape: " << llvm::toString(shape.takeError());
  FailureOr<Value> result = importer.create<rect::ReshapeOp>(
      RankedTensorType::get(*shape, inputType.getElementType()), *input);
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

LogicalResult rectify::importFlatten(NodeImporter &importer) {
  FailureOr<int64_t> axis = importer.getIntAttr("axis", 1);
  if (failed(axis))
    return failure();
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<Value> result = importer.create<rect::FlattenOp>(
      input->getType(), *input, importer.getBuilder().getI64IntegerAttr(*axis));
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

LogicalResult rectify::importTranspose(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  int64_t rank = cast<RankedTensorType>(input->getType()).getRank();
  // The default permutation reverses the dimensions.
  SmallVector<int64_t> reversed(rank);
  std::iota(reversed.rbegin(), reversed.rend(), 0);
  FailureOr<SmallVector<int64_t>> perm = importer.getIntsAttr("perm", reversed);
  if (failed(perm))
    return failure();
  FailureOr<Value> result = importer.create<rect::TransposeOp>(
      input->getType(), *input,
      importer.getBuilder().getDenseI64ArrayAttr(*perm));
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}
