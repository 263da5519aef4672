//===- TensorOps.cpp - Tensor manipulation, reductions, normalization -----===//
//
// Concat, Split, Slice, Pad, Squeeze, Unsqueeze, Gather, Expand, Tile, Where,
// the reductions, Log/Reciprocal/Pow/Sum, LayerNormalization and
// LogSoftmax. On integer constants (shape sub-graphs) the data-movement ops
// are evaluated at import time (ShapeFolding.h); on float32 data they become
// rect ops.
//
//===----------------------------------------------------------------------===//

#include "OpImporters.h"
#include "ShapeFolding.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Import/ONNX/ShapeHelpers.h"

#include <limits>
#include <numeric>

using namespace mlir;
using namespace rectify;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

static RankedTensorType tensorType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

/// Normalizes `axis` against `rank` or reports it at the node.
static FailureOr<int64_t> normalizeAxis(NodeImporter &importer, int64_t axis,
                                        int64_t rank) {
  if (axis < -rank || axis >= rank) {
    importer.emitError() << importer.getNode().op_type() << ": axis " << axis
                         << " is out of range for rank " << rank;
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

/// The node's `axis` attribute (default 0), normalized against `rank`.
static FailureOr<int64_t> getAxisAttr(NodeImporter &importer, int64_t rank) {
  FailureOr<int64_t> axis = importer.getIntAttr("axis", 0);
  if (failed(axis))
    return failure();
  return normalizeAxis(importer, *axis, rank);
}

/// The axes given as attribute `name` before `inputOpset` and as optional
/// input `index` from then on; nullopt when absent.
static FailureOr<std::optional<SmallVector<int64_t>>>
getAxesOperand(NodeImporter &importer, int64_t inputOpset, unsigned index,
               StringRef name = "axes") {
  if (importer.getOpset() >= inputOpset) {
    if (!importer.hasInput(index))
      return std::optional<SmallVector<int64_t>>();
    FailureOr<SmallVector<int64_t>> axes =
        importer.getConstantInts(index, name);
    if (failed(axes))
      return failure();
    return std::optional<SmallVector<int64_t>>(*axes);
  }
  if (!importer.getAttributes().has(name))
    return std::optional<SmallVector<int64_t>>();
  FailureOr<SmallVector<int64_t>> axes = importer.getIntsAttr(name);
  if (failed(axes))
    return failure();
  return std::optional<SmallVector<int64_t>>(*axes);
}

static SmallVector<int64_t> rowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// A folded tensor of `shape` whose element at index vector `idx` is the
/// source element at linear position `source(idx)`.
static FoldedTensor
remapFolded(const FoldedTensor &src, ArrayRef<int64_t> shape,
            llvm::function_ref<int64_t(ArrayRef<int64_t>)> source) {
  FoldedTensor result;
  result.dataType = src.dataType;
  result.shape.assign(shape.begin(), shape.end());
  int64_t count = 1;
  for (int64_t d : shape)
    count *= d;
  SmallVector<int64_t> idx(shape.size(), 0);
  for (int64_t n = 0; n < count; ++n) {
    int64_t s = source(idx);
    if (src.isFloat())
      result.floats.push_back(src.floats[s]);
    else
      result.ints.push_back(src.ints[s]);
    if (!src.batch.empty())
      result.batch.push_back(src.batch[s]);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++idx[d] < shape[d])
        break;
      idx[d] = 0;
    }
  }
  if (!result.hasSymbolic())
    result.batch.clear();
  return result;
}

template <typename OpTy, typename... Args>
static LogicalResult createAndSet(NodeImporter &importer, Type type,
                                  Args &&...args) {
  FailureOr<Value> result =
      importer.create<OpTy>(type, std::forward<Args>(args)...);
  if (failed(result))
    return failure();
  return importer.setOutput(0, *result);
}

//===----------------------------------------------------------------------===//
// Concat
//===----------------------------------------------------------------------===//

