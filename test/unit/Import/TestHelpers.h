//===- TestHelpers.h - llvm::Expected helpers for the importer tests ------===//
#ifndef RECTIFY_TEST_UNIT_IMPORT_TESTHELPERS_H
#define RECTIFY_TEST_UNIT_IMPORT_TESTHELPERS_H

#include "llvm/Support/Error.h"

#include "gtest/gtest.h"

#include <string>

namespace rectify::unittest {

/// The value of `expected`; records a test failure (with the message) and
/// returns a default value when it holds an error.
template <typename T> T valueOrFail(llvm::Expected<T> expected) {
  if (expected)
    return std::move(*expected);
  ADD_FAILURE() << "unexpected error: " << llvm::toString(expected.takeError());
  return T();
}

/// The message of the error in `expected`, or "" when it holds a value.
template <typename T> std::string errorOf(llvm::Expected<T> expected) {
  if (expected)
    return "";
  return llvm::toString(expected.takeError());
}

inline std::string errorOf(llvm::Error error) {
  return llvm::toString(std::move(error));
}

} // namespace rectify::unittest

#endif // RECTIFY_TEST_UNIT_IMPORT_TESTHELPERS_H
