//===- BatchShapes.cpp - Shapes that depend on the dynamic batch ----------===//
//
// A value's dynamic dim is a multiple `k * batch` of the graph's dynamic
// batch: 1 for a graph input, changed only by reshapes, which regroup the
// static and dynamic factors, and by rect.fill's multiple. Knowing k lets Shape report the right batch
// multiple and lets a Reshape move or split the batch (e.g. [8 * batch, 32]
// back to [8, batch, 32]): the target's batch entry and its -1 / 0 entries
// are resolved against the static element counts.
//
//===----------------------------------------------------------------------===//

#include "ShapeFolding.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/ShapeHelpers.h"

#include <numeric>

using namespace mlir;
using namespace rectify;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

/// The product of the static sizes of `shape`.
static int64_t staticProduct(ArrayRef<int64_t> shape) {
  int64_t product = 1;
  for (int64_t d : shape)
    if (d != kDynamic)
      product *= d;
  return product;
}

/// The one dynamic dim of `value`'s type, or -1.
static int64_t singleDynamicDim(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getNumDynamicDims() != 1)
    return -1;
  for (int64_t d = 0, e = type.getRank(); d < e; ++d)
    if (type.isDynamicDim(d))
      return d;
  return -1;
}

std::optional<int64_t> rectify::getBatchMultiple(Value value) {
  // k(value) = num / den * k(graph input), and k(graph input) = 1.
  int64_t num = 1, den = 1;
  while (Operation *op = value.getDefiningOp()) {
    int64_t dim = singleDynamicDim(value);
    if (dim < 0)
      return std::nullopt;
    if (isa<rect::ReshapeOp, rect::FlattenOp>(op)) {
      Value input = op->getOperand(0);
      if (singleDynamicDim(input) < 0)
        return std::nullopt;
      // static(input) * k(input) = static(value) * k(value).
      num *= staticProduct(cast<RankedTensorType>(input.getType()).getShape());
      den *= staticProduct(cast<RankedTensorType>(value.getType()).getShape());
      int64_t g = std::gcd(num, den);
      num /= g;
      den /= g;
      value = input;
      continue;
    }
    // A fill is `multiple` times as long as its source's dynamic dim.
    if (auto fill = dyn_cast<rect::FillOp>(op)) {
      num *= static_cast<int64_t>(fill.getMultiple());
      value = fill.getSource();
      continue;
    }
    // Concatenating along the dynamic dim adds sizes up.
    if (auto concat = dyn_cast<rect::ConcatOp>(op))
      if (static_cast<int64_t>(concat.getAxis()) == dim)
        return std::nullopt;
    // Every other rect op keeps the size of the dynamic dim it reads.
    auto dynamicOperand = llvm::find_if(op->getOperands(), [](Value v) {
      return singleDynamicDim(v) >= 0;
    });
    if (dynamicOperand == op->getOperands().end())
      return std::nullopt;
    value = *dynamicOperand;
  }
  if (singleDynamicDim(value) < 0 || num % den != 0)
    return std::nullopt;
  return num / den;
}

