//===- RectTensorOps.cpp - Tensor, reduction and normalization rect ops ---===//
//
// Verifiers, result type inference and folders of the ops declared in
// RectTensorOps.td.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace rectify::rect;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

static RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// Emits "'op' message" at `loc` when present; always returns failure.
template <typename... Args>
static LogicalResult fail(std::optional<Location> loc, StringRef opName,
                          Args &&...args) {
  return emitOptionalError(loc, "'", opName, "' op ",
                           std::forward<Args>(args)...);
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

LogicalResult PowOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &results) {
  auto lhs = rankedType(adaptor.getLhs()), rhs = rankedType(adaptor.getRhs());
  if (lhs.getElementType() != rhs.getElementType())
    return fail(loc, getOperationName(), "operand element types differ");
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(lhs.getShape(), rhs.getShape());
  if (failed(shape))
    return fail(loc, getOperationName(), "shapes ", formatShape(lhs.getShape()),
                " and ", formatShape(rhs.getShape()), " do not broadcast");
  results.push_back(RankedTensorType::get(*shape, lhs.getElementType()));
  return success();
}

LogicalResult WhereOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  auto cond = rankedType(adaptor.getCondition());
  auto lhs = rankedType(adaptor.getLhs()), rhs = rankedType(adaptor.getRhs());
  if (lhs.getElementType() != rhs.getElementType())
    return fail(loc, getOperationName(), "value element types differ");
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(lhs.getShape(), rhs.getShape());
  if (succeeded(shape))
    shape = broadcastShapes(cond.getShape(), *shape);
  if (failed(shape))
    return fail(loc, getOperationName(), "shapes ",
                formatShape(cond.getShape()), ", ", formatShape(lhs.getShape()),
                " and ", formatShape(rhs.getShape()), " do not broadcast");
  results.push_back(RankedTensorType::get(*shape, lhs.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return fail(loc, getOperationName(), "needs at least one input");
  auto first = rankedType(inputs.front());
  int64_t rank = first.getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= rank)
    return fail(loc, getOperationName(), "axis ", axis,
                " is out of range for rank ", rank);
  SmallVector<int64_t> shape(first.getShape());
  for (Value input : inputs.drop_front()) {
    auto type = rankedType(input);
    if (type.getElementType() != first.getElementType())
      return fail(loc, getOperationName(), "input element types differ");
    if (type.getRank() != rank)
      return fail(loc, getOperationName(), "inputs have ranks ", rank,
                  " and ", type.getRank());
    for (int64_t i = 0; i < rank; ++i) {
      int64_t d = type.getDimSize(i);
      if (i == axis) {
        shape[i] = (shape[i] == kDynamic || d == kDynamic) ? kDynamic
                                                          : shape[i] + d;
        continue;
      }
      if (shape[i] != kDynamic && d != kDynamic && shape[i] != d)
        return fail(loc, getOperationName(), "input shapes ",
                    formatShape(first.getShape()), " and ",
                    formatShape(type.getShape()), " differ outside axis ", axis);
      if (shape[i] == kDynamic)
        shape[i] = d;
    }
  }
  results.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs().front().getType() == getType())
    return getInputs().front();
  return {};
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  ArrayRef<int64_t> offsets = adaptor.getOffsets(), sizes = adaptor.getSizes(),
                    strides = adaptor.getStrides();
  int64_t rank = type.getRank();
  if (static_cast<int64_t>(offsets.size()) != rank ||
      static_cast<int64_t>(sizes.size()) != rank ||
      static_cast<int64_t>(strides.size()) != rank)
    return fail(loc, getOperationName(),
                "offsets, sizes and strides need one entry per dim (rank ",
                rank, ")");
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t dim = type.getDimSize(i);
    if (dim == kDynamic) {
      if (offsets[i] != 0 || sizes[i] != -1 || strides[i] != 1)
        return fail(loc, getOperationName(), "dynamic dim ", i,
                    " can only be taken whole (offset 0, size -1, stride 1)");
      shape.push_back(kDynamic);
      continue;
    }
    if (strides[i] == 0)
      return fail(loc, getOperationName(), "stride of dim ", i, " is 0");
    if (sizes[i] < 0)
      return fail(loc, getOperationName(), "size ", sizes[i], " of dim ", i,
                  " is negative");
    if (sizes[i] > 0) {
      int64_t last = offsets[i] + (sizes[i] - 1) * strides[i];
      if (offsets[i] < 0 || offsets[i] >= dim || last < 0 || last >= dim)
        return fail(loc, getOperationName(), "dim ", i, " slice (offset ",
                    offsets[i], ", size ", sizes[i], ", stride ", strides[i],
                    ") leaves [0, ", dim, ")");
    }
    shape.push_back(sizes[i]);
  }
  results.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  auto type = rankedType(getInput());
  for (int64_t i = 0, e = type.getRank(); i < e; ++i) {
    int64_t dim = type.getDimSize(i);
    bool whole = getOffsets()[i] == 0 && getStrides()[i] == 1 &&
                 (getSizes()[i] == dim || (dim == kDynamic));
    if (!whole)
      return {};
  }
  return getInput();
}

