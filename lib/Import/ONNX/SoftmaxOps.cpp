//===- SoftmaxOps.cpp - Softmax -------------------------------------------===//
//
// From opset 13 Softmax normalises along one axis (default -1). Before, it
// flattens the input to 2-D at `axis` (default 1) and normalises each row of
// the flattened trailing part: imported as reshape + softmax + reshape, or a
// plain softmax when the trailing part is the last dimension alone.
//
//===----------------------------------------------------------------------===//

#include "OpImporters.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/ShapeHelpers.h"

using namespace mlir;
using namespace rectify;

LogicalResult rectify::importSoftmax(NodeImporter &importer) {
  bool perAxis = importer.getOpset() >= 13;
  FailureOr<int64_t> axis = importer.getIntAttr("axis", perAxis ? -1 : 1);
  if (failed(axis))
    return failure();
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  auto inputType = cast<RankedTensorType>(input->getType());
  Builder &b = importer.getBuilder();
  int64_t rank = inputType.getRank();
  int64_t normalized = *axis < 0 ? *axis + rank : *axis;

  if (perAxis || normalized == rank - 1) {
    FailureOr<Value> result = importer.create<rect::SoftmaxOp>(
        inputType, *input, b.getI64IntegerAttr(perAxis ? *axis : normalized));
    if (failed(result))
      return failure();
    return importer.setOutput(0, *result);
  }

  llvm::Expected<SmallVector<int64_t>> flatShape =
      computeFlattenShape(inputType.getShape(), *axis);
  if (!flatShape)
    return importer.emitError()
           << "Softmax: " << llvm::toString(flatShape.takeError());
  auto flatType = RankedTensorType::get(*flatShape, inputType.getElementType());
  FailureOr<Value> flat = importer.create<rect::ReshapeOp>(flatType, *input);
  if (failed(flat))
    return failure();
  FailureOr<Value> softmax =
      importer.create<rect::SoftmaxOp>(flatType, *flat, b.getI64IntegerAttr(1));
  if (failed(softmax))
    return failure();
  FailureOr<Value> result =
      importer.create<rect::ReshapeOp>(inputType, *softmax);
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}
