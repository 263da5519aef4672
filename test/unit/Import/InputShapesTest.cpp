//===- InputShapesTest.cpp - --input-shape parsing and input shape policy -===//

#include "rectify/Import/ONNX/InputShapes.h"

#include "TestHelpers.h"
#include "mlir/IR/BuiltinTypes.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace rectify;
using rectify::unittest::errorOf;
using rectify::unittest::valueOrFail;
using ::testing::HasSubstr;

namespace {
constexpr int64_t kDyn = mlir::ShapedType::kDynamic;

TEST(InputShapeFlag, ParsesStaticAndDynamicDims) {
  ONNXImportOptions options;
  ASSERT_FALSE(parseInputShapeFlag("input=1x784", options));
  ASSERT_FALSE(parseInputShapeFlag("ids=?x3x224", options));
  EXPECT_EQ(options.inputShapes.lookup("input"),
            (llvm::SmallVector<int64_t>{1, 784}));
  EXPECT_EQ(options.inputShapes.lookup("ids"),
            (llvm::SmallVector<int64_t>{kDyn, 3, 224}));
}

TEST(InputShapeFlag, AcceptsCommasScalarsAndEqualsInNames) {
  ONNXImportOptions options;
  ASSERT_FALSE(parseInputShapeFlag("a=2,3", options));
  ASSERT_FALSE(parseInputShapeFlag("s=", options));
  ASSERT_FALSE(parseInputShapeFlag("x=y=4", options));
  EXPECT_EQ(options.inputShapes.lookup("a"),
            (llvm::SmallVector<int64_t>{2, 3}));
  EXPECT_TRUE(options.inputShapes.lookup("s").empty());
  EXPECT_EQ(options.inputShapes.lookup("x=y"), (llvm::SmallVector<int64_t>{4}));
}

TEST(InputShapeFlag, RejectsMalformedValues) {
  ONNXImportOptions options;
  EXPECT_NE(errorOf(parseInputShapeFlag("input", options)).find("NAME=DIMS"),
            std::string::npos);
  EXPECT_NE(errorOf(parseInputShapeFlag("=1x2", options)).find("no input"),
            std::string::npos);
  EXPECT_NE(errorOf(parseInputShapeFlag("x=1xabc", options)).find("'abc'"),
            std::string::npos);
  EXPECT_NE(errorOf(parseInputShapeFlag("x=0x2", options)).find("'0'"),
            std::string::npos);
  EXPECT_NE(errorOf(parseInputShapeFlag("x=-1", options)).find("'-1'"),
            std::string::npos);
  ASSERT_FALSE(parseInputShapeFlag("x=1", options));
  EXPECT_NE(errorOf(parseInputShapeFlag("x=2", options)).find("more than"),
            std::string::npos);
}

DeclaredInput input(std::string name, std::vector<DeclaredDim> dims) {
  DeclaredInput in;
  in.name = std::move(name);
  in.dims.assign(dims.begin(), dims.end());
  return in;
}

using Shapes = llvm::SmallVector<llvm::SmallVector<int64_t>>;

TEST(ResolveInputShapes, KeepsOneSymbolicBatch) {
  ONNXImportOptions options;
  Shapes shapes =
      valueOrFail(resolveInputShapes({input("a", {{kDyn, "N"}, {784, ""}}),
                                      input("b", {{kDyn, "N"}, {10, ""}})},
                                     options));
  ASSERT_EQ(shapes.size(), 2u);
  EXPECT_EQ(shapes[0], (llvm::SmallVector<int64_t>{kDyn, 784}));
  EXPECT_EQ(shapes[1], (llvm::SmallVector<int64_t>{kDyn, 10}));
}

TEST(ResolveInputShapes, UnknownLeadingDimIsTheBatch) {
  ONNXImportOptions options;
  Shapes shapes = valueOrFail(
      resolveInputShapes({input("a", {{kDyn, ""}, {4, ""}})}, options));
  ASSERT_EQ(shapes.size(), 1u);
  EXPECT_EQ(shapes[0], (llvm::SmallVector<int64_t>{kDyn, 4}));
}

TEST(ResolveInputShapes, RejectsTwoSymbolsAndUnknownInnerDims) {
  ONNXImportOptions options;
  EXPECT_THAT(errorOf(resolveInputShapes({input("a", {{kDyn, "N"}, {4, ""}}),
                                          input("b", {{kDyn, "M"}, {4, ""}})},
                                         options)),
              ::testing::HasSubstr("2 distinct symbolic dimensions (N, M)"));
  EXPECT_THAT(
      errorOf(resolveInputShapes({input("a", {{1, ""}, {kDyn, ""}})}, options)),
      ::testing::HasSubstr("dimension 1 of input 'a' is unknown"));
  EXPECT_THAT(errorOf(resolveInputShapes(
                  {input("a", {{kDyn, "N"}, {kDyn, "N"}})}, options)),
              ::testing::HasSubstr("2 dynamic dimensions"));
}

TEST(ResolveInputShapes, OverridesFixDims) {
  ONNXImportOptions options;
  ASSERT_FALSE(parseInputShapeFlag("b=1x4", options));
  ASSERT_FALSE(parseInputShapeFlag("a=?x4", options));
  Shapes shapes =
      valueOrFail(resolveInputShapes({input("a", {{kDyn, "N"}, {4, ""}}),
                                      input("b", {{kDyn, "M"}, {kDyn, "K"}})},
                                     options));
  ASSERT_EQ(shapes.size(), 2u);
  EXPECT_EQ(shapes[0], (llvm::SmallVector<int64_t>{kDyn, 4}));
  EXPECT_EQ(shapes[1], (llvm::SmallVector<int64_t>{1, 4}));
}

TEST(ResolveInputShapes, RejectsBadOverrides) {
  ONNXImportOptions unknown;
  ASSERT_FALSE(parseInputShapeFlag("c=1", unknown));
  EXPECT_THAT(
      errorOf(resolveInputShapes({input("a", {{1, ""}})}, unknown)),
      ::testing::HasSubstr("--input-shape names 'c', which is not a graph "
                           "input; the inputs are: a"));
  ONNXImportOptions rank;
  ASSERT_FALSE(parseInputShapeFlag("a=1x2x3", rank));
  EXPECT_THAT(errorOf(resolveInputShapes({input("a", {{1, ""}})}, rank)),
              ::testing::HasSubstr("rank 3 (1x2x3)"));
}

TEST(ResolveInputShapes, NeedsAShape) {
  ONNXImportOptions options;
  DeclaredInput noShape;
  noShape.name = "x";
  noShape.hasShape = false;
  EXPECT_THAT(errorOf(resolveInputShapes({noShape}, options)),
              ::testing::HasSubstr("input 'x' has no declared shape"));
  ASSERT_FALSE(parseInputShapeFlag("x=2x3", options));
  Shapes shapes = valueOrFail(resolveInputShapes({noShape}, options));
  ASSERT_EQ(shapes.size(), 1u);
  EXPECT_EQ(shapes[0], (llvm::SmallVector<int64_t>{2, 3}));
}

TEST(FormatShape, PrintsDynamicAndScalar) {
  EXPECT_EQ(formatShape({kDyn, 3}), "?x3");
  EXPECT_EQ(formatShape({}), "scalar");
}
} // namespace
