//===- Tensor.h - A host float32 tensor and shape helpers -------*- C++ -*-===//
//
// The in-memory tensor the tools pass around: a dense, row-major float32
// buffer with its shape. Shapes use -1 for a dynamic extent, as the model ABI
// does.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_SUPPORT_TENSOR_H
#define RECTIFY_SUPPORT_TENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rectify {

/// A dense, row-major float32 tensor owned by the host.
struct FloatTensor {
  llvm::SmallVector<int64_t, 4> shape;
  std::vector<float> data;

  FloatTensor() = default;
  /// Zero-filled tensor of `shape` (every extent must be non-negative).
  explicit FloatTensor(llvm::ArrayRef<int64_t> shape);

  int64_t getNumElements() const { return static_cast<int64_t>(data.size()); }
};

/// Product of the extents of a static shape; std::nullopt when an extent is
/// negative or the product overflows int64_t.
std::optional<int64_t> getNumElements(llvm::ArrayRef<int64_t> shape);

/// Formats a shape as `7x784`, with `?` for a dynamic (-1) extent and
/// `scalar` for rank 0.
std::string formatTensorShape(llvm::ArrayRef<int64_t> shape);

/// Formats the row-major multi-index of flat element `index`, e.g. `[3, 7]`.
std::string formatIndex(int64_t index, llvm::ArrayRef<int64_t> shape);

/// Turns a tensor name into a file name component: characters outside
/// [A-Za-z0-9._-] become '_', and names that are empty, start with '.' or are
/// longer than 200 bytes are adjusted so the result is a safe plain file name.
std::string sanitizeFileName(llvm::StringRef name);

} // namespace rectify

#endif // RECTIFY_SUPPORT_TENSOR_H