LogicalResult rectify::importConcat(NodeImporter &importer) {
  unsigned count = importer.getNumInputs();
  if (count == 0)
    return importer.emitError() << "Concat needs at least one input";
  FailureOr<int64_t> axisAttr = importer.getIntAttr("axis", 0);
  if (failed(axisAttr))
    return failure();
  // Integer constants (shape pieces) are concatenated at import time.
  if (isIntConstantInput(importer, 0)) {
    std::vector<FoldedTensor> parts;
    for (unsigned i = 0; i < count; ++i) {
      std::optional<FoldedTensor> part = getFoldedInput(importer, i);
      if (!part || part->isFloat())
        return importer.emitError()
               << "Concat: input '" << importer.getNode().input(i)
               << "' must be an integer constant like the first input";
      parts.push_back(*part);
    }
    int64_t rank = parts.front().shape.size();
    FailureOr<int64_t> axis = normalizeAxis(importer, *axisAttr, rank);
    if (failed(axis))
      return failure();
    FoldedTensor result;
    result.dataType = parts.front().dataType;
    result.shape = parts.front().shape;
    result.shape[*axis] = 0;
    bool symbolic = false;
    for (const FoldedTensor &part : parts) {
      if (static_cast<int64_t>(part.shape.size()) != rank)
        return importer.emitError() << "Concat: inputs differ in rank";
      result.shape[*axis] += part.shape[*axis];
      symbolic |= part.hasSymbolic();
    }
    // Copy blocks: outer (dims before axis) x (axis x inner) per part.
    int64_t outer = 1;
    for (int64_t d = 0; d < *axis; ++d)
      outer *= result.shape[d];
    for (int64_t o = 0; o < outer; ++o) {
      for (const FoldedTensor &part : parts) {
        int64_t block = part.size() / std::max<int64_t>(outer, 1);
        for (int64_t k = 0; k < block; ++k) {
          int64_t s = o * block + k;
          result.ints.push_back(part.ints[s]);
          if (symbolic)
            result.batch.push_back(part.isSymbolic(s) ? part.batch[s] : 0);
        }
      }
    }
    return setFoldedOutput(importer, 0, result);
  }
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < count; ++i) {
    FailureOr<Value> input = importer.getInput(i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
  }
  FailureOr<int64_t> axis =
      normalizeAxis(importer, *axisAttr, tensorType(inputs.front()).getRank());
  if (failed(axis))
    return failure();
  return createAndSet<rect::ConcatOp>(
      importer, inputs.front().getType(), inputs,
      importer.getBuilder().getI64IntegerAttr(*axis));
}

//===----------------------------------------------------------------------===//
// Slice and Split
//===----------------------------------------------------------------------===//

namespace {
/// One dim of a normalized slice.
struct DimSlice {
  int64_t offset = 0, size = -1, stride = 1;
};
} // namespace

/// ONNX Slice semantics of (start, end, step) on a dim of size `dim`.
static FailureOr<DimSlice> normalizeSlice(NodeImporter &importer, int64_t axis,
                                          int64_t dim, int64_t start,
                                          int64_t end, int64_t step) {
  if (step == 0) {
    importer.emitError() << "Slice: step of axis " << axis << " is 0";
    return failure();
  }
  if (dim == kDynamic) {
    // Only the whole dynamic dim can be taken.
    if (start == 0 && step == 1 &&
        end >= std::numeric_limits<int32_t>::max())
      return DimSlice{0, -1, 1};
    importer.emitError() << "Slice: axis " << axis
                         << " is dynamic and can only be taken whole";
    return failure();
  }
  if (start < 0)
    start += dim;
  if (end < 0)
    end += dim;
  DimSlice slice;
  slice.stride = step;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
    slice.size = end > start ? (end - start + step - 1) / step : 0;
  } else {
    start = std::clamp<int64_t>(start, 0, dim - 1);
    end = std::clamp<int64_t>(end, -1, dim - 1);
    slice.size = start > end ? (start - end - step - 1) / -step : 0;
  }
  slice.offset = slice.size > 0 ? start : 0;
  return slice;
}

