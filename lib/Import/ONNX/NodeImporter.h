//===- NodeImporter.h - Per-node import API ---------------------*- C++ -*-===//
//
// What an op importer sees of the graph: the node, its attributes and opset,
// its inputs as SSA values or known constants, and a way to define its
// outputs. Ops are built through `create`, which lets the rect op's own type
// inference and verifier decide the result type and report errors at the
// node's location.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_IMPORT_ONNX_NODEIMPORTER_H
#define RECTIFY_LIB_IMPORT_ONNX_NODEIMPORTER_H

#include "rectify/Import/ONNX/NodeAttributes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"

#include "onnx/onnx_pb.h"

#include <deque>

namespace rectify {

/// The tensors of the graph by ONNX name: SSA values, and constants
/// (initializers, Constant nodes) that are materialised as rect.constant on
/// first use as data.
class ValueTable {
public:
  struct Entry {
    mlir::Value value;
    const onnx::TensorProto *constant = nullptr;
  };

  ValueTable(mlir::MLIRContext &context, llvm::StringRef modelPath,
             llvm::StringRef modelDir)
      : context(context), modelPath(modelPath.str()), modelDir(modelDir.str()) {
  }

  const Entry *lookup(llvm::StringRef name) const;
  /// Defines `name`; false when it is already defined.
  bool define(llvm::StringRef name, Entry entry);
  /// Keeps `tensor` alive for the table's lifetime (Constant node values).
  const onnx::TensorProto *own(onnx::TensorProto tensor);

  /// The value of `name`, creating its rect.constant when it is a constant
  /// not yet used as data. Errors are emitted at `useLoc`.
  mlir::FailureOr<mlir::Value> materialize(llvm::StringRef name,
                                           mlir::OpBuilder &builder,
                                           mlir::Location useLoc);

  /// Marks `name` as read by a node or a graph output.
  void addUse(llvm::StringRef name) { ++uses[name]; }
  bool isUsed(llvm::StringRef name) const { return uses.count(name) != 0; }

  llvm::StringRef getModelDir() const { return modelDir; }
  /// The location of a named tensor or node inside the model file.
  mlir::Location getNameLoc(llvm::StringRef name) const;

private:
  mlir::MLIRContext &context;
  std::string modelPath, modelDir;
  llvm::StringMap<Entry> entries;
  llvm::StringMap<unsigned> uses;
  std::deque<onnx::TensorProto> ownedTensors;
  /// The last rect.constant created at the top of the function.
  mlir::Operation *lastConstant = nullptr;
};

class NodeImporter {
public:
  NodeImporter(const onnx::NodeProto &node, int64_t opset, mlir::Location loc,
               mlir::OpBuilder &builder, ValueTable &values)
      : node(node), attrs(node), opset(opset), loc(loc), builder(builder),
        values(values) {}

  const onnx::NodeProto &getNode() const { return node; }
  int64_t getOpset() const { return opset; }
  mlir::Location getLoc() const { return loc; }
  mlir::OpBuilder &getBuilder() { return builder; }
  mlir::MLIRContext *getContext() { return builder.getContext(); }

  mlir::InFlightDiagnostic emitError() { return mlir::emitError(loc); }

  /// True when input `index` is given (present and not the empty name).
  bool hasInput(unsigned index) const;
  unsigned getNumInputs() const { return node.input_size(); }
  /// Input `index` as a float32 tensor value; an error when absent or of
  /// another element type.
  mlir::FailureOr<mlir::Value> getInput(unsigned index);
  /// Input `index` when it is a known constant, else null.
  const onnx::TensorProto *getConstantInput(unsigned index) const;
  /// The values of constant integer input `index` (`what` names it in errors).
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  getConstantInts(unsigned index, llvm::StringRef what);
  /// The values of constant float input `index`.
  mlir::FailureOr<llvm::SmallVector<float>>
  getConstantFloats(unsigned index, llvm::StringRef what);

  /// Attributes with defaults; a wrongly typed attribute is an error.
  mlir::FailureOr<float> getFloatAttr(llvm::StringRef name, float dflt);
  mlir::FailureOr<int64_t> getIntAttr(llvm::StringRef name, int64_t dflt);
  mlir::FailureOr<std::string> getStringAttr(llvm::StringRef name,
                                             llvm::StringRef dflt);
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  getIntsAttr(llvm::StringRef name, llvm::ArrayRef<int64_t> dflt = {});
  const NodeAttributes &getAttributes() const { return attrs; }

  /// True when output `index` exists and something reads it.
  bool isOutputUsed(unsigned index) const;
  /// Defines output `index` as `value`.
  mlir::LogicalResult setOutput(unsigned index, mlir::Value value);
  /// Defines output `index` as another name's entry (Identity, Dropout).
  mlir::LogicalResult aliasOutput(unsigned index, unsigned inputIndex);
  /// Defines output `index` as the constant `tensor`.
  mlir::LogicalResult setConstantOutput(unsigned index,
                                        onnx::TensorProto tensor);

  /// A scalar f32 rect.constant.
  mlir::Value createScalar(float value);

  /// Creates an OpTy whose result type comes from the op's own inference
  /// when it has one (`resultType` is then only a placeholder), then verifies
  /// it. Failures have been reported at the node's location.
  template <typename OpTy, typename... Args>
  mlir::FailureOr<mlir::Value> create(mlir::Type resultType, Args &&...args) {
    auto op =
        OpTy::create(builder, loc, resultType, std::forward<Args>(args)...);
    return finalize(op.getOperation());
  }

private:
  mlir::FailureOr<mlir::Value> finalize(mlir::Operation *op);
  template <typename T> mlir::FailureOr<T> unwrap(llvm::Expected<T> value);

  const onnx::NodeProto &node;
  NodeAttributes attrs;
  int64_t opset;
  mlir::Location loc;
  mlir::OpBuilder &builder;
  ValueTable &values;
};

} // namespace rectify

#endif // RECTIFY_LIB_IMPORT_ONNX_NODEIMPORTER_H
