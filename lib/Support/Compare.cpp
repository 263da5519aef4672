//===- Compare.cpp - Numerical comparison of tensors ----------------------===//

#include "rectify/Support/Compare.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <limits>

using namespace rectify;

Tolerance Tolerance::getDefault() {
  Tolerance tolerance;
  tolerance.atol = 1e-5;
  tolerance.rtol = 1e-5;
  return tolerance;
}

std::string Tolerance::describe() const {
  std::string result;
  llvm::raw_string_ostream os(result);
  if (hasElementwise())
    os << "atol " << llvm::format("%g", atol.value_or(0)) << ", rtol "
       << llvm::format("%g", rtol.value_or(0));
  if (maxRel)
    os << (hasElementwise() ? ", " : "") << "max-rel "
       << llvm::format("%g", *maxRel);
  return result;
}

/// Whether a pair involving a NaN or an infinity matches: only identical
/// non-finite values do.
static bool nonFiniteMatches(float actual, float expected) {
  if (std::isnan(expected))
    return std::isnan(actual);
  return actual == expected;
}

llvm::Expected<CompareResult>
rectify::compareTensors(const FloatTensor &actual, const FloatTensor &expected,
                        const Tolerance &tolerance) {
  if (actual.shape != expected.shape)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "shape mismatch: got " + formatTensorShape(actual.shape) +
            ", expected " + formatTensorShape(expected.shape));

  CompareResult result;
  result.numElements = actual.getNumElements();
  double atol = tolerance.atol.value_or(0);
  double rtol = tolerance.rtol.value_or(0);
  constexpr double kInf = std::numeric_limits<double>::infinity();

  // First pass: maxima, elementwise and non-finite mismatches.
  std::vector<bool> mismatch(result.numElements, false);
  int64_t largestErrorIndex = -1;
  for (int64_t i = 0; i < result.numElements; ++i) {
    float got = actual.data[i], want = expected.data[i];
    if (!std::isfinite(got) || !std::isfinite(want)) {
      mismatch[i] = !nonFiniteMatches(got, want);
      continue;
    }
    double error = std::fabs(double(got) - double(want));
    result.maxAbsActual = std::max(result.maxAbsActual, std::fabs(double(got)));
    result.maxAbsExpected =
        std::max(result.maxAbsExpected, std::fabs(double(want)));
    if (largestErrorIndex < 0 || error > result.maxAbsError) {
      result.maxAbsError = error;
      largestErrorIndex = i;
    }
    if (tolerance.hasElementwise() && error > atol + rtol * std::fabs(want))
      mismatch[i] = true;
  }

  // Second pass: the whole-tensor bound, applied per element so the count
  // says how many elements exceed it.
  if (tolerance.maxRel) {
    double bound = *tolerance.maxRel * result.maxAbsExpected;
    for (int64_t i = 0; i < result.numElements; ++i) {
      float got = actual.data[i], want = expected.data[i];
      if (std::isfinite(got) && std::isfinite(want) &&
          std::fabs(double(got) - double(want)) > bound)
        mismatch[i] = true;
    }
  }

  auto errorAt = [&](int64_t i) {
    float got = actual.data[i], want = expected.data[i];
    if (!std::isfinite(got) || !std::isfinite(want))
      return nonFiniteMatches(got, want) ? 0.0 : kInf;
    return std::fabs(double(got) - double(want));
  };
  int64_t worst = largestErrorIndex;
  for (int64_t i = 0; i < result.numElements; ++i) {
    if (!mismatch[i])
      continue;
    ++result.numMismatches;
    if (result.numMismatches == 1 || errorAt(i) > errorAt(worst))
      worst = i;
  }
  if (worst < 0 && result.numElements > 0)
    worst = 0;
  if (worst >= 0) {
    result.worstIndex = worst;
    result.worstActual = actual.data[worst];
    result.worstExpected = expected.data[worst];
    result.worstError = errorAt(worst);
  }
  return result;
}