/// Builds the slice of input 0 (folded or as rect.slice) and defines output
/// `output`.
static LogicalResult emitSlice(NodeImporter &importer, unsigned output,
                               ArrayRef<int64_t> shape,
                               ArrayRef<DimSlice> slices,
                               std::optional<FoldedTensor> &folded,
                               Value input) {
  SmallVector<int64_t> offsets, sizes, strides;
  for (const DimSlice &s : slices) {
    offsets.push_back(s.offset);
    sizes.push_back(s.size);
    strides.push_back(s.stride);
  }
  if (folded) {
    SmallVector<int64_t> srcStrides = rowMajorStrides(shape);
    FoldedTensor result =
        remapFolded(*folded, sizes, [&](ArrayRef<int64_t> idx) {
          int64_t s = 0;
          for (size_t d = 0; d < idx.size(); ++d)
            s += (offsets[d] + idx[d] * strides[d]) * srcStrides[d];
          return s;
        });
    return setFoldedOutput(importer, output, result);
  }
  Builder &b = importer.getBuilder();
  FailureOr<Value> result = importer.create<rect::SliceOp>(
      input.getType(), input, b.getDenseI64ArrayAttr(offsets),
      b.getDenseI64ArrayAttr(sizes), b.getDenseI64ArrayAttr(strides));
  if (failed(result))
    return failure();
  return importer.setOutput(output, *result);
}

/// The data input of a data-movement node: an integer constant to fold, or
/// a float32 value. Sets `shape` either way.
static LogicalResult getData(NodeImporter &importer,
                             std::optional<FoldedTensor> &folded, Value &value,
                             SmallVector<int64_t> &shape) {
  folded = getFoldedInput(importer, 0);
  if (folded && !folded->isFloat()) {
    shape = folded->shape;
    return success();
  }
  folded.reset();
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  value = *input;
  shape.assign(tensorType(value).getShape().begin(),
               tensorType(value).getShape().end());
  return success();
}

LogicalResult rectify::importSlice(NodeImporter &importer) {
  std::optional<FoldedTensor> folded;
  Value input;
  SmallVector<int64_t> shape;
  if (failed(getData(importer, folded, input, shape)))
    return failure();
  int64_t rank = shape.size();
  FailureOr<SmallVector<int64_t>> starts, ends;
  SmallVector<int64_t> axes, steps;
  if (importer.getOpset() >= 10) {
    starts = importer.getConstantInts(1, "starts");
    ends = importer.getConstantInts(2, "ends");
    if (failed(starts) || failed(ends))
      return failure();
    if (importer.hasInput(3)) {
      FailureOr<SmallVector<int64_t>> a = importer.getConstantInts(3, "axes");
      if (failed(a))
        return failure();
      axes = *a;
    }
    if (importer.hasInput(4)) {
      FailureOr<SmallVector<int64_t>> s = importer.getConstantInts(4, "steps");
      if (failed(s))
        return failure();
      steps = *s;
    }
  } else {
    starts = importer.getIntsAttr("starts");
    ends = importer.getIntsAttr("ends");
    FailureOr<SmallVector<int64_t>> a = importer.getIntsAttr("axes");
    if (failed(starts) || failed(ends) || failed(a))
      return failure();
    axes = *a;
  }
  if (axes.empty()) {
    axes.resize(starts->size());
    std::iota(axes.begin(), axes.end(), 0);
  }
  if (steps.empty())
    steps.assign(starts->size(), 1);
  if (starts->size() != ends->size() || axes.size() != starts->size() ||
      steps.size() != starts->size())
    return importer.emitError()
           << "Slice: starts, ends, axes and steps differ in length";
  SmallVector<DimSlice> slices;
  for (int64_t d : shape)
    slices.push_back(d == kDynamic ? DimSlice{0, -1, 1} : DimSlice{0, d, 1});
  for (size_t i = 0; i < axes.size(); ++i) {
    FailureOr<int64_t> axis = normalizeAxis(importer, axes[i], rank);
    if (failed(axis))
      return failure();
    FailureOr<DimSlice> slice = normalizeSlice(
        importer, *axis, shape[*axis], (*starts)[i], (*ends)[i], steps[i]);
    if (failed(slice))
      return failure();
    slices[*axis] = *slice;
  }
  return emitSlice(importer, 0, shape, slices, folded, input);
}

