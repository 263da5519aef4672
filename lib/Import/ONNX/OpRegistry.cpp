//===- OpRegistry.cpp - Which ONNX ops the importer supports --------------===//

#include "OpImporters.h"

using namespace rectify;

static const OpImporterEntry kImporters[] = {
    // Unary activations and math.
    {"Relu", 1, importUnary},
    {"Sigmoid", 1, importUnary},
    {"Tanh", 1, importUnary},
    {"Softplus", 1, importUnary},
    {"HardSwish", 14, importUnary},
    {"Exp", 1, importUnary},
    {"Abs", 1, importUnary},
    {"Neg", 1, importUnary},
    {"Erf", 9, importUnary},
    {"Sqrt", 1, importUnary},
    {"LeakyRelu", 1, importLeakyRelu},
    {"PRelu", 7, importPRelu},
    {"Clip", 1, importClip},
    {"Elu", 1, importElu},
    {"Selu", 1, importSelu},
    {"HardSigmoid", 1, importHardSigmoid},
    {"Gelu", 20, importGelu},
    // Binary arithmetic with numpy broadcasting (opset 7 on).
    {"Add", 7, importBinaryOrFold},
    {"Sub", 7, importBinaryOrFold},
    {"Mul", 7, importBinaryOrFold},
    {"Div", 7, importBinaryOrFold},
    {"Max", 6, importMaxMin},
    {"Min", 6, importMaxMin},
    // Linear algebra.
    {"MatMul", 1, importMatMul},
    {"Gemm", 7, importGemm},
    // Shapes, copies and constants.
    {"Identity", 1, importIdentity},
    {"Dropout", 7, importDropout},
    {"Constant", 1, importConstant},
    {"Reshape", 5, importReshapeOrFold},
    {"Flatten", 1, importFlatten},
    {"Transpose", 1, importTranspose},
    // Convolution and pooling (2-D windows).
    {"Conv", 1, importConv},
    {"ConvTranspose", 1, importConvTranspose},
    {"MaxPool", 1, importMaxPool},
    {"AveragePool", 1, importAveragePool},
    {"GlobalAveragePool", 1, importGlobalPool},
    {"GlobalMaxPool", 1, importGlobalPool},
    // Normalisation.
    {"BatchNormalization", 7, importBatchNormalization},
    {"LRN", 1, importLRN},
    {"Softmax", 1, importSoftmax},
    // Recurrent layers (SequenceOps.cpp).
    {"RNN", 7, importRNN},
    // Resampling (ResizeOps.cpp).
    {"Resize", 10, importResize},
    {"Upsample", 7, importResize},
    // Tensor manipulation, shape sub-graphs, reductions (TensorOps.cpp,
    // ShapeFolding.cpp).
    {"Concat", 4, importConcat},
    {"Split", 2, importSplit},
    {"Slice", 1, importSlice},
    {"Pad", 2, importPad},
    {"Squeeze", 1, importSqueeze},
    {"Unsqueeze", 1, importUnsqueeze},
    {"Gather", 1, importGather},
    {"Expand", 8, importExpand},
    {"Tile", 6, importTile},
    {"Where", 9, importWhere},
    {"Shape", 1, importShape},
    {"ConstantOfShape", 9, importConstantOfShape},
    {"Cast", 6, importCast},
    {"ReduceMean", 1, importReduce},
    {"ReduceSum", 1, importReduce},
    {"ReduceMax", 1, importReduce},
    {"ReduceMin", 1, importReduce},
    {"Log", 6, importMathUnary},
    {"Reciprocal", 6, importMathUnary},
    {"Pow", 7, importPow},
    {"Sum", 8, importSum},
    {"LayerNormalization", 17, importLayerNorm},
    {"LogSoftmax", 1, importLogSoftmax},
};

const OpImporterEntry *rectify::lookupOpImporter(llvm::StringRef domain,
                                                 llvm::StringRef opType,
                                                 int64_t opset) {
  if (!domain.empty() && domain != "ai.onnx")
    return nullptr;
  for (const OpImporterEntry &entry : kImporters)
    if (entry.opType == opType)
      return opset >= entry.minOpset ? &entry : nullptr;
  return nullptr;
}
