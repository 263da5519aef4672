//===- RectOps.cpp - rect dialect operations ------------------------------===//
//
// Verifiers, result type inference and folders of the rect operations.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/CommonFolders.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <numeric>

using namespace mlir;
using namespace rectify::rect;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

//===----------------------------------------------------------------------===//
// Shape helpers
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<int64_t>>
rectify::rect::broadcastShapes(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs) {
  size_t rank = std::max(lhs.size(), rhs.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Align from the trailing dimension; missing leading dims act as 1.
    int64_t l = i < rank - lhs.size() ? 1 : lhs[i - (rank - lhs.size())];
    int64_t r = i < rank - rhs.size() ? 1 : rhs[i - (rank - rhs.size())];
    if (l == 1) {
      result[i] = r;
    } else if (r == 1) {
      result[i] = l;
    } else if (l == kDynamic) {
      result[i] = r;
    } else if (r == kDynamic || l == r) {
      result[i] = l;
    } else {
      return failure();
    }
  }
  return result;
}

bool rectify::rect::isUnidirectionallyBroadcastable(ArrayRef<int64_t> slope,
                                                    ArrayRef<int64_t> input) {
  if (slope.size() > input.size())
    return false;
  size_t offset = input.size() - slope.size();
  for (size_t i = 0; i < slope.size(); ++i) {
    int64_t s = slope[i], x = input[offset + i];
    if (s != 1 && s != x)
      return false;
  }
  return true;
}

std::string rectify::rect::formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleave(
      shape, os,
      [&](int64_t d) {
        if (d == kDynamic)
          os << "?";
        else
          os << d;
      },
      "x");
  os << "]";
  return text;
}

std::string rectify::rect::formatList(ArrayRef<int64_t> values) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleaveComma(values, os);
  os << "]";
  return text;
}

static RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

// The result type is the value's type: `rect.constant {attrs} <elements>`.
ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &result) {
  ElementsAttr value;
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseAttribute(value, "value", result.attributes))
    return failure();
  result.addTypes(value.getType());
  return success();
}

void ConstantOp::print(OpAsmPrinter &printer) {
  printer.printOptionalAttrDict((*this)->getAttrs(), {"value"});
  printer << " ";
  printer.printAttribute(getValue());
}

LogicalResult ConstantOp::verify() {
  if (getValue().getType() != getType())
    return emitOpError("value type ")
           << getValue().getType() << " differs from result type " << getType();
  return success();
}

//===----------------------------------------------------------------------===//
// Unary elementwise ops
//===----------------------------------------------------------------------===//

OpFoldResult ReluOp::fold(FoldAdaptor adaptor) {
  // relu(relu x) is handled by the Idempotent trait; here a constant folds.
  auto dense = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput());
  if (!dense || !isa<FloatType>(dense.getElementType()))
    return {};
  return dense.mapValues(dense.getElementType(), [](const APFloat &v) {
    APFloat zero = APFloat::getZero(v.getSemantics());
    return (v.isNegative() && !v.isNaN() ? zero : v).bitcastToAPInt();
  });
}

LogicalResult ClipOp::verify() {
  std::optional<APFloat> lo = getMin(), hi = getMax();
  if ((lo && lo->isNaN()) || (hi && hi->isNaN()))
    return emitOpError("bounds must not be NaN");
  if (lo && hi && hi->compare(*lo) == APFloat::cmpLessThan)
    return emitOpError("min (")
           << lo->convertToDouble() << ") must not exceed max ("
           << hi->convertToDouble() << ")";
  return success();
}

LogicalResult GeluOp::verify() {
  if (getApproximate() != "none" && getApproximate() != "tanh")
    return emitOpError("approximate must be \"none\" or \"tanh\", got \"")
           << getApproximate() << "\"";
  return success();
}

LogicalResult PReluOp::verify() {
  if (getOutput().getType() != getInput().getType())
    return emitOpError("result type ")
           << getOutput().getType() << " must equal the input type "
           << getInput().getType();
  Type slopeElement = rankedType(getSlope()).getElementType();
  Type inputElement = rankedType(getInput()).getElementType();
  if (slopeElement != inputElement)
    return emitOpError("slope element type ")
           << slopeElement << " differs from input's " << inputElement;
  ArrayRef<int64_t> slope = rankedType(getSlope()).getShape();
  ArrayRef<int64_t> input = rankedType(getInput()).getShape();
  if (!isUnidirectionallyBroadcastable(slope, input))
    return emitOpError("slope of shape ")
           << formatShape(slope) << " does not broadcast onto input of shape "
           << formatShape(input);
  return success();
}

//===----------------------------------------------------------------------===//
// Binary elementwise ops
//===----------------------------------------------------------------------===//

