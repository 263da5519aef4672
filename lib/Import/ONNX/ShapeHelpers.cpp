//===- ShapeHelpers.cpp - ONNX shape rules used by the importer -----------===//

#include "rectify/Import/ONNX/ShapeHelpers.h"

#include "rectify/Import/ONNX/InputShapes.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

static constexpr int64_t kDynamic = mlir::ShapedType::kDynamic;

static Error shapeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// Product of the static dims, and how many dims are dynamic.
static std::pair<int64_t, int> staticProduct(ArrayRef<int64_t> shape) {
  int64_t product = 1;
  int dynamic = 0;
  for (int64_t d : shape) {
    if (d == kDynamic)
      ++dynamic;
    else
      product *= d;
  }
  return {product, dynamic};
}

Expected<SmallVector<int64_t>>
rectify::computeReshapeShape(ArrayRef<int64_t> input,
                             ArrayRef<int64_t> requested, bool allowZero) {
  SmallVector<int64_t> result;
  std::optional<size_t> inferred;
  bool hasZero = false;
  for (auto [i, d] : llvm::enumerate(requested)) {
    if (d == -1) {
      if (inferred)
        return shapeError("the shape has more than one -1");
      inferred = i;
      result.push_back(kDynamic);
      continue;
    }
    if (d < -1)
      return shapeError(formatv("the shape has an invalid dimension {0}", d));
    if (d == 0 && !allowZero) {
      if (i >= input.size())
        return shapeError(formatv("dimension {0} is 0 (copy the input "
                                  "dimension) but the input has rank {1}",
                                  i, input.size()));
      result.push_back(input[i]);
      continue;
    }
    hasZero |= d == 0;
    result.push_back(d);
  }
  if (inferred && hasZero)
    return shapeError("the shape has both -1 and 0 with allowzero set");

  auto [inProduct, inDynamic] = staticProduct(input);
  SmallVector<int64_t> known(result);
  if (inferred)
    known.erase(known.begin() + *inferred);
  auto [outProduct, outDynamic] = staticProduct(known);
  if (inDynamic > 1)
    return shapeError(
        formatv("the input [{0}] has more than one dynamic dimension",
                formatShape(input)));

  if (inferred) {
    if (inDynamic == outDynamic) {
      // Dynamic dims cancel (a 0 copied the input's dynamic dim, if any).
      if (outProduct == 0 || inProduct % outProduct != 0)
        return shapeError(
            formatv("cannot infer the -1 dimension: {0} elements do not "
                    "divide into [{1}]",
                    inProduct, formatShape(result)));
      result[*inferred] = inProduct / outProduct;
      return result;
    }
    // The -1 absorbs the input's dynamic dimension.
    if (outProduct == 0 || inProduct % outProduct != 0)
      return shapeError(formatv("cannot reshape [{0}] to [{1}]",
                                formatShape(input), formatShape(result)));
    return result;
  }
  if (inDynamic != outDynamic)
    return shapeError(
        formatv("cannot reshape [{0}] to the static shape [{1}]: the dynamic "
                "dimension has no place in it (fix it with --input-shape)",
                formatShape(input), formatShape(result)));
  if (inProduct != outProduct)
    return shapeError(formatv(
        "cannot reshape [{0}] ({1} elements) to [{2}] ({3} elements)",
        formatShape(input), inProduct, formatShape(result), outProduct));
  return result;
}

Expected<SmallVector<int64_t>>
rectify::computeFlattenShape(ArrayRef<int64_t> shape, int64_t axis) {
  int64_t rank = shape.size();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return shapeError(
        formatv("axis {0} is out of range for rank {1}", axis, rank));
  auto product = [](ArrayRef<int64_t> dims) {
    int64_t p = 1;
    for (int64_t d : dims) {
      if (d == kDynamic)
        return kDynamic;
      p *= d;
    }
    return p;
  };
  return SmallVector<int64_t>{product(shape.take_front(axis)),
                              product(shape.drop_front(axis))};
}

Expected<rectify::GemmBiasPlan>
rectify::classifyGemmBias(ArrayRef<int64_t> c, int64_t m, int64_t n) {
  auto broadcastsTo = [](int64_t dim, int64_t target) {
    return dim == 1 || dim == target || dim == kDynamic || target == kDynamic;
  };
  if (c.size() > 2)
    return shapeError(formatv("C of shape [{0}] has rank {1}; Gemm takes a "
                              "C of rank at most 2",
                              formatShape(c), c.size()));
  if (c.empty())
    return GemmBiasPlan{GemmBiasKind::Bias, {}};
  int64_t cn = c.back();
  if (!broadcastsTo(cn, n))
    return shapeError(formatv("C of shape [{0}] does not broadcast to "
                              "[{1}x{2}]",
                              formatShape(c), formatShape({m}),
                              formatShape({n})));
  if (c.size() == 2 && !broadcastsTo(c[0], m))
    return shapeError(
        formatv("C of shape [{0}] does not broadcast to [{1}x{2}]",
                formatShape(c), formatShape({m}), formatShape({n})));
  // A C that varies along M is added after the linear.
  if (c.size() == 2 && c[0] != 1)
    return GemmBiasPlan{GemmBiasKind::Add, {}};
  if (cn == kDynamic)
    return GemmBiasPlan{GemmBiasKind::Add, {}};
  return GemmBiasPlan{GemmBiasKind::Bias, {cn}};
}
