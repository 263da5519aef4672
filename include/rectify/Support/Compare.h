//===- Compare.h - Numerical comparison of tensors --------------*- C++ -*-===//
//
// The check behind `rectify-run --expect`: elementwise
//   |got - want| <= atol + rtol * |want|
// and/or the whole-tensor bound
//   max |got - want| <= maxRel * max |want|.
// A NaN matches only a NaN, and an infinity only the same infinity.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_SUPPORT_COMPARE_H
#define RECTIFY_SUPPORT_COMPARE_H

#include "rectify/Support/Tensor.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>

namespace rectify {

struct Tolerance {
  /// Elementwise bound atol + rtol * |want|; disabled when neither is set.
  std::optional<double> atol;
  std::optional<double> rtol;
  /// Whole-tensor bound maxRel * max |want|; disabled when unset.
  std::optional<double> maxRel;

  /// The bound used when the user gives none: atol = rtol = 1e-5.
  static Tolerance getDefault();
  bool hasElementwise() const { return atol || rtol; }
  /// E.g. "atol 1e-05, rtol 1e-05" or "max-rel 1e-05".
  std::string describe() const;
};

struct CompareResult {
  int64_t numElements = 0;
  /// Elements outside the bound (for max-rel: |got - want| above
  /// maxRel * max |want|), non-finite mismatches included.
  int64_t numMismatches = 0;
  /// Over elements where both values are finite.
  double maxAbsError = 0;
  double maxAbsExpected = 0;
  double maxAbsActual = 0;
  /// The mismatching element with the largest error (a NaN or infinity
  /// mismatch counts as infinite error); when everything passes, the element
  /// with the largest finite error. -1 for empty tensors.
  int64_t worstIndex = -1;
  float worstActual = 0;
  float worstExpected = 0;
  double worstError = 0;

  bool passed() const { return numMismatches == 0; }
};

/// Compares `actual` with `expected`. Returns an error when the shapes
/// differ; otherwise the result says whether the bound holds.
llvm::Expected<CompareResult> compareTensors(const FloatTensor &actual,
                                             const FloatTensor &expected,
                                             const Tolerance &tolerance);

} // namespace rectify

#endif // RECTIFY_SUPPORT_COMPARE_H