static LogicalResult inferBroadcastType(std::optional<Location> loc,
                                        StringRef opName, Value lhs, Value rhs,
                                        SmallVectorImpl<Type> &results) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  if (lhsType.getElementType() != rhsType.getElementType())
    return emitOptionalError(
        loc, "'", opName,
        "' op operand element types differ: ", lhsType.getElementType(), " vs ",
        rhsType.getElementType());
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(lhsType.getShape(), rhsType.getShape());
  if (failed(shape))
    return emitOptionalError(
        loc, "'", opName, "' op shapes ", formatShape(lhsType.getShape()),
        " and ", formatShape(rhsType.getShape()), " do not broadcast");
  results.push_back(RankedTensorType::get(*shape, lhsType.getElementType()));
  return success();
}

#define RECT_BINARY_INFER(OP)                                                  \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location> l, \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &results) {         \
    return inferBroadcastType(l, getOperationName(), adaptor.getLhs(),         \
                              adaptor.getRhs(), results);                      \
  }
RECT_BINARY_INFER(AddOp)
RECT_BINARY_INFER(SubOp)
RECT_BINARY_INFER(MulOp)
RECT_BINARY_INFER(DivOp)
RECT_BINARY_INFER(MaxOp)
RECT_BINARY_INFER(MinOp)
#undef RECT_BINARY_INFER

//===----------------------------------------------------------------------===//
// MatMulOp
//===----------------------------------------------------------------------===//

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  auto lhsType = rankedType(adaptor.getLhs());
  auto rhsType = rankedType(adaptor.getRhs());
  if (lhsType.getElementType() != rhsType.getElementType())
    return emitOptionalError(
        loc, "'", getOperationName(),
        "' op operand element types differ: ", lhsType.getElementType(), " vs ",
        rhsType.getElementType());
  if (lhsType.getRank() == 0 || rhsType.getRank() == 0)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op operands must have rank >= 1");
  // 1-D operands are promoted to matrices and the added dim removed after.
  SmallVector<int64_t> lhs(lhsType.getShape()), rhs(rhsType.getShape());
  bool lhsVector = lhs.size() == 1, rhsVector = rhs.size() == 1;
  if (lhsVector)
    lhs.insert(lhs.begin(), 1);
  if (rhsVector)
    rhs.push_back(1);
  int64_t lhsK = lhs.back(), rhsK = rhs[rhs.size() - 2];
  if (lhsK != kDynamic && rhsK != kDynamic && lhsK != rhsK)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op contracting dimensions differ: lhs ",
                             formatShape(lhsType.getShape()), " rhs ",
                             formatShape(rhsType.getShape()));
  FailureOr<SmallVector<int64_t>> batch = broadcastShapes(
      ArrayRef<int64_t>(lhs).drop_back(2), ArrayRef<int64_t>(rhs).drop_back(2));
  if (failed(batch))
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op batch dimensions do not broadcast: lhs ",
                             formatShape(lhsType.getShape()), " rhs ",
                             formatShape(rhsType.getShape()));
  SmallVector<int64_t> shape = *batch;
  if (!lhsVector)
    shape.push_back(lhs[lhs.size() - 2]);
  if (!rhsVector)
    shape.push_back(rhs.back());
  results.push_back(RankedTensorType::get(shape, lhsType.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// LinearOp
//===----------------------------------------------------------------------===//

LogicalResult LinearOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  auto inputType = rankedType(adaptor.getInput());
  auto weightType = rankedType(adaptor.getWeight());
  if (inputType.getRank() < 1)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op input must have rank >= 1");
  if (weightType.getRank() != 2)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op weight must be 2-D [N, K], got ",
                             formatShape(weightType.getShape()));
  SmallVector<int64_t> shape(inputType.getShape());
  shape.back() = weightType.getDimSize(0);
  results.push_back(RankedTensorType::get(shape, inputType.getElementType()));
  return success();
}