LogicalResult rectify::importSplit(NodeImporter &importer) {
  std::optional<FoldedTensor> folded;
  Value input;
  SmallVector<int64_t> shape;
  if (failed(getData(importer, folded, input, shape)))
    return failure();
  FailureOr<int64_t> axis = getAxisAttr(importer, shape.size());
  if (failed(axis))
    return failure();
  int64_t dim = shape[*axis];
  if (dim == kDynamic)
    return importer.emitError() << "Split: axis " << *axis << " is dynamic";
  SmallVector<int64_t> sizes;
  if (importer.getOpset() >= 13 && importer.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> split =
        importer.getConstantInts(1, "split");
    if (failed(split))
      return failure();
    sizes = *split;
  } else if (importer.getOpset() < 13 && importer.getAttributes().has("split")) {
    FailureOr<SmallVector<int64_t>> split = importer.getIntsAttr("split");
    if (failed(split))
      return failure();
    sizes = *split;
  } else {
    int64_t outputs = importer.getNode().output_size();
    if (importer.getOpset() >= 18) {
      FailureOr<int64_t> num = importer.getIntAttr("num_outputs", outputs);
      if (failed(num))
        return failure();
      outputs = *num;
    }
    if (outputs <= 0)
      return importer.emitError() << "Split needs at least one output";
    // Equal parts; from opset 18 the last one may be smaller.
    int64_t part = (dim + outputs - 1) / outputs;
    if (importer.getOpset() < 18 && dim % outputs != 0)
      return importer.emitError() << "Split: axis of size " << dim
                                  << " does not split evenly into " << outputs;
    for (int64_t i = 0, left = dim; i < outputs; ++i, left -= part)
      sizes.push_back(std::min(part, left));
  }
  if (std::accumulate(sizes.begin(), sizes.end(), int64_t(0)) != dim)
    return importer.emitError() << "Split: the parts do not add up to the "
                                   "axis size "
                                << dim;
  if (static_cast<int64_t>(sizes.size()) != importer.getNode().output_size())
    return importer.emitError()
           << "Split: " << sizes.size() << " parts for "
           << importer.getNode().output_size() << " outputs";
  int64_t offset = 0;
  for (auto [i, size] : llvm::enumerate(sizes)) {
    SmallVector<DimSlice> slices;
    for (int64_t d : shape)
      slices.push_back(d == kDynamic ? DimSlice{0, -1, 1} : DimSlice{0, d, 1});
    slices[*axis] = DimSlice{size > 0 ? offset : 0, size, 1};
    if (failed(emitSlice(importer, i, shape, slices, folded, input)))
      return failure();
    offset += size;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Squeeze and Unsqueeze (reshapes)
//===----------------------------------------------------------------------===//

static LogicalResult emitReshape(NodeImporter &importer,
                                 std::optional<FoldedTensor> &folded,
                                 Value input, ArrayRef<int64_t> shape) {
  if (folded) {
    FoldedTensor result = *folded;
    result.shape.assign(shape.begin(), shape.end());
    return setFoldedOutput(importer, 0, result);
  }
  return createAndSet<rect::ReshapeOp>(
      importer, RankedTensorType::get(shape, tensorType(input).getElementType()),
      input);
}

LogicalResult rectify::importSqueeze(NodeImporter &importer) {
  std::optional<FoldedTensor> folded;
  Value input;
  SmallVector<int64_t> shape;
  if (failed(getData(importer, folded, input, shape)))
    return failure();
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getAxesOperand(importer, 13, 1);
  if (failed(axes))
    return failure();
  int64_t rank = shape.size();
  SmallVector<bool> drop(rank, false);
  if (*axes) {
    for (int64_t a : **axes) {
      FailureOr<int64_t> axis = normalizeAxis(importer, a, rank);
      if (failed(axis))
        return failure();
      if (shape[*axis] != 1)
        return importer.emitError()
               << "Squeeze: axis " << a << " has size "
               << (shape[*axis] == kDynamic ? std::string("?")
                                            : std::to_string(shape[*axis]))
               << ", not 1";
      drop[*axis] = true;
    }
  } else {
    for (int64_t i = 0; i < rank; ++i)
      drop[i] = shape[i] == 1;
  }
  SmallVector<int64_t> result;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i])
      result.push_back(shape[i]);
  return emitReshape(importer, folded, input, result);
}

LogicalResult rectify::importUnsqueeze(NodeImporter &importer) {
  std::optional<FoldedTensor> folded;
  Value input;
  SmallVector<int64_t> shape;
  if (failed(getData(importer, folded, input, shape)))
    return failure();
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getAxesOperand(importer, 13, 1);
  if (failed(axes))
    return failure();
  if (!*axes)
    return importer.emitError() << "Unsqueeze needs axes";
  int64_t rank = shape.size() + (*axes)->size();
  SmallVector<bool> inserted(rank, false);
  for (int64_t a : **axes) {
    FailureOr<int64_t> axis = normalizeAxis(importer, a, rank);
    if (failed(axis))
      return failure();
    if (inserted[*axis])
      return importer.emitError() << "Unsqueeze: axis " << a << " repeats";
    inserted[*axis] = true;
  }
  SmallVector<int64_t> result;
  const int64_t *next = shape.begin();
  for (int64_t i = 0; i < rank; ++i)
    result.push_back(inserted[i] ? 1 : *next++);
  return emitReshape(importer, folded, input, result);
}

