//===- NodeAttributes.cpp - Typed access to ONNX node attributes ----------===//

#include "rectify/Import/ONNX/NodeAttributes.h"

#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using AttrType = onnx::AttributeProto;

onnx::AttributeProto::AttributeType
rectify::getAttributeType(const onnx::AttributeProto &attr) {
  if (attr.type() != AttrType::UNDEFINED)
    return attr.type();
  // IR version 1 models leave `type` unset: infer it from the populated field.
  if (attr.has_f())
    return AttrType::FLOAT;
  if (attr.has_i())
    return AttrType::INT;
  if (attr.has_s())
    return AttrType::STRING;
  if (attr.has_t())
    return AttrType::TENSOR;
  if (attr.has_g())
    return AttrType::GRAPH;
  if (attr.floats_size())
    return AttrType::FLOATS;
  if (attr.ints_size())
    return AttrType::INTS;
  if (attr.strings_size())
    return AttrType::STRINGS;
  return AttrType::UNDEFINED;
}

static StringRef typeName(onnx::AttributeProto::AttributeType type) {
  switch (type) {
  case AttrType::FLOAT:
    return "float";
  case AttrType::INT:
    return "int";
  case AttrType::STRING:
    return "string";
  case AttrType::TENSOR:
    return "tensor";
  case AttrType::GRAPH:
    return "graph";
  case AttrType::FLOATS:
    return "floats";
  case AttrType::INTS:
    return "ints";
  case AttrType::STRINGS:
    return "strings";
  default:
    return "other";
  }
}

const onnx::AttributeProto *
rectify::NodeAttributes::find(StringRef name) const {
  for (const onnx::AttributeProto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

Error rectify::NodeAttributes::typeError(const onnx::AttributeProto &attr,
                                         StringRef expected) const {
  return createStringError(
      inconvertibleErrorCode(),
      formatv("attribute '{0}' must be of type {1}, got {2}", attr.name(),
              expected, typeName(getAttributeType(attr))));
}

Expected<float> rectify::NodeAttributes::getFloat(StringRef name,
                                                  float defaultValue) const {
  const onnx::AttributeProto *attr = find(name);
  if (!attr)
    return defaultValue;
  AttrType::AttributeType type = getAttributeType(*attr);
  if (type == AttrType::FLOAT)
    return attr->f();
  // Some exporters write integral values as INT; accept them.
  if (type == AttrType::INT)
    return static_cast<float>(attr->i());
  return typeError(*attr, "float");
}

Expected<int64_t> rectify::NodeAttributes::getInt(StringRef name,
                                                  int64_t defaultValue) const {
  const onnx::AttributeProto *attr = find(name);
  if (!attr)
    return defaultValue;
  if (getAttributeType(*attr) != AttrType::INT)
    return typeError(*attr, "int");
  return attr->i();
}

Expected<std::string>
rectify::NodeAttributes::getString(StringRef name,
                                   StringRef defaultValue) const {
  const onnx::AttributeProto *attr = find(name);
  if (!attr)
    return defaultValue.str();
  if (getAttributeType(*attr) != AttrType::STRING)
    return typeError(*attr, "string");
  return attr->s();
}

Expected<SmallVector<int64_t>>
rectify::NodeAttributes::getInts(StringRef name,
                                 ArrayRef<int64_t> defaultValue) const {
  const onnx::AttributeProto *attr = find(name);
  if (!attr)
    return SmallVector<int64_t>(defaultValue);
  if (getAttributeType(*attr) != AttrType::INTS &&
      getAttributeType(*attr) != AttrType::UNDEFINED)
    return typeError(*attr, "ints");
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

Expected<SmallVector<float>>
rectify::NodeAttributes::getFloats(StringRef name,
                                   ArrayRef<float> defaultValue) const {
  const onnx::AttributeProto *attr = find(name);
  if (!attr)
    return SmallVector<float>(defaultValue);
  if (getAttributeType(*attr) != AttrType::FLOATS &&
      getAttributeType(*attr) != AttrType::UNDEFINED)
    return typeError(*attr, "floats");
  return SmallVector<float>(attr->floats().begin(), attr->floats().end());
}

Expected<const onnx::TensorProto *>
rectify::NodeAttributes::getTensor(StringRef name) const {
  const onnx::AttributeProto *attr = find(name);
  if (!attr)
    return createStringError(inconvertibleErrorCode(),
                             formatv("attribute '{0}' is missing", name));
  if (getAttributeType(*attr) != AttrType::TENSOR)
    return typeError(*attr, "tensor");
  return &attr->t();
}
