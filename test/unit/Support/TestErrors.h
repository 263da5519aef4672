//===- TestErrors.h - GoogleTest checks for llvm::Error/Expected *- C++ -*-===//
//
// Debian ships no LLVMTestingSupport library, so the tests use these small
// macros instead of ASSERT_THAT_ERROR / ASSERT_THAT_EXPECTED.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_TEST_UNIT_SUPPORT_TESTERRORS_H
#define RECTIFY_TEST_UNIT_SUPPORT_TESTERRORS_H

#include "llvm/Support/Error.h"

#include "gtest/gtest.h"

#include <string>

/// Fails the test (and returns) when `expr`, an llvm::Error, is an error.
#define RECTIFY_ASSERT_SUCCESS(expr)                                           \
  do {                                                                         \
    if (llvm::Error rectifyErr = (expr))                                       \
      FAIL() << llvm::toString(std::move(rectifyErr));                         \
  } while (0)

/// Fails the test (and returns) when `value`, an llvm::Expected lvalue,
/// holds an error.
#define RECTIFY_ASSERT_EXPECTED(value)                                         \
  do {                                                                         \
    if (!(value))                                                              \
      FAIL() << llvm::toString((value).takeError());                           \
  } while (0)

namespace rectify::testing {

/// The message of `err`, or "(no error)".
inline std::string errorOf(llvm::Error err) {
  if (!err)
    return "(no error)";
  return llvm::toString(std::move(err));
}

/// The message of the error in `value`, or "(no error)".
template <typename T> std::string errorOf(llvm::Expected<T> value) {
  if (value)
    return "(no error)";
  return llvm::toString(value.takeError());
}

} // namespace rectify::testing

#endif // RECTIFY_TEST_UNIT_SUPPORT_TESTERRORS_H