//===----------------------------------------------------------------------===//
// Gather
//===----------------------------------------------------------------------===//

LogicalResult rectify::importGather(NodeImporter &importer) {
  std::optional<FoldedTensor> folded;
  Value input;
  SmallVector<int64_t> shape;
  if (failed(getData(importer, folded, input, shape)))
    return failure();
  FailureOr<int64_t> axis = getAxisAttr(importer, shape.size());
  if (failed(axis))
    return failure();
  std::optional<FoldedTensor> indices = getFoldedInput(importer, 1);
  if (!indices || indices->isFloat() || indices->hasSymbolic())
    return importer.emitError()
           << "Gather: the indices (input '"
           << (importer.hasInput(1) ? importer.getNode().input(1) : "")
           << "') must be an integer constant";
  int64_t dim = shape[*axis];
  if (dim == kDynamic)
    return importer.emitError()
           << "Gather along the dynamic axis " << *axis << " is not supported";
  for (int64_t &index : indices->ints) {
    if (index < -dim || index >= dim)
      return importer.emitError() << "Gather: index " << index
                                  << " is out of range for axis size " << dim;
    if (index < 0)
      index += dim;
  }
  SmallVector<int64_t> resultShape(shape.begin(), shape.begin() + *axis);
  llvm::append_range(resultShape, indices->shape);
  resultShape.append(shape.begin() + *axis + 1, shape.end());
  if (folded) {
    SmallVector<int64_t> srcStrides = rowMajorStrides(shape);
    SmallVector<int64_t> idxStrides = rowMajorStrides(indices->shape);
    int64_t idxRank = indices->shape.size();
    FoldedTensor result =
        remapFolded(*folded, resultShape, [&](ArrayRef<int64_t> idx) {
          int64_t s = 0, flat = 0;
          for (int64_t d = 0; d < *axis; ++d)
            s += idx[d] * srcStrides[d];
          for (int64_t d = 0; d < idxRank; ++d)
            flat += idx[*axis + d] * idxStrides[d];
          s += indices->ints[flat] * srcStrides[*axis];
          for (int64_t d = *axis + 1; d < static_cast<int64_t>(shape.size());
               ++d)
            s += idx[d - 1 + idxRank] * srcStrides[d];
          return s;
        });
    return setFoldedOutput(importer, 0, result);
  }
  OpBuilder &b = importer.getBuilder();
  auto indexType = RankedTensorType::get(indices->shape, b.getI64Type());
  Value indexConstant = rect::ConstantOp::create(
      b, importer.getLoc(), indexType,
      DenseElementsAttr::get(indexType, ArrayRef<int64_t>(indices->ints)));
  return createAndSet<rect::GatherOp>(importer, input.getType(), input,
                                      indexConstant,
                                      b.getI64IntegerAttr(*axis));
}

//===----------------------------------------------------------------------===//
// Expand, Tile, Where
//===----------------------------------------------------------------------===//

LogicalResult rectify::importExpand(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  std::optional<FoldedTensor> target = getFoldedInput(importer, 1);
  if (!target || target->isFloat())
    return importer.emitError()
           << "Expand: the shape must fold to an integer constant";
  auto inputType = tensorType(*input);
  SmallVector<int64_t> requested;
  for (int64_t i = 0, e = target->size(); i < e; ++i)
    requested.push_back(target->isSymbolic(i) ? kDynamic : target->ints[i]);
  FailureOr<SmallVector<int64_t>> shape =
      rect::broadcastShapes(inputType.getShape(), requested);
  if (failed(shape))
    return importer.emitError() << "Expand: the input does not broadcast to "
                                   "the requested shape";
  return createAndSet<rect::ExpandOp>(
      importer, RankedTensorType::get(*shape, inputType.getElementType()),
      *input);
}

