//===- FloatElements.cpp - Reading and writing f32 constant payloads ------===//
//
// Weights are `dense_resource` blobs (see RectElements.cpp); small literal
// constants are `dense`. The range analysis reads both, and structural
// pruning writes smaller weights back in the form they came in.
//
//===----------------------------------------------------------------------===//

#include "rectify/Analysis/FloatElements.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

using namespace mlir;

std::optional<SmallVector<double>> rectify::readFloatElements(Attribute attr) {
  if (auto dense = dyn_cast_if_present<DenseElementsAttr>(attr)) {
    if (!isa<FloatType>(dense.getElementType()))
      return std::nullopt;
    SmallVector<double> values;
    values.reserve(dense.getNumElements());
    for (APFloat value : dense.getValues<APFloat>())
      values.push_back(value.convertToDouble());
    return values;
  }
  auto resource = dyn_cast_if_present<DenseResourceElementsAttr>(attr);
  if (!resource)
    return std::nullopt;
  Type elementType = resource.getType().getElementType();
  if (!elementType.isF32() && !elementType.isF64())
    return std::nullopt;
  const AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob)
    return std::nullopt;
  ArrayRef<char> bytes = blob->getData();
  int64_t count = resource.getType().getNumElements();
  size_t width = elementType.isF32() ? 4 : 8;
  if (bytes.size() != static_cast<size_t>(count) * width)
    return std::nullopt;
  SmallVector<double> values(count);
  for (int64_t i = 0; i < count; ++i) {
    if (width == 4) {
      float f;
      std::memcpy(&f, bytes.data() + i * 4, 4);
      values[i] = f;
    } else {
      std::memcpy(&values[i], bytes.data() + i * 8, 8);
    }
  }
  return values;
}

std::optional<SmallVector<double>> rectify::readFloatElements(Value value) {
  Attribute attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return readFloatElements(attr);
}

ElementsAttr rectify::makeF32Elements(ShapedType type, ArrayRef<float> values,
                                      Attribute like, StringRef resourceName) {
  if (!isa_and_nonnull<DenseResourceElementsAttr>(like))
    return DenseElementsAttr::get(type, values);
  AsmResourceBlob blob = HeapAsmResourceBlob::allocate(
      values.size() * sizeof(float), alignof(float));
  std::memcpy(blob.getMutableData().data(), values.data(),
              values.size() * sizeof(float));
  // The manager makes the name unique if a blob of that name exists already.
  return DenseResourceElementsAttr::get(type, resourceName, std::move(blob));
}
