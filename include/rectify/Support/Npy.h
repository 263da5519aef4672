//===- Npy.h - Reading and writing NumPy .npy files -------------*- C++ -*-===//
//
// The .npy format (versions 1.0, 2.0 and 3.0): a magic string, a header that
// is a Python dict literal {'descr': '<f4', 'fortran_order': False,
// 'shape': (2, 3), } and the raw elements. Only C-order arrays of the element
// types below are supported; every error names the file and the reason.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_SUPPORT_NPY_H
#define RECTIFY_SUPPORT_NPY_H

#include "rectify/Support/Tensor.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rectify {

/// Element types a .npy file may hold.
enum class NpyDType { Float32, Float64, Int64, Int32, Bool, UInt8 };

/// NumPy's name of the type, e.g. "float32".
llvm::StringRef getNpyDTypeName(NpyDType dtype);
/// Size of one element in bytes.
int64_t getNpyDTypeSize(NpyDType dtype);

/// An array as stored in a .npy file: element type, C-order shape, and the
/// elements in the host's byte order.
struct NpyArray {
  NpyDType dtype = NpyDType::Float32;
  llvm::SmallVector<int64_t, 4> shape;
  std::vector<uint8_t> bytes;

  int64_t getNumElements() const {
    return static_cast<int64_t>(bytes.size()) / getNpyDTypeSize(dtype);
  }
};

/// Whether reading into a given element type may convert from another one.
enum class DTypeConversion {
  /// The file must already hold the requested type.
  Reject,
  /// Convert from any supported type that the target can represent (to
  /// float32: every type; to int64: the integer types and bool).
  Allow,
};

/// Parses the contents of a .npy file; `name` (usually the path) prefixes
/// every error message.
llvm::Expected<NpyArray> parseNpy(llvm::StringRef contents,
                                  llvm::StringRef name);

/// Reads and parses the .npy file at `path`.
llvm::Expected<NpyArray> readNpyFile(llvm::StringRef path);

/// Converts `array` to float32; `name` is used in error messages.
llvm::Expected<FloatTensor>
convertToFloatTensor(const NpyArray &array, llvm::StringRef name,
                     DTypeConversion conversion = DTypeConversion::Reject);

/// Converts `array` to int64; `name` is used in error messages.
llvm::Expected<std::vector<int64_t>>
convertToInt64(const NpyArray &array, llvm::StringRef name,
               DTypeConversion conversion = DTypeConversion::Reject);

/// Reads a .npy file as float32 (`<f4`, or any type with Allow).
llvm::Expected<FloatTensor>
readNpyFloat32(llvm::StringRef path,
               DTypeConversion conversion = DTypeConversion::Reject);

/// Serialises `array` in .npy format (version 1.0, or 2.0 when the header
/// does not fit 1.0's 16-bit length), little-endian.
std::string serializeNpy(const NpyArray &array);

/// Writes `array` to `path` in .npy format.
llvm::Error writeNpyFile(llvm::StringRef path, const NpyArray &array);

/// Writes `tensor` to `path` as a little-endian float32 (`<f4`) .npy file.
llvm::Error writeNpyFile(llvm::StringRef path, const FloatTensor &tensor);

} // namespace rectify

#endif // RECTIFY_SUPPORT_NPY_H