//===----------------------------------------------------------------------===//
// PadOp
//===----------------------------------------------------------------------===//

LogicalResult PadOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  ArrayRef<int64_t> pads = adaptor.getPads();
  int64_t rank = type.getRank();
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return fail(loc, getOperationName(), "pads has ", pads.size(),
                " entries, expected ", 2 * rank);
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i) {
    if (pads[i] < 0 || pads[i + rank] < 0)
      return fail(loc, getOperationName(), "pads ", formatList(pads),
                  " must not be negative");
    int64_t dim = type.getDimSize(i);
    shape.push_back(dim == kDynamic ? kDynamic
                                    : dim + pads[i] + pads[i + rank]);
  }
  results.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

LogicalResult PadOp::verify() {
  StringRef mode = getMode();
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return emitOpError("mode must be \"constant\", \"reflect\" or \"edge\", "
                       "got \"")
           << mode << "\"";
  auto type = rankedType(getInput());
  ArrayRef<int64_t> pads = getPads();
  int64_t rank = type.getRank();
  for (int64_t i = 0; i < rank; ++i) {
    if (pads[i] == 0 && pads[i + rank] == 0)
      continue;
    int64_t dim = type.getDimSize(i);
    if (dim == kDynamic)
      return emitOpError("cannot pad dynamic dim ") << i;
    if (mode == "reflect" && (pads[i] >= dim || pads[i + rank] >= dim))
      return emitOpError("reflect pads of dim ")
             << i << " must be smaller than its size " << dim;
    if (dim == 0)
      return emitOpError("cannot pad the empty dim ") << i;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  auto indices = rankedType(adaptor.getIndices());
  int64_t rank = type.getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= rank)
    return fail(loc, getOperationName(), "axis ", axis,
                " is out of range for rank ", rank);
  if (type.getDimSize(axis) == kDynamic)
    return fail(loc, getOperationName(), "cannot gather along dynamic dim ",
                axis);
  SmallVector<int64_t> shape(type.getShape().take_front(axis));
  llvm::append_range(shape, indices.getShape());
  llvm::append_range(shape, type.getShape().drop_front(axis + 1));
  results.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// ExpandOp
//===----------------------------------------------------------------------===//

LogicalResult ExpandOp::verify() {
  auto input = rankedType(getInput()), output = rankedType(getOutput());
  if (input.getElementType() != output.getElementType())
    return emitOpError("element type must not change");
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(input.getShape(), output.getShape());
  if (failed(shape) || ArrayRef<int64_t>(*shape) != output.getShape())
    return emitOpError("input of shape ")
           << formatShape(input.getShape()) << " does not broadcast to "
           << formatShape(output.getShape());
  // A dynamic result dim must come from a dynamic input dim.
  int64_t offset = output.getRank() - input.getRank();
  for (int64_t i = 0; i < output.getRank(); ++i)
    if (output.isDynamicDim(i) &&
        (i < offset || !input.isDynamicDim(i - offset)))
      return emitOpError("dynamic result dim ")
             << i << " has no dynamic input dim to take its size from";
  return success();
}

OpFoldResult ExpandOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // A splat constant broadcasts to a splat of the new shape.
  auto dense = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput());
  if (dense && dense.isSplat() && getType().hasStaticShape())
    return DenseElementsAttr::get(getType(),
                                  dense.getSplatValue<Attribute>());
  return {};
}

