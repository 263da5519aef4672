//===- Tensor.cpp - A host float32 tensor and shape helpers ---------------===//

#include "rectify/Support/Tensor.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cassert>

using namespace rectify;

FloatTensor::FloatTensor(llvm::ArrayRef<int64_t> shape)
    : shape(shape.begin(), shape.end()) {
  std::optional<int64_t> count = rectify::getNumElements(shape);
  assert(count && "FloatTensor needs a static, non-overflowing shape");
  data.assign(static_cast<size_t>(count.value_or(0)), 0.0f);
}

std::optional<int64_t> rectify::getNumElements(llvm::ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t extent : shape) {
    if (extent < 0)
      return std::nullopt;
    if (llvm::MulOverflow(count, extent, count))
      return std::nullopt;
  }
  return count;
}

std::string rectify::formatTensorShape(llvm::ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string result;
  llvm::raw_string_ostream os(result);
  llvm::interleave(
      shape, os,
      [&](int64_t extent) {
        if (extent < 0)
          os << '?';
        else
          os << extent;
      },
      "x");
  return result;
}

std::string rectify::formatIndex(int64_t index, llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t, 4> coords(shape.size(), 0);
  for (size_t i = shape.size(); i-- > 0;) {
    if (shape[i] <= 0)
      continue;
    coords[i] = index % shape[i];
    index /= shape[i];
  }
  std::string result;
  llvm::raw_string_ostream os(result);
  os << '[';
  llvm::interleaveComma(coords, os);
  os << ']';
  return result;
}

std::string rectify::sanitizeFileName(llvm::StringRef name) {
  constexpr size_t kMaxLength = 200;
  std::string result;
  for (char c : name.take_front(kMaxLength)) {
    bool safe = llvm::isAlnum(c) || c == '.' || c == '_' || c == '-';
    result.push_back(safe ? c : '_');
  }
  if (result.empty() || result.front() == '.')
    result.insert(result.begin(), '_');
  return result;
}