FailureOr<SmallVector<int64_t>>
rectify::resolveBatchReshape(NodeImporter &importer, const FoldedTensor &target,
                             ArrayRef<int64_t> inputShape,
                             int64_t inputMultiple) {
  auto fail = [&]() {
    InFlightDiagnostic diag = importer.emitError();
    diag << importer.getNode().op_type() << ": cannot reshape "
         << rect::formatShape(inputShape) << " to [";
    for (int64_t i = 0, e = target.ints.size(); i < e; ++i)
      diag << (i ? "x" : "")
           << (target.isSymbolic(i) ? std::to_string(target.batch[i]) + "*batch"
                                    : std::to_string(target.ints[i]));
    diag << "]: ";
    return diag;
  };
  int64_t inputStatic = staticProduct(inputShape);
  int64_t inputDynamic = llvm::count(inputShape, kDynamic);
  if (inputDynamic > 1)
    return fail() << "the input has more than one dynamic dimension";
  SmallVector<int64_t> shape;
  int64_t batchAt = -1, coefficient = 0, inferred = -1, targetStatic = 1;
  for (int64_t i = 0, e = target.ints.size(); i < e; ++i) {
    int64_t c = target.isSymbolic(i) ? target.batch[i] : 0;
    int64_t size = target.ints[i];
    if (c == 0 && size == 0) {
      // 0 copies the input's dim (allowzero is 0 in exported models).
      if (i >= static_cast<int64_t>(inputShape.size()))
        return fail() << "entry " << i << " copies a dim the input lacks";
      if (inputShape[i] == kDynamic)
        c = inputMultiple;
      else
        size = inputShape[i];
    }
    if (c != 0) {
      if (batchAt >= 0)
        return fail() << "the batch appears in more than one entry";
      batchAt = i;
      coefficient = c;
      shape.push_back(kDynamic);
      continue;
    }
    if (size == -1) {
      if (inferred >= 0)
        return fail() << "more than one -1 entry";
      inferred = i;
      shape.push_back(kDynamic);
      continue;
    }
    if (size < 0)
      return fail() << "invalid entry " << size;
    targetStatic *= size;
    shape.push_back(size);
  }
  // Elements: inputStatic * (k * batch) on the input side (no batch factor
  // for a static input), targetStatic * (c * batch) * (the -1 entry) on the
  // target side.
  int64_t inputCount = inputStatic * (inputDynamic ? inputMultiple : 1);
  if (batchAt >= 0 && !inputDynamic)
    return fail() << "the target depends on the dynamic batch but the input "
                     "is static";
  if (inferred >= 0) {
    int64_t divisor = targetStatic * (batchAt >= 0 ? coefficient : 1);
    if (divisor == 0 || inputCount % divisor != 0)
      return fail() << "the -1 entry is not a whole number";
    // Without a batch entry, a dynamic input's batch goes into the -1 entry.
    if (batchAt >= 0 || !inputDynamic)
      shape[inferred] = inputCount / divisor;
    return shape;
  }
  if (batchAt < 0 && inputDynamic)
    return fail() << "the dynamic dimension has no place in it (fix it with "
                     "--input-shape)";
  if (inputCount != targetStatic * (batchAt >= 0 ? coefficient : 1))
    return fail() << "the element counts differ";
  return shape;
}

LogicalResult rectify::importBatchFill(NodeImporter &importer,
                                       const FoldedTensor &shape,
                                       double value) {
  auto fail = [&]() {
    InFlightDiagnostic diag = importer.emitError();
    diag << importer.getNode().op_type() << ": ";
    return diag;
  };
  SmallVector<int64_t> dims;
  int64_t multiple = 0;
  for (int64_t i = 0, e = shape.ints.size(); i < e; ++i) {
    if (!shape.isSymbolic(i)) {
      if (shape.ints[i] < 0)
        return fail() << "negative dimension " << shape.ints[i];
      dims.push_back(shape.ints[i]);
      continue;
    }
    if (multiple != 0 || shape.batch[i] < 1)
      return fail() << "a shape with more than one entry depending on the "
                       "dynamic batch is not supported";
    multiple = shape.batch[i];
    dims.push_back(kDynamic);
  }
  // The batch is read from a graph input whose one dynamic dim is the batch.
  Block &entry = importer.getBuilder().getInsertionBlock()->getParent()->front();
  for (BlockArgument argument : entry.getArguments()) {
    int64_t dim = singleDynamicDim(argument);
    if (dim < 0)
      continue;
    OpBuilder &b = importer.getBuilder();
    FailureOr<Value> result = importer.create<rect::FillOp>(
        RankedTensorType::get(dims, b.getF32Type()), argument,
        b.getI64IntegerAttr(dim), b.getI64IntegerAttr(multiple),
        b.getF32FloatAttr(static_cast<float>(value)));
    if (failed(result))
      return failure();
    return importer.setOutput(0, *result);
  }
  return fail() << "no graph input has the dynamic batch to size the result";
}
