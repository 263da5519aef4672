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
    {"Add", 7, importBinary},
    {"Sub", 7, importBinary},
    {"Mul", 7, importBinary},
    {"Div", 7, importBinary},
    {"Max", 6, importMaxMin},
    {"Min", 6, importMaxMin},
    // Linear algebra.
    {"MatMul", 1, importMatMul},
    {"Gemm", 7, importGemm},
    // Shapes, copies and constants.
    {"Identity", 1, importIdentity},
    {"Dropout", 7, importDropout},
    {"Constant", 1, importConstant},
    {"Reshape", 5, importReshape},
    {"Flatten", 1, importFlatten},
    {"Transpose", 1, importTranspose},
    // Normalisation.
    {"Softmax", 1, importSoftmax},
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
