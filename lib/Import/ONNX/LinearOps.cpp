//===- LinearOps.cpp - MatMul and Gemm ------------------------------------===//
//
// MatMul is imported as rect.matmul. Gemm, Y = alpha * A' * B' + beta * C with
// A' = transA ? A^T : A and B' = transB ? B^T : B, becomes
//
//   rect.linear(A', W, bias)      with W = transB ? B : B^T   ([N, K])
//
// where alpha scales W (rect.mul by a scalar, which folds into a constant W),
// beta * C is the bias when C broadcasts along N, and otherwise is added to
// the result with rect.add. Transposes of constants are left to the folders.
//
//===----------------------------------------------------------------------===//

#include "OpImporters.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/InputShapes.h"
#include "rectify/Import/ONNX/ShapeHelpers.h"

using namespace mlir;
using namespace rectify;

LogicalResult rectify::importMatMul(NodeImporter &importer) {
  FailureOr<Value> lhs = importer.getInput(0);
  if (failed(lhs))
    return failure();
  FailureOr<Value> rhs = importer.getInput(1);
  if (failed(rhs))
    return failure();
  FailureOr<Value> result =
      importer.create<rect::MatMulOp>(lhs->getType(), *lhs, *rhs);
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

static FailureOr<Value> transpose2D(NodeImporter &importer, Value value) {
  return importer.create<rect::TransposeOp>(
      value.getType(), value,
      importer.getBuilder().getDenseI64ArrayAttr({1, 0}));
}

static FailureOr<Value> scale(NodeImporter &importer, Value value,
                              float factor) {
  if (factor == 1.0f)
    return value;
  return importer.create<rect::MulOp>(value.getType(), value,
                                      importer.createScalar(factor));
}

static RankedTensorType rankedType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

LogicalResult rectify::importGemm(NodeImporter &importer) {
  FailureOr<int64_t> transA = importer.getIntAttr("transA", 0);
  FailureOr<int64_t> transB = importer.getIntAttr("transB", 0);
  FailureOr<float> alpha = importer.getFloatAttr("alpha", 1.0f);
  FailureOr<float> beta = importer.getFloatAttr("beta", 1.0f);
  if (failed(transA) || failed(transB) || failed(alpha) || failed(beta))
    return failure();
  FailureOr<Value> a = importer.getInput(0);
  if (failed(a))
    return failure();
  FailureOr<Value> b = importer.getInput(1);
  if (failed(b))
    return failure();
  if (rankedType(*a).getRank() != 2 || rankedType(*b).getRank() != 2)
    return importer.emitError()
           << "Gemm needs 2-D A and B, got A of shape ["
           << formatShape(rankedType(*a).getShape()) << "] and B of shape ["
           << formatShape(rankedType(*b).getShape()) << "]";

  FailureOr<Value> x = *transA ? transpose2D(importer, *a) : *a;
  if (failed(x))
    return failure();
  FailureOr<Value> weight = *transB ? *b : transpose2D(importer, *b);
  if (failed(weight))
    return failure();
  weight = scale(importer, *weight, *alpha);
  if (failed(weight))
    return failure();

  int64_t m = rankedType(*x).getDimSize(0);
  int64_t n = rankedType(*weight).getDimSize(0);
  Value bias, addend;
  if (importer.hasInput(2) && *beta != 0.0f) {
    FailureOr<Value> c = importer.getInput(2);
    if (failed(c))
      return failure();
    llvm::Expected<GemmBiasPlan> plan =
        classifyGemmBias(rankedType(*c).getShape(), m, n);
    if (!plan)
      return importer.emitError()
             << "Gemm: " << llvm::toString(plan.takeError());
    c = scale(importer, *c, *beta);
    if (failed(c))
      return failure();
    if (plan->kind == GemmBiasKind::Add) {
      addend = *c;
    } else if (rankedType(*c).getShape() == ArrayRef(plan->biasShape)) {
      bias = *c;
    } else {
      auto biasType = RankedTensorType::get(plan->biasShape,
                                            rankedType(*c).getElementType());
      FailureOr<Value> reshaped =
          importer.create<rect::ReshapeOp>(biasType, *c);
      if (failed(reshaped))
        return failure();
      bias = *reshaped;
    }
  }

  auto none = rect::ActivationAttr::get(importer.getContext(),
                                        rect::ActivationKind::none);
  FailureOr<Value> result = importer.create<rect::LinearOp>(
      x->getType(), *x, *weight, bias, /*slope=*/Value(), none);
  if (failed(result))
    return failure();
  if (addend) {
    result = importer.create<rect::AddOp>(result->getType(), *result, addend);
    if (failed(result))
      return failure();
  }
  return importer.setOutput(0, *result);
}
