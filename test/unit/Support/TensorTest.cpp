//===- TensorTest.cpp - Shape and name helpers ----------------------------===//

#include "rectify/Support/Tensor.h"

#include "gtest/gtest.h"

#include <limits>

using namespace rectify;

TEST(TensorTest, NumElements) {
  EXPECT_EQ(getNumElements({}), 1);
  EXPECT_EQ(getNumElements({7, 784}), 7 * 784);
  EXPECT_EQ(getNumElements({0, 3}), 0);
  EXPECT_EQ(getNumElements({-1, 3}), std::nullopt);
  int64_t big = std::numeric_limits<int64_t>::max() / 2;
  EXPECT_EQ(getNumElements({big, 3}), std::nullopt);
}

TEST(TensorTest, ZeroFilledConstructor) {
  FloatTensor tensor({2, 3});
  EXPECT_EQ(tensor.getNumElements(), 6);
  for (float value : tensor.data)
    EXPECT_EQ(value, 0.0f);
}

TEST(TensorTest, FormatShape) {
  EXPECT_EQ(formatTensorShape({}), "scalar");
  EXPECT_EQ(formatTensorShape({7}), "7");
  EXPECT_EQ(formatTensorShape({-1, 784}), "?x784");
  EXPECT_EQ(formatTensorShape({1, 3, 224, 224}), "1x3x224x224");
}

TEST(TensorTest, FormatIndex) {
  EXPECT_EQ(formatIndex(0, {}), "[]");
  EXPECT_EQ(formatIndex(5, {10}), "[5]");
  EXPECT_EQ(formatIndex(5, {2, 3}), "[1, 2]");
  EXPECT_EQ(formatIndex(23, {2, 3, 4}), "[1, 2, 3]");
}

TEST(TensorTest, SanitizeFileName) {
  EXPECT_EQ(sanitizeFileName("logits"), "logits");
  EXPECT_EQ(sanitizeFileName("onnx::Gemm_5"), "onnx__Gemm_5");
  EXPECT_EQ(sanitizeFileName("a/b\\c d"), "a_b_c_d");
  EXPECT_EQ(sanitizeFileName(""), "_");
  EXPECT_EQ(sanitizeFileName(".."), "_..");
  EXPECT_EQ(sanitizeFileName(".hidden"), "_.hidden");
  EXPECT_EQ(sanitizeFileName(std::string(500, 'x')).size(), 200u);
}
