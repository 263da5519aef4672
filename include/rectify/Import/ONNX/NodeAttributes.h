//===- NodeAttributes.h - Typed access to ONNX node attributes --*- C++ -*-===//
//
// Reads the attributes of an onnx::NodeProto with their defaults, checking the
// attribute type (also for old models that leave AttributeProto.type unset).
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_IMPORT_ONNX_NODEATTRIBUTES_H
#define RECTIFY_IMPORT_ONNX_NODEATTRIBUTES_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include "onnx/onnx_pb.h"

#include <string>

namespace rectify {

class NodeAttributes {
public:
  explicit NodeAttributes(const onnx::NodeProto &node) : node(node) {}

  /// The attribute called `name`, or null.
  const onnx::AttributeProto *find(llvm::StringRef name) const;
  bool has(llvm::StringRef name) const { return find(name) != nullptr; }

  llvm::Expected<float> getFloat(llvm::StringRef name,
                                 float defaultValue) const;
  llvm::Expected<int64_t> getInt(llvm::StringRef name,
                                 int64_t defaultValue) const;
  llvm::Expected<std::string> getString(llvm::StringRef name,
                                        llvm::StringRef defaultValue) const;
  llvm::Expected<llvm::SmallVector<int64_t>>
  getInts(llvm::StringRef name,
          llvm::ArrayRef<int64_t> defaultValue = {}) const;
  llvm::Expected<llvm::SmallVector<float>>
  getFloats(llvm::StringRef name,
            llvm::ArrayRef<float> defaultValue = {}) const;
  /// The tensor of a TENSOR attribute; an error when absent.
  llvm::Expected<const onnx::TensorProto *>
  getTensor(llvm::StringRef name) const;

private:
  llvm::Error typeError(const onnx::AttributeProto &attr,
                        llvm::StringRef expected) const;
  const onnx::NodeProto &node;
};

/// The attribute's type, inferred from the populated field when the model
/// leaves `type` unset (IR version < 2).
onnx::AttributeProto::AttributeType
getAttributeType(const onnx::AttributeProto &attr);

} // namespace rectify

#endif // RECTIFY_IMPORT_ONNX_NODEATTRIBUTES_H