LogicalResult rectify::importTile(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  FailureOr<SmallVector<int64_t>> repeats =
      importer.getConstantInts(1, "repeats");
  if (failed(repeats))
    return failure();
  return createAndSet<rect::TileOp>(
      importer, input->getType(), *input,
      importer.getBuilder().getDenseI64ArrayAttr(*repeats));
}

LogicalResult rectify::importWhere(NodeImporter &importer) {
  std::optional<FoldedTensor> condition = getFoldedInput(importer, 0);
  if (!condition || condition->isFloat() || condition->hasSymbolic())
    return importer.emitError()
           << "Where: the condition (input '"
           << (importer.hasInput(0) ? importer.getNode().input(0) : "")
           << "') must be a boolean constant";
  FailureOr<Value> lhs = importer.getInput(1);
  if (failed(lhs))
    return failure();
  FailureOr<Value> rhs = importer.getInput(2);
  if (failed(rhs))
    return failure();
  OpBuilder &b = importer.getBuilder();
  auto conditionType = RankedTensorType::get(condition->shape, b.getI1Type());
  SmallVector<bool> bits;
  for (int64_t v : condition->ints)
    bits.push_back(v != 0);
  Value conditionValue = rect::ConstantOp::create(
      b, importer.getLoc(), conditionType,
      DenseElementsAttr::get(conditionType, ArrayRef<bool>(bits)));
  return createAndSet<rect::WhereOp>(importer, lhs->getType(), conditionValue,
                                     *lhs, *rhs);
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

LogicalResult rectify::importReduce(NodeImporter &importer) {
  StringRef opType = importer.getNode().op_type();
  // ReduceSum takes its axes as an input from opset 13, the others from 18.
  int64_t inputOpset = opType == "ReduceSum" ? 13 : 18;
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getAxesOperand(importer, inputOpset, 1);
  FailureOr<int64_t> keepdims = importer.getIntAttr("keepdims", 1);
  FailureOr<int64_t> noop = importer.getIntAttr("noop_with_empty_axes", 0);
  if (failed(axes) || failed(keepdims) || failed(noop))
    return failure();
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  int64_t rank = tensorType(*input).getRank();
  SmallVector<int64_t> normalized;
  if (!*axes || (*axes)->empty()) {
    if (*noop)
      return importer.setOutput(0, *input);
    normalized.resize(rank);
    std::iota(normalized.begin(), normalized.end(), 0);
  } else {
    for (int64_t a : **axes) {
      FailureOr<int64_t> axis = normalizeAxis(importer, a, rank);
      if (failed(axis))
        return failure();
      normalized.push_back(*axis);
    }
    llvm::sort(normalized);
    normalized.erase(llvm::unique(normalized), normalized.end());
  }
  Builder &b = importer.getBuilder();
  auto axesAttr = b.getDenseI64ArrayAttr(normalized);
  auto keepAttr = b.getBoolAttr(*keepdims != 0);
  Type type = input->getType();
  if (opType == "ReduceSum")
    return createAndSet<rect::ReduceSumOp>(importer, type, *input, axesAttr,
                                           keepAttr);
  if (opType == "ReduceMean")
    return createAndSet<rect::ReduceMeanOp>(importer, type, *input, axesAttr,
                                            keepAttr);
  if (opType == "ReduceMax")
    return createAndSet<rect::ReduceMaxOp>(importer, type, *input, axesAttr,
                                           keepAttr);
  return createAndSet<rect::ReduceMinOp>(importer, type, *input, axesAttr,
                                         keepAttr);
}

//===----------------------------------------------------------------------===//
// Math: Log, Reciprocal, Pow, Sum
//===----------------------------------------------------------------------===//

LogicalResult rectify::importMathUnary(NodeImporter &importer) {
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  if (importer.getNode().op_type() == "Log")
    return createAndSet<rect::LogOp>(importer, input->getType(), *input);
  return createAndSet<rect::ReciprocalOp>(importer, input->getType(), *input);
}

LogicalResult rectify::importPow(NodeImporter &importer) {
  FailureOr<Value> base = importer.getInput(0);
  if (failed(base))
    return failure();
  // An integer constant exponent is converted to float32.
  Value exponent;
  std::optional<FoldedTensor> folded = getFoldedInput(importer, 1);
  if (folded && !folded->isFloat() && !folded->hasSymbolic()) {
    OpBuilder &b = importer.getBuilder();
    auto type = RankedTensorType::get(folded->shape, b.getF32Type());
    SmallVector<float> values(folded->ints.begin(), folded->ints.end());
    exponent = rect::ConstantOp::create(
        b, importer.getLoc(), type,
        DenseElementsAttr::get(type, ArrayRef<float>(values)));
  } else {
    FailureOr<Value> value = importer.getInput(1);
    if (failed(value))
      return failure();
    exponent = *value;
  }
  return createAndSet<rect::PowOp>(importer, base->getType(), *base, exponent);
}

LogicalResult rectify::importSum(NodeImporter &importer) {
  if (importer.getNumInputs() == 0)
    return importer.emitError() << "Sum needs at least one input";
  FailureOr<Value> result = importer.getInput(0);
  if (failed(result))
    return failure();
  for (unsigned i = 1, e = importer.getNumInputs(); i < e; ++i) {
    FailureOr<Value> next = importer.getInput(i);
    if (failed(next))
      return failure();
    result = importer.create<rect::AddOp>(result->getType(), *result, *next);
    if (failed(result))
      return failure();
  }
  return importer.setOutput(0, *result);
}

//===----------------------------------------------------------------------===//
// LayerNormalization and LogSoftmax
//===----------------------------------------------------------------------===//

LogicalResult rectify::importLayerNorm(NodeImporter &importer) {
  FailureOr<int64_t> axis = importer.getIntAttr("axis", -1);
  FailureOr<float> epsilon = importer.getFloatAttr("epsilon", 1e-5f);
  if (failed(axis) || failed(epsilon))
    return failure();
  FailureOr<Value> input = importer.getInput(0);
  FailureOr<Value> scale =
      failed(input) ? FailureOr<Value>(failure()) : importer.getInput(1);
  if (failed(input) || failed(scale))
    return failure();
  Value bias;
  if (importer.hasInput(2)) {
    FailureOr<Value> value = importer.getInput(2);
    if (failed(value))
      return failure();
    bias = *value;
  }
  Builder &b = importer.getBuilder();
  if (failed(createAndSet<rect::LayerNormOp>(
          importer, input->getType(), *input, *scale, bias,
          b.getI64IntegerAttr(*axis), b.getF32FloatAttr(*epsilon))))
    return failure();
  if (!importer.isOutputUsed(1) && !importer.isOutputUsed(2))
    return success();
  // The optional Mean and InvStdDev outputs (normalized dims kept as 1s).
  int64_t rank = tensorType(*input).getRank();
  FailureOr<int64_t> first = normalizeAxis(importer, *axis, rank);
  if (failed(first))
    return failure();
  SmallVector<int64_t> axes;
  for (int64_t i = *first; i < rank; ++i)
    axes.push_back(i);
  auto axesAttr = b.getDenseI64ArrayAttr(axes);
  auto keep = b.getBoolAttr(true);
  FailureOr<Value> mean = importer.create<rect::ReduceMeanOp>(
      input->getType(), *input, axesAttr, keep);
  if (failed(mean) || failed(importer.setOutput(1, *mean)))
    return failure();
  if (!importer.isOutputUsed(2))
    return success();
  FailureOr<Value> centered =
      importer.create<rect::SubOp>(input->getType(), *input, *mean);
  FailureOr<Value> squared =
      failed(centered) ? centered
                       : importer.create<rect::MulOp>(input->getType(),
                                                      *centered, *centered);
  FailureOr<Value> variance =
      failed(squared) ? squared
                      : importer.create<rect::ReduceMeanOp>(
                            input->getType(), *squared, axesAttr, keep);
  if (failed(variance))
    return failure();
  FailureOr<Value> shifted = importer.create<rect::AddOp>(
      variance->getType(), *variance, importer.createScalar(*epsilon));
  FailureOr<Value> deviation =
      failed(shifted) ? shifted
                      : importer.create<rect::SqrtOp>(shifted->getType(),
                                                      *shifted);
  FailureOr<Value> inverse =
      failed(deviation) ? deviation
                        : importer.create<rect::ReciprocalOp>(
                              deviation->getType(), *deviation);
  if (failed(inverse))
    return failure();
  return importer.setOutput(2, *inverse);
}

LogicalResult rectify::importLogSoftmax(NodeImporter &importer) {
  bool perAxis = importer.getOpset() >= 13;
  FailureOr<int64_t> axis = importer.getIntAttr("axis", perAxis ? -1 : 1);
  if (failed(axis))
    return failure();
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  auto inputType = tensorType(*input);
  Builder &b = importer.getBuilder();
  int64_t rank = inputType.getRank();
  int64_t normalized = *axis < 0 ? *axis + rank : *axis;
  if (perAxis || normalized == rank - 1)
    return createAndSet<rect::LogSoftmaxOp>(
        importer, inputType, *input,
        b.getI64IntegerAttr(perAxis ? *axis : normalized));
  // Before opset 13: normalize the rows of the input flattened at `axis`.
  llvm::Expected<SmallVector<int64_t>> flatShape =
      computeFlattenShape(inputType.getShape(), *axis);
  if (!flatShape)
    return importer.emitError()
           << "LogSoftmax: " << llvm::toString(flatShape.takeError());
  auto flatType = RankedTensorType::get(*flatShape, inputType.getElementType());
  FailureOr<Value> flat = importer.create<rect::ReshapeOp>(flatType, *input);
  if (failed(flat))
    return failure();
  FailureOr<Value> result = importer.create<rect::LogSoftmaxOp>(
      flatType, *flat, b.getI64IntegerAttr(1));
  if (failed(result))
    return failure();
  return createAndSet<rect::ReshapeOp>(importer, inputType, *result);
}

//===----------------------------------------------------------------------===//
// Pad
//===----------------------------------------------------------------------===//

LogicalResult rectify::importPad(NodeImporter &importer) {
  FailureOr<std::string> mode = importer.getStringAttr("mode", "constant");
  if (failed(mode))
    return failure();
  if (*mode != "constant" && *mode != "reflect" && *mode != "edge")
    return importer.emitError() << "Pad: mode \"" << *mode
                                << "\" is not supported (constant, reflect, "
                                   "edge are)";
  FailureOr<Value> input = importer.getInput(0);
  if (failed(input))
    return failure();
  int64_t rank = tensorType(*input).getRank();
  FailureOr<SmallVector<int64_t>> pads;
  float value = 0.0f;
  if (importer.getOpset() >= 11) {
    pads = importer.getConstantInts(1, "pads");
    if (failed(pads))
      return failure();
    if (importer.hasInput(2)) {
      FailureOr<SmallVector<float>> constant =
          importer.getConstantFloats(2, "constant_value");
      if (failed(constant))
        return failure();
      if (constant->size() != 1)
        return importer.emitError() << "Pad: constant_value must be a scalar";
      value = constant->front();
    }
    if (importer.hasInput(3)) {
      // Opset 18: pads are given for `axes` only.
      FailureOr<SmallVector<int64_t>> axes = importer.getConstantInts(3, "axes");
      if (failed(axes))
        return failure();
      if (pads->size() != 2 * axes->size())
        return importer.emitError() << "Pad: pads must have two entries per "
                                       "axis";
      SmallVector<int64_t> full(2 * rank, 0);
      for (auto [i, a] : llvm::enumerate(*axes)) {
        FailureOr<int64_t> axis = normalizeAxis(importer, a, rank);
        if (failed(axis))
          return failure();
        full[*axis] = (*pads)[i];
        full[*axis + rank] = (*pads)[i + axes->size()];
      }
      pads = full;
    }
  } else {
    pads = importer.getIntsAttr(importer.getOpset() >= 2 ? "pads"
                                                         : "paddings");
    FailureOr<float> attrValue = importer.getFloatAttr("value", 0.0f);
    if (failed(pads) || failed(attrValue))
      return failure();
    value = *attrValue;
  }
  if (static_cast<int64_t>(pads->size()) != 2 * rank)
    return importer.emitError() << "Pad: pads has " << pads->size()
                                << " entries for rank " << rank;
  if (llvm::any_of(*pads, [](int64_t p) { return p < 0; }))
    return importer.emitError() << "Pad: negative pads are not supported";
  Builder &b = importer.getBuilder();
  return createAndSet<rect::PadOp>(
      importer, input->getType(), *input, b.getDenseI64ArrayAttr(*pads),
      b.getStringAttr(*mode), b.getF32FloatAttr(value));
}