LogicalResult LinearOp::verify() {
  auto inputType = rankedType(getInput());
  auto weightType = rankedType(getWeight());
  // The op verifier runs before the inferred result type is checked, so the
  // ranks the rest relies on are checked here too.
  if (inputType.getRank() < 1)
    return emitOpError("input must have rank >= 1");
  if (weightType.getRank() != 2)
    return emitOpError("weight must be 2-D [N, K], got ")
           << formatShape(weightType.getShape());
  Type elementType = inputType.getElementType();
  if (weightType.getElementType() != elementType)
    return emitOpError("weight element type ")
           << weightType.getElementType() << " differs from input's "
           << elementType;
  int64_t k = inputType.getShape().back(), wk = weightType.getDimSize(1);
  if (k != kDynamic && wk != kDynamic && k != wk)
    return emitOpError("input has ")
           << k << " features but weight " << formatShape(weightType.getShape())
           << " expects " << wk;
  int64_t n = weightType.getDimSize(0);
  auto checkPerFeature = [&](Value v, StringRef what) -> LogicalResult {
    if (!v)
      return success();
    auto type = rankedType(v);
    if (type.getElementType() != elementType)
      return emitOpError(what) << " element type " << type.getElementType()
                               << " differs from input's " << elementType;
    bool ok = type.getRank() == 0 ||
              (type.getRank() == 1 &&
               (type.getDimSize(0) == 1 || type.getDimSize(0) == n));
    if (!ok)
      return emitOpError(what) << " must be a scalar, [1] or [" << n
                               << "], got " << formatShape(type.getShape());
    return success();
  };
  if (failed(checkPerFeature(getBias(), "bias")) ||
      failed(checkPerFeature(getSlope(), "slope")))
    return failure();
  bool isPRelu = getActivation().getKind() == ActivationKind::prelu;
  if (isPRelu && !getSlope())
    return emitOpError("prelu activation needs a slope operand");
  if (!isPRelu && getSlope())
    return emitOpError("slope operand given but the activation is ")
           << stringifyActivationKind(getActivation().getKind());
  return success();
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto inputType = rankedType(getInput());
  auto outputType = rankedType(getOutput());
  if (inputType.getElementType() != outputType.getElementType())
    return emitOpError("element type must not change");
  if (inputType.getNumDynamicDims() > 1 || outputType.getNumDynamicDims() > 1)
    return emitOpError("at most one dynamic dimension per side is supported");
  auto staticProduct = [](ArrayRef<int64_t> shape) {
    int64_t product = 1;
    for (int64_t d : shape)
      if (d != kDynamic)
        product *= d;
    return product;
  };
  int64_t in = staticProduct(inputType.getShape());
  int64_t out = staticProduct(outputType.getShape());
  bool inDynamic = !inputType.hasStaticShape();
  bool outDynamic = !outputType.hasStaticShape();
  if (inDynamic != outDynamic)
    return emitOpError("a dynamic dimension must exist on both sides or on "
                       "neither: ")
           << inputType << " -> " << outputType;
  if (!inDynamic && in != out)
    return emitOpError("element count changes from ") << in << " to " << out;
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  // With at most one dynamic dim per side (see the verifier), equal types
  // mean equal shapes.
  if (getInput().getType() == getType())
    return getInput();
  // reshape(reshape x) needs only the outer one.
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    if (inner.getInput().getType() == getType())
      return inner.getInput();
    setOperand(inner.getInput());
    return getResult();
  }
  if (!getType().hasStaticShape())
    return {};
  if (auto dense = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput()))
    return dense.reshape(getType());
  // A resource blob is row-major bytes: the new type shares the same blob.
  if (auto resource =
          dyn_cast_if_present<DenseResourceElementsAttr>(adaptor.getInput()))
    return DenseResourceElementsAttr::get(getType(), resource.getRawHandle());
  return {};
}

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &results) {
  auto inputType = rankedType(adaptor.getInput());
  int64_t rank = inputType.getRank();
  int64_t axis = adaptor.getAxis();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return emitOptionalError(loc, "'", getOperationName(), "' op axis ",
                             adaptor.getAxis(), " is out of range for rank ",
                             rank);
  auto product = [](ArrayRef<int64_t> dims) {
    int64_t p = 1;
    for (int64_t d : dims) {
      if (d == kDynamic)
        return kDynamic;
      p *= d;
    }
    return p;
  };
  ArrayRef<int64_t> shape = inputType.getShape();
  results.push_back(RankedTensorType::get(
      {product(shape.take_front(axis)), product(shape.drop_front(axis))},
      inputType.getElementType()));
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  auto inputType = rankedType(adaptor.getInput());
  ArrayRef<int64_t> perm = adaptor.getPermutation();
  int64_t rank = inputType.getRank();
  if (static_cast<int64_t>(perm.size()) != rank)
    return emitOptionalError(loc, "'", getOperationName(),
                             "' op permutation has ", perm.size(),
                             " entries but the input has rank ", rank);
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p]) {
      std::string text;
      llvm::raw_string_ostream os(text);
      llvm::interleaveComma(perm, os);
      return emitOptionalError(loc, "'", getOperationName(),
                               "' op permutation [", text,
                               "] is not a permutation of [0, ", rank, ")");
    }
    seen[p] = true;
    shape.push_back(inputType.getDimSize(p));
  }
  results.push_back(RankedTensorType::get(shape, inputType.getElementType()));
  return success();
}

static bool isIdentityPermutation(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (static_cast<int64_t>(i) != p)
      return false;
  return true;
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  ArrayRef<int64_t> perm = getPermutation();
  if (isIdentityPermutation(perm))
    return getInput();
  // transpose(transpose(x, inner), perm) is x when the two cancel out.
  if (auto inner = getInput().getDefiningOp<TransposeOp>()) {
    ArrayRef<int64_t> innerPerm = inner.getPermutation();
    SmallVector<int64_t> composed;
    for (int64_t p : perm)
      composed.push_back(innerPerm[p]);
    if (isIdentityPermutation(composed))
      return inner.getInput();
  }
  // Constants (weights included) are permuted at compile time.
  if (auto elements = dyn_cast_if_present<ElementsAttr>(adaptor.getInput()))
    return transposeElements(elements, perm, getType());
  return {};
}

LogicalResult SoftmaxOp::verify() {
  int64_t rank = getType().getRank();
  int64_t axis = getAxis();
  if (axis < -rank || axis >= rank)
    return emitOpError("axis ") << axis << " is out of range for rank " << rank;
  return success();
}

#define GET_OP_CLASSES
#include "rectify/Dialect/Rect/IR/RectOps.cpp.inc"
