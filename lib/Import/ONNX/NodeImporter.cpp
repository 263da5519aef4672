//===- NodeImporter.cpp - Per-node import API -----------------------------===//

#include "NodeImporter.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/TensorImport.h"

#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace rectify;

//===----------------------------------------------------------------------===//
// ValueTable
//===----------------------------------------------------------------------===//

const ValueTable::Entry *ValueTable::lookup(StringRef name) const {
  auto it = entries.find(name);
  return it == entries.end() ? nullptr : &it->second;
}

bool ValueTable::define(StringRef name, Entry entry) {
  return entries.try_emplace(name, entry).second;
}

const onnx::TensorProto *ValueTable::own(onnx::TensorProto tensor) {
  ownedTensors.push_back(std::move(tensor));
  return &ownedTensors.back();
}

Location ValueTable::getNameLoc(StringRef name) const {
  return NameLoc::get(StringAttr::get(&context, name),
                      FileLineColLoc::get(&context, modelPath, 0, 0));
}

FailureOr<Value> ValueTable::materialize(StringRef name, OpBuilder &builder,
                                         Location useLoc) {
  auto it = entries.find(name);
  if (it == entries.end()) {
    emitError(useLoc) << "input '" << name
                      << "' is not defined by any earlier node, initializer "
                         "or graph input";
    return failure();
  }
  Entry &entry = it->second;
  if (entry.value)
    return entry.value;
  llvm::Expected<ElementsAttr> attr =
      importTensor(&context, *entry.constant, modelDir);
  if (!attr) {
    emitError(useLoc) << llvm::toString(attr.takeError());
    return failure();
  }
  // Constants go at the top of the function so every later use sees them,
  // in the order of first use.
  OpBuilder::InsertionGuard guard(builder);
  if (lastConstant)
    builder.setInsertionPointAfter(lastConstant);
  else
    builder.setInsertionPointToStart(builder.getInsertionBlock());
  auto constant = rect::ConstantOp::create(builder, getNameLoc(name),
                                           attr->getType(), *attr);
  lastConstant = constant;
  entry.value = constant;
  return entry.value;
}

//===----------------------------------------------------------------------===//
// NodeImporter
//===----------------------------------------------------------------------===//

template <typename T>
FailureOr<T> NodeImporter::unwrap(llvm::Expected<T> value) {
  if (value)
    return std::move(*value);
  emitError() << node.op_type() << ": " << llvm::toString(value.takeError());
  return failure();
}

bool NodeImporter::hasInput(unsigned index) const {
  return index < static_cast<unsigned>(node.input_size()) &&
         !node.input(index).empty();
}

FailureOr<Value> NodeImporter::getInput(unsigned index) {
  if (!hasInput(index)) {
    emitError() << node.op_type() << " needs input " << index;
    return failure();
  }
  FailureOr<Value> value = values.materialize(node.input(index), builder, loc);
  if (failed(value))
    return failure();
  auto type = dyn_cast<RankedTensorType>(value->getType());
  if (!type || !type.getElementType().isF32()) {
    emitError() << node.op_type() << " input '" << node.input(index)
                << "' has type " << value->getType()
                << "; only float32 tensors are supported as data";
    return failure();
  }
  return value;
}

const onnx::TensorProto *NodeImporter::getConstantInput(unsigned index) const {
  if (!hasInput(index))
    return nullptr;
  const ValueTable::Entry *entry = values.lookup(node.input(index));
  return entry ? entry->constant : nullptr;
}

FailureOr<SmallVector<int64_t>> NodeImporter::getConstantInts(unsigned index,
                                                              StringRef what) {
  const onnx::TensorProto *tensor = getConstantInput(index);
  if (!tensor) {
    emitError() << node.op_type() << ": " << what << " (input '"
                << (hasInput(index) ? node.input(index) : std::string())
                << "') must be a constant (an initializer or a Constant "
                   "node)";
    return failure();
  }
  return unwrap(readIntTensor(*tensor, values.getModelDir()));
}

FailureOr<SmallVector<float>> NodeImporter::getConstantFloats(unsigned index,
                                                              StringRef what) {
  const onnx::TensorProto *tensor = getConstantInput(index);
  if (!tensor) {
    emitError() << node.op_type() << ": " << what << " (input '"
                << (hasInput(index) ? node.input(index) : std::string())
                << "') must be a constant (an initializer or a Constant "
                   "node)";
    return failure();
  }
  return unwrap(readFloatTensor(*tensor, values.getModelDir()));
}

FailureOr<float> NodeImporter::getFloatAttr(StringRef name, float dflt) {
  return unwrap(attrs.getFloat(name, dflt));
}

FailureOr<int64_t> NodeImporter::getIntAttr(StringRef name, int64_t dflt) {
  return unwrap(attrs.getInt(name, dflt));
}

FailureOr<std::string> NodeImporter::getStringAttr(StringRef name,
                                                   StringRef dflt) {
  return unwrap(attrs.getString(name, dflt));
}

FailureOr<SmallVector<int64_t>>
NodeImporter::getIntsAttr(StringRef name, ArrayRef<int64_t> dflt) {
  return unwrap(attrs.getInts(name, dflt));
}

bool NodeImporter::isOutputUsed(unsigned index) const {
  return index < static_cast<unsigned>(node.output_size()) &&
         !node.output(index).empty() && values.isUsed(node.output(index));
}

static LogicalResult defineOutput(NodeImporter &importer, ValueTable &values,
                                  unsigned index, ValueTable::Entry entry) {
  const onnx::NodeProto &node = importer.getNode();
  if (index >= static_cast<unsigned>(node.output_size()) ||
      node.output(index).empty())
    return success();
  if (!values.define(node.output(index), entry))
    return importer.emitError()
           << "output '" << node.output(index)
           << "' is already defined by an earlier node or input";
  return success();
}

LogicalResult NodeImporter::setOutput(unsigned index, Value value) {
  return defineOutput(*this, values, index, ValueTable::Entry{value, nullptr});
}

LogicalResult NodeImporter::aliasOutput(unsigned index, unsigned inputIndex) {
  if (!hasInput(inputIndex))
    return emitError() << node.op_type() << " needs input " << inputIndex;
  const ValueTable::Entry *entry = values.lookup(node.input(inputIndex));
  if (!entry)
    return emitError() << "input '" << node.input(inputIndex)
                       << "' is not defined by any earlier node, initializer "
                          "or graph input";
  return defineOutput(*this, values, index, *entry);
}

LogicalResult NodeImporter::setConstantOutput(unsigned index,
                                              onnx::TensorProto tensor) {
  const onnx::TensorProto *owned = values.own(std::move(tensor));
  return defineOutput(*this, values, index, ValueTable::Entry{{}, owned});
}

Value NodeImporter::createScalar(float value) {
  auto type = RankedTensorType::get({}, builder.getF32Type());
  return rect::ConstantOp::create(builder, loc, type,
                                  DenseElementsAttr::get(type, value));
}

FailureOr<Value> NodeImporter::finalize(Operation *op) {
  if (auto inferrable = dyn_cast<InferTypeOpInterface>(op)) {
    SmallVector<Type> inferred;
    if (failed(inferrable.inferReturnTypes(
            op->getContext(), op->getLoc(), op->getOperands(),
            op->getRawDictionaryAttrs(), op->getPropertiesStorage(),
            op->getRegions(), inferred))) {
      op->erase();
      return failure();
    }
    for (auto [result, type] : llvm::zip(op->getResults(), inferred))
      result.setType(type);
  }
  if (failed(mlir::verify(op))) {
    op->erase();
    return failure();
  }
  return op->getResult(0);
}
