//===- OpImporters.h - ONNX op importers and their registry -----*- C++ -*-===//
//
// One function per ONNX op (or family), defined in the file of its family:
// ElementwiseOps.cpp, LinearOps.cpp, ShapeOps.cpp, SoftmaxOps.cpp. The
// registry maps (op type, opset) to them.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_IMPORT_ONNX_OPIMPORTERS_H
#define RECTIFY_LIB_IMPORT_ONNX_OPIMPORTERS_H

#include "NodeImporter.h"

namespace rectify {

using OpImportFn = mlir::LogicalResult (*)(NodeImporter &);

struct OpImporterEntry {
  llvm::StringLiteral opType;
  /// The first opset of the default domain with these semantics.
  int64_t minOpset;
  OpImportFn import;
};

/// The importer of `opType` in `domain` at `opset`, or null when unsupported.
const OpImporterEntry *lookupOpImporter(llvm::StringRef domain,
                                        llvm::StringRef opType, int64_t opset);

/// The range of default-domain opsets the importer supports. Below 7 only
/// the ops whose old versions mean what the new ones do are accepted (each
/// entry's minOpset), e.g. Elu-6 or Softplus-1, but not Add-6 with its
/// `broadcast` attribute.
constexpr int64_t kMinSupportedOpset = 1;
constexpr int64_t kMaxSupportedOpset = 21;

// ElementwiseOps.cpp
mlir::LogicalResult importUnary(NodeImporter &importer);
mlir::LogicalResult importBinary(NodeImporter &importer);
mlir::LogicalResult importMaxMin(NodeImporter &importer);
mlir::LogicalResult importLeakyRelu(NodeImporter &importer);
mlir::LogicalResult importPRelu(NodeImporter &importer);
mlir::LogicalResult importClip(NodeImporter &importer);
mlir::LogicalResult importElu(NodeImporter &importer);
mlir::LogicalResult importSelu(NodeImporter &importer);
mlir::LogicalResult importHardSigmoid(NodeImporter &importer);
mlir::LogicalResult importGelu(NodeImporter &importer);

// LinearOps.cpp
mlir::LogicalResult importMatMul(NodeImporter &importer);
mlir::LogicalResult importGemm(NodeImporter &importer);

// ShapeOps.cpp
mlir::LogicalResult importIdentity(NodeImporter &importer);
mlir::LogicalResult importDropout(NodeImporter &importer);
mlir::LogicalResult importConstant(NodeImporter &importer);
mlir::LogicalResult importReshape(NodeImporter &importer);
mlir::LogicalResult importFlatten(NodeImporter &importer);
mlir::LogicalResult importTranspose(NodeImporter &importer);

// ConvOps.cpp
mlir::LogicalResult importConv(NodeImporter &importer);
mlir::LogicalResult importConvTranspose(NodeImporter &importer);
mlir::LogicalResult importBatchNormalization(NodeImporter &importer);
mlir::LogicalResult importLRN(NodeImporter &importer);
mlir::LogicalResult importMaxPool(NodeImporter &importer);
mlir::LogicalResult importAveragePool(NodeImporter &importer);
/// GlobalAveragePool and GlobalMaxPool.
mlir::LogicalResult importGlobalPool(NodeImporter &importer);

// SoftmaxOps.cpp
mlir::LogicalResult importSoftmax(NodeImporter &importer);

// SequenceOps.cpp
mlir::LogicalResult importRNN(NodeImporter &importer);

// ResizeOps.cpp
/// Resize and Upsample.
mlir::LogicalResult importResize(NodeImporter &importer);

// TensorOps.cpp
mlir::LogicalResult importConcat(NodeImporter &importer);
mlir::LogicalResult importSplit(NodeImporter &importer);
mlir::LogicalResult importSlice(NodeImporter &importer);
mlir::LogicalResult importPad(NodeImporter &importer);
mlir::LogicalResult importSqueeze(NodeImporter &importer);
mlir::LogicalResult importUnsqueeze(NodeImporter &importer);
mlir::LogicalResult importGather(NodeImporter &importer);
mlir::LogicalResult importExpand(NodeImporter &importer);
mlir::LogicalResult importTile(NodeImporter &importer);
mlir::LogicalResult importWhere(NodeImporter &importer);
mlir::LogicalResult importReduce(NodeImporter &importer);
mlir::LogicalResult importMathUnary(NodeImporter &importer);
mlir::LogicalResult importPow(NodeImporter &importer);
mlir::LogicalResult importSum(NodeImporter &importer);
mlir::LogicalResult importLayerNorm(NodeImporter &importer);
mlir::LogicalResult importLogSoftmax(NodeImporter &importer);

// ShapeFolding.cpp
mlir::LogicalResult importShape(NodeImporter &importer);
mlir::LogicalResult importConstantOfShape(NodeImporter &importer);
mlir::LogicalResult importCast(NodeImporter &importer);
/// Add/Sub/Mul/Div: folded when both inputs are integer constants.
mlir::LogicalResult importBinaryOrFold(NodeImporter &importer);
/// Reshape: folded for integer constants; targets using the dynamic batch.
mlir::LogicalResult importReshapeOrFold(NodeImporter &importer);

} // namespace rectify

#endif // RECTIFY_LIB_IMPORT_ONNX_OPIMPORTERS_H
