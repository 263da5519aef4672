//===- TensorImport.h - ONNX tensors to MLIR attributes ---------*- C++ -*-===//
//
// Converts onnx::TensorProto contents (raw_data, typed fields or external data
// files) into MLIR elements attributes. Tensors of more than one element become
// `dense_resource` blobs filled with one copy of the bytes, so importing large
// weights costs a memcpy, not one attribute per element.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_IMPORT_ONNX_TENSORIMPORT_H
#define RECTIFY_IMPORT_ONNX_TENSORIMPORT_H

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include "onnx/onnx_pb.h"

namespace rectify {

/// Tensors with at most this many elements become DenseElementsAttr; larger
/// ones become dense_resource blobs.
constexpr int64_t kMaxDenseConstantElements = 1;

/// The MLIR element type of an ONNX tensor data type (FLOAT, INT64, INT32 are
/// supported), or an error naming the type.
llvm::Expected<mlir::Type> getElementType(mlir::MLIRContext *context,
                                          int32_t onnxDataType);

/// The ranked tensor type of `tensor`.
llvm::Expected<mlir::RankedTensorType>
getTensorType(mlir::MLIRContext *context, const onnx::TensorProto &tensor);

/// Converts `tensor` into an elements attribute. External data is read
/// relative to `modelDir`.
llvm::Expected<mlir::ElementsAttr> importTensor(mlir::MLIRContext *context,
                                                const onnx::TensorProto &tensor,
                                                llvm::StringRef modelDir);

/// The values of an integer (INT64 or INT32) tensor, e.g. a Reshape shape.
llvm::Expected<llvm::SmallVector<int64_t>>
readIntTensor(const onnx::TensorProto &tensor, llvm::StringRef modelDir);

/// The values of a FLOAT tensor, e.g. a Clip bound.
llvm::Expected<llvm::SmallVector<float>>
readFloatTensor(const onnx::TensorProto &tensor, llvm::StringRef modelDir);

/// A resource key for a tensor name: characters other than letters, digits,
/// '_' and '.' become '_', and a leading digit gets a '_' in front.
std::string sanitizeResourceName(llvm::StringRef name);

} // namespace rectify

#endif // RECTIFY_IMPORT_ONNX_TENSORIMPORT_H
