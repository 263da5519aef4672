//===- RectElements.cpp - Reading and permuting constant payloads ---------===//
//
// Helpers over the payloads of rect.constant: the splat value of a float
// constant and the transposition of `dense` and `dense_resource` elements, so
// folders and patterns treat imported weights (resource blobs) and small
// literal constants alike.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

using namespace mlir;
using namespace rectify::rect;

/// The bytes of a loaded `dense_resource` blob, or std::nullopt.
static std::optional<ArrayRef<char>>
getResourceBytes(DenseResourceElementsAttr attr) {
  const AsmResourceBlob *blob = attr.getRawHandle().getBlob();
  if (!blob)
    return std::nullopt;
  return blob->getData();
}

/// Bytes per element of `type`'s elements in a densely packed buffer holding
/// `numBytes` bytes, or 0 when the buffer does not hold whole elements.
static size_t getElementBytes(ShapedType type, size_t numBytes) {
  int64_t numElements = type.getNumElements();
  if (numElements <= 0 || numBytes % numElements != 0)
    return 0;
  return numBytes / numElements;
}

std::optional<APFloat> rectify::rect::getSplatFloat(Attribute value) {
  if (auto dense = dyn_cast_if_present<DenseElementsAttr>(value)) {
    if (!dense.isSplat() || !isa<FloatType>(dense.getElementType()))
      return std::nullopt;
    return dense.getSplatValue<APFloat>();
  }
  auto resource = dyn_cast_if_present<DenseResourceElementsAttr>(value);
  if (!resource)
    return std::nullopt;
  auto floatType = dyn_cast<FloatType>(resource.getType().getElementType());
  if (!floatType)
    return std::nullopt;
  unsigned width = floatType.getWidth();
  if (width != 16 && width != 32 && width != 64)
    return std::nullopt;
  std::optional<ArrayRef<char>> bytes = getResourceBytes(resource);
  if (!bytes)
    return std::nullopt;
  size_t elementBytes = width / 8;
  if (getElementBytes(resource.getType(), bytes->size()) != elementBytes)
    return std::nullopt;
  // Every element must have the bit pattern of the first one.
  for (size_t offset = elementBytes; offset < bytes->size();
       offset += elementBytes)
    if (std::memcmp(bytes->data(), bytes->data() + offset, elementBytes) != 0)
      return std::nullopt;
  uint64_t raw = 0;
  std::memcpy(&raw, bytes->data(), elementBytes);
  return APFloat(floatType.getFloatSemantics(), APInt(width, raw));
}

std::optional<APFloat> rectify::rect::getSplatFloat(Value value) {
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return getSplatFloat(attr);
}

/// Copies `src`, a row-major array of shape `inShape` with `elementBytes`-byte
/// elements, into `dst` with its dimensions permuted by `permutation`.
static void permuteBytes(ArrayRef<char> src, MutableArrayRef<char> dst,
                         ArrayRef<int64_t> inShape,
                         ArrayRef<int64_t> permutation, size_t elementBytes) {
  size_t rank = inShape.size();
  SmallVector<int64_t> inStrides(rank, 1);
  for (size_t i = rank; i > 1; --i)
    inStrides[i - 2] = inStrides[i - 1] * inShape[i - 1];
  // Walk the result in row-major order; `strides[d]` is how far one step
  // along result dim d moves in the source.
  SmallVector<int64_t> outShape(rank), strides(rank), index(rank, 0);
  int64_t numElements = 1;
  for (size_t d = 0; d < rank; ++d) {
    outShape[d] = inShape[permutation[d]];
    strides[d] = inStrides[permutation[d]];
    numElements *= inShape[d];
  }
  int64_t srcElement = 0;
  for (int64_t dstElement = 0; dstElement < numElements; ++dstElement) {
    std::memcpy(dst.data() + dstElement * elementBytes,
                src.data() + srcElement * elementBytes, elementBytes);
    for (size_t d = rank; d > 0; --d) {
      srcElement += strides[d - 1];
      if (++index[d - 1] < outShape[d - 1])
        break;
      srcElement -= strides[d - 1] * outShape[d - 1];
      index[d - 1] = 0;
    }
  }
}

ElementsAttr rectify::rect::transposeElements(ElementsAttr elements,
                                              ArrayRef<int64_t> permutation,
                                              ShapedType resultType) {
  auto inType = cast<ShapedType>(elements.getType());
  if (!inType.hasStaticShape() || !resultType.hasStaticShape() ||
      inType.getNumElements() != resultType.getNumElements() ||
      static_cast<size_t>(inType.getRank()) != permutation.size())
    return {};

  if (auto dense = dyn_cast<DenseElementsAttr>(elements)) {
    if (dense.isSplat())
      return dense.resizeSplat(resultType);
    // Booleans are bit-packed; leave them to the runtime.
    if (dense.getElementType().isInteger(1))
      return {};
    ArrayRef<char> src = dense.getRawData();
    size_t elementBytes = getElementBytes(inType, src.size());
    if (elementBytes == 0)
      return {};
    SmallVector<char> dst(src.size());
    permuteBytes(src, dst, inType.getShape(), permutation, elementBytes);
    return DenseElementsAttr::getFromRawBuffer(resultType, dst);
  }

  auto resource = dyn_cast<DenseResourceElementsAttr>(elements);
  if (!resource || resource.getType().getElementType().isInteger(1))
    return {};
  const AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob)
    return {};
  ArrayRef<char> src = blob->getData();
  size_t elementBytes = getElementBytes(inType, src.size());
  if (elementBytes == 0)
    return {};
  AsmResourceBlob result =
      HeapAsmResourceBlob::allocate(src.size(), blob->getDataAlignment());
  permuteBytes(src, result.getMutableData(), inType.getShape(), permutation,
               elementBytes);
  // The manager makes the name unique if a blob of that name exists already.
  std::string name = (resource.getRawHandle().getKey() + "_transposed").str();
  return DenseResourceElementsAttr::get(resultType, name, std::move(result));
}
