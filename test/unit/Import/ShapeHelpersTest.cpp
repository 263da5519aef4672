//===- ShapeHelpersTest.cpp - Reshape, Flatten and Gemm shape rules -------===//

#include "rectify/Import/ONNX/ShapeHelpers.h"

#include "TestHelpers.h"
#include "mlir/IR/BuiltinTypes.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace rectify;
using llvm::SmallVector;
using rectify::unittest::errorOf;
using rectify::unittest::valueOrFail;

namespace {
constexpr int64_t kDyn = mlir::ShapedType::kDynamic;

SmallVector<int64_t> reshape(llvm::ArrayRef<int64_t> in,
                             llvm::ArrayRef<int64_t> shape,
                             bool allowZero = false) {
  return valueOrFail(computeReshapeShape(in, shape, allowZero));
}

std::string reshapeError(llvm::ArrayRef<int64_t> in,
                         llvm::ArrayRef<int64_t> shape,
                         bool allowZero = false) {
  return errorOf(computeReshapeShape(in, shape, allowZero));
}

TEST(ReshapeShape, StaticInference) {
  EXPECT_EQ(reshape({2, 3, 4}, {-1, 4}), (SmallVector<int64_t>{6, 4}));
  EXPECT_EQ(reshape({2, 3, 4}, {0, -1}), (SmallVector<int64_t>{2, 12}));
  EXPECT_EQ(reshape({2, 3, 4}, {24}), (SmallVector<int64_t>{24}));
}

TEST(ReshapeShape, KeepsTheDynamicBatch) {
  EXPECT_EQ(reshape({kDyn, 1, 28, 28}, {-1, 784}),
            (SmallVector<int64_t>{kDyn, 784}));
  EXPECT_EQ(reshape({kDyn, 1, 28, 28}, {0, -1}),
            (SmallVector<int64_t>{kDyn, 784}));
  EXPECT_EQ(reshape({kDyn, 784}, {0, 28, 28}),
            (SmallVector<int64_t>{kDyn, 28, 28}));
}

TEST(ReshapeShape, AllowZeroKeepsZeros) {
  EXPECT_EQ(reshape({0, 4}, {0, 4}, /*allowZero=*/true),
            (SmallVector<int64_t>{0, 4}));
  EXPECT_EQ(reshape({3, 4}, {0, 4}, /*allowZero=*/false),
            (SmallVector<int64_t>{3, 4}));
}

TEST(ReshapeShape, Errors) {
  EXPECT_THAT(reshapeError({2, 3}, {-1, -1}),
              ::testing::HasSubstr("more than one -1"));
  EXPECT_THAT(reshapeError({2, 3}, {5}), ::testing::HasSubstr("6 elements"));
  EXPECT_THAT(reshapeError({2, 3}, {-1, 4}),
              ::testing::HasSubstr("cannot infer"));
  EXPECT_THAT(reshapeError({kDyn, 3}, {1, 3}),
              ::testing::HasSubstr("static shape"));
  EXPECT_THAT(reshapeError({2}, {0, 0}), ::testing::HasSubstr("rank 1"));
  EXPECT_THAT(reshapeError({2}, {-2}), ::testing::HasSubstr("invalid"));
  EXPECT_THAT(reshapeError({0, 2}, {0, -1}, /*allowZero=*/true),
              ::testing::HasSubstr("allowzero"));
}

TEST(FlattenShape, Axes) {
  EXPECT_EQ(valueOrFail(computeFlattenShape({kDyn, 3, 4}, 1)),
            (SmallVector<int64_t>{kDyn, 12}));
  EXPECT_EQ(valueOrFail(computeFlattenShape({2, 3, 4}, 0)),
            (SmallVector<int64_t>{1, 24}));
  EXPECT_EQ(valueOrFail(computeFlattenShape({2, 3, 4}, -1)),
            (SmallVector<int64_t>{6, 4}));
  EXPECT_THAT(errorOf(computeFlattenShape({2, 3}, 3)),
              ::testing::HasSubstr("out of range"));
}

GemmBiasPlan plan(llvm::ArrayRef<int64_t> c, int64_t m, int64_t n) {
  llvm::Expected<GemmBiasPlan> result = classifyGemmBias(c, m, n);
  if (result)
    return *result;
  ADD_FAILURE() << llvm::toString(result.takeError());
  return GemmBiasPlan{GemmBiasKind::Add, {}};
}

TEST(GemmBias, BroadcastAlongNIsABias) {
  GemmBiasPlan scalar = plan({}, 4, 8);
  EXPECT_EQ(scalar.kind, GemmBiasKind::Bias);
  EXPECT_TRUE(scalar.biasShape.empty());
  EXPECT_EQ(plan({1}, 4, 8).biasShape, (SmallVector<int64_t>{1}));
  EXPECT_EQ(plan({8}, 4, 8).biasShape, (SmallVector<int64_t>{8}));
  EXPECT_EQ(plan({1, 8}, 4, 8).biasShape, (SmallVector<int64_t>{8}));
  EXPECT_EQ(plan({1, 1}, 4, 8).biasShape, (SmallVector<int64_t>{1}));
  EXPECT_EQ(plan({1, 8}, kDyn, 8).kind, GemmBiasKind::Bias);
}

TEST(GemmBias, VaryingAlongMIsAnAdd) {
  EXPECT_EQ(plan({4, 8}, 4, 8).kind, GemmBiasKind::Add);
  EXPECT_EQ(plan({4, 1}, 4, 8).kind, GemmBiasKind::Add);
}

TEST(GemmBias, RejectsShapesThatDoNotBroadcast) {
  EXPECT_THAT(errorOf(classifyGemmBias({3}, 4, 8)),
              ::testing::HasSubstr("does not broadcast to [4x8]"));
  EXPECT_THAT(errorOf(classifyGemmBias({3, 8}, 4, 8)),
              ::testing::HasSubstr("does not broadcast"));
  EXPECT_THAT(errorOf(classifyGemmBias({1, 1, 8}, 4, 8)),
              ::testing::HasSubstr("rank 3"));
}
} // namespace