//===----------------------------------------------------------------------===//
// TileOp
//===----------------------------------------------------------------------===//

LogicalResult TileOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &results) {
  auto type = rankedType(adaptor.getInput());
  ArrayRef<int64_t> repeats = adaptor.getRepeats();
  if (static_cast<int64_t>(repeats.size()) != type.getRank())
    return fail(loc, getOperationName(), "repeats has ", repeats.size(),
                " entries but the input has rank ", type.getRank());
  SmallVector<int64_t> shape;
  for (auto [dim, repeat] : llvm::zip(type.getShape(), repeats)) {
    if (repeat < 0)
      return fail(loc, getOperationName(), "repeats ", formatList(repeats),
                  " must not be negative");
    if (dim == kDynamic && repeat != 1)
      return fail(loc, getOperationName(),
                  "a dynamic dim can only be repeated once");
    shape.push_back(dim == kDynamic ? kDynamic : dim * repeat);
  }
  results.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

static LogicalResult inferReduceType(std::optional<Location> loc,
                                     StringRef opName, Value input,
                                     ArrayRef<int64_t> axes, bool keepdims,
                                     SmallVectorImpl<Type> &results) {
  auto type = rankedType(input);
  int64_t rank = type.getRank();
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return fail(loc, opName, "axes ", formatList(axes),
                  " must be in [0, rank ", rank, ")");
    if (i > 0 && axes[i - 1] >= axis)
      return fail(loc, opName, "axes ", formatList(axes),
                  " must be sorted and unique");
  }
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i) {
    if (!llvm::is_contained(axes, i))
      shape.push_back(type.getDimSize(i));
    else if (keepdims)
      shape.push_back(1);
  }
  results.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

#define RECT_REDUCE_INFER(OP)                                                  \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location> l, \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &results) {         \
    return inferReduceType(l, getOperationName(), adaptor.getInput(),         \
                           adaptor.getAxes(), adaptor.getKeepdims(), results); \
  }
RECT_REDUCE_INFER(ReduceSumOp)
RECT_REDUCE_INFER(ReduceMeanOp)
RECT_REDUCE_INFER(ReduceMaxOp)
RECT_REDUCE_INFER(ReduceMinOp)
#undef RECT_REDUCE_INFER

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

LogicalResult LogSoftmaxOp::verify() {
  int64_t rank = getType().getRank();
  int64_t axis = getAxis();
  if (axis < -rank || axis >= rank)
    return emitOpError("axis ") << axis << " is out of range for rank " << rank;
  return success();
}

LogicalResult LayerNormOp::verify() {
  auto type = rankedType(getInput());
  if (getOutput().getType() != type)
    return emitOpError("result type ")
           << getOutput().getType() << " must equal the input type " << type;
  int64_t rank = type.getRank();
  int64_t axis = getAxis();
  if (axis < -rank || axis >= rank)
    return emitOpError("axis ") << axis << " is out of range for rank " << rank;
  if (axis < 0)
    axis += rank;
  ArrayRef<int64_t> normalized = type.getShape().drop_front(axis);
  if (llvm::is_contained(normalized, kDynamic))
    return emitOpError("normalized dims ")
           << formatShape(normalized) << " must be static";
  for (auto [what, value] : {std::pair(StringRef("scale"), getScale()),
                             std::pair(StringRef("bias"), getBias())}) {
    if (!value)
      continue;
    auto valueType = rankedType(value);
    if (valueType.getElementType() != type.getElementType())
      return emitOpError(what) << " element type differs from the input's";
    if (!isUnidirectionallyBroadcastable(valueType.getShape(), normalized))
      return emitOpError(what)
             << " of shape " << formatShape(valueType.getShape())
             << " does not broadcast onto the normalized dims "
             << formatShape(normalized);
  }
  if (getEpsilon().isNegative())
    return emitOpError("epsilon must not be negative");
  return success();
}
