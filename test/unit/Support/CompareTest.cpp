//===- CompareTest.cpp - The --expect numerical check ---------------------===//

#include "rectify/Support/Compare.h"

#include "TestErrors.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace rectify;
using rectify::testing::errorOf;

namespace {

FloatTensor makeTensor(std::vector<float> values) {
  FloatTensor tensor;
  tensor.shape = {static_cast<int64_t>(values.size())};
  tensor.data = std::move(values);
  return tensor;
}

Tolerance elementwise(double atol, double rtol) {
  Tolerance tolerance;
  tolerance.atol = atol;
  tolerance.rtol = rtol;
  return tolerance;
}

Tolerance maxRelative(double maxRel) {
  Tolerance tolerance;
  tolerance.maxRel = maxRel;
  return tolerance;
}

CompareResult compare(std::vector<float> got, std::vector<float> want,
                      const Tolerance &tolerance) {
  return llvm::cantFail(
      compareTensors(makeTensor(got), makeTensor(want), tolerance));
}

} // namespace

TEST(CompareTest, EqualTensorsPass) {
  CompareResult result =
      compare({1, -2, 3}, {1, -2, 3}, Tolerance::getDefault());
  EXPECT_TRUE(result.passed());
  EXPECT_EQ(result.numElements, 3);
  EXPECT_EQ(result.maxAbsError, 0);
  EXPECT_EQ(result.maxAbsExpected, 3);
  EXPECT_EQ(result.maxAbsActual, 3);
}

TEST(CompareTest, ElementwiseBoundUsesExpectedMagnitude) {
  // Bound at 100: 0.5 + 0.01 * 100 = 1.5; at 1: 0.5 + 0.01 = 0.51.
  EXPECT_TRUE(compare({101.4f}, {100}, elementwise(0.5, 0.01)).passed());
  EXPECT_FALSE(compare({101.6f}, {100}, elementwise(0.5, 0.01)).passed());
  EXPECT_TRUE(compare({1.5f}, {1}, elementwise(0.5, 0.01)).passed());
  EXPECT_FALSE(compare({1.52f}, {1}, elementwise(0.5, 0.01)).passed());
}

TEST(CompareTest, ReportsWorstMismatchAndCount) {
  CompareResult result =
      compare({0, 1.1f, 5, 2.5f}, {0, 1, 2, 2}, elementwise(0.2, 0));
  EXPECT_EQ(result.numMismatches, 2);
  EXPECT_EQ(result.worstIndex, 2);
  EXPECT_EQ(result.worstActual, 5);
  EXPECT_EQ(result.worstExpected, 2);
  EXPECT_DOUBLE_EQ(result.worstError, 3);
  EXPECT_DOUBLE_EQ(result.maxAbsError, 3);
}

TEST(CompareTest, PassingResultStillNamesLargestError) {
  CompareResult result =
      compare({1, 2.001f, 3}, {1, 2, 3}, elementwise(0.01, 0));
  EXPECT_TRUE(result.passed());
  EXPECT_EQ(result.worstIndex, 1);
}

TEST(CompareTest, NaNMatchesOnlyNaN) {
  Tolerance tolerance = elementwise(1, 1);
  EXPECT_TRUE(compare({NAN, 1}, {NAN, 1}, tolerance).passed());
  CompareResult gotNaN = compare({NAN, 1}, {0, 1}, tolerance);
  EXPECT_EQ(gotNaN.numMismatches, 1);
  EXPECT_EQ(gotNaN.worstIndex, 0);
  EXPECT_TRUE(std::isinf(gotNaN.worstError));
  EXPECT_FALSE(compare({0}, {NAN}, tolerance).passed());
  // Non-finite values stay out of the maxima.
  EXPECT_EQ(gotNaN.maxAbsActual, 1);
}

TEST(CompareTest, InfinityMatchesSameInfinity) {
  Tolerance tolerance = elementwise(1, 1);
  EXPECT_TRUE(compare({INFINITY, -INFINITY}, {INFINITY, -INFINITY}, tolerance)
                  .passed());
  EXPECT_FALSE(compare({-INFINITY}, {INFINITY}, tolerance).passed());
  EXPECT_FALSE(compare({1e30f}, {INFINITY}, tolerance).passed());
}

TEST(CompareTest, MaxRelativeBound) {
  // max |want| = 10, bound 1e-3 * 10 = 0.01.
  EXPECT_TRUE(compare({10, 0.009f}, {10, 0}, maxRelative(1e-3)).passed());
  CompareResult result =
      compare({10, 0.02f, 0.05f}, {10, 0, 0}, maxRelative(1e-3));
  EXPECT_EQ(result.numMismatches, 2);
  EXPECT_EQ(result.worstIndex, 2);
  // Elementwise alone would reject the small element that max-rel accepts.
  EXPECT_FALSE(compare({10, 0.009f}, {10, 0}, elementwise(0, 1e-3)).passed());
}

TEST(CompareTest, BothBoundsMustHold) {
  Tolerance tolerance = elementwise(0.5, 0);
  tolerance.maxRel = 1e-3;
  EXPECT_FALSE(compare({10, 0.4f}, {10, 0}, tolerance).passed());
}

TEST(CompareTest, ShapeMismatchIsAnError) {
  FloatTensor a({2, 3}), b({3, 2});
  EXPECT_EQ(errorOf(compareTensors(a, b, Tolerance::getDefault())),
            "shape mismatch: got 2x3, expected 3x2");
}

TEST(CompareTest, EmptyTensorsPass) {
  FloatTensor a({0, 4}), b({0, 4});
  CompareResult result =
      llvm::cantFail(compareTensors(a, b, Tolerance::getDefault()));
  EXPECT_TRUE(result.passed());
  EXPECT_EQ(result.worstIndex, -1);
}

TEST(CompareTest, DescribesTolerance) {
  EXPECT_EQ(Tolerance::getDefault().describe(), "atol 1e-05, rtol 1e-05");
  EXPECT_EQ(maxRelative(1e-5).describe(), "max-rel 1e-05");
  Tolerance both = elementwise(0.5, 0);
  both.maxRel = 0.25;
  EXPECT_EQ(both.describe(), "atol 0.5, rtol 0, max-rel 0.25");
}
