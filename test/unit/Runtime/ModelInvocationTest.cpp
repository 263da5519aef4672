//===- ModelInvocationTest.cpp - Binding, shape checks and running --------===//

#include "rectify/Runtime/ModelInvocation.h"

#include "../Support/TestErrors.h"

#include "gtest/gtest.h"

#include <memory>
#include <string>

using namespace rectify;
using rectify::testing::errorOf;

namespace {

std::unique_ptr<ModelLibrary> loadModel(const char *name) {
  std::string path =
      std::string(RECTIFY_TEST_MODEL_DIR) + "/lib" + name + ".so";
  return llvm::cantFail(ModelLibrary::load(path));
}

NamedInput makeInput(std::string name, llvm::ArrayRef<int64_t> shape,
                     float start = 0) {
  FloatTensor tensor(shape);
  for (size_t i = 0; i < tensor.data.size(); ++i)
    tensor.data[i] = start + static_cast<float>(i);
  return {std::move(name), "", std::move(tensor)};
}

std::vector<NamedInput> inputs(NamedInput a) {
  std::vector<NamedInput> result;
  result.push_back(std::move(a));
  return result;
}

std::vector<NamedInput> inputs(NamedInput a, NamedInput b) {
  std::vector<NamedInput> result = inputs(std::move(a));
  result.push_back(std::move(b));
  return result;
}

} // namespace

TEST(ModelInvocationTest, RunsWithEveryBatch) {
  auto model = loadModel("DoubleModel");
  for (int64_t batch : {1, 7, 64}) {
    auto invocation =
        ModelInvocation::create(*model, inputs(makeInput("x", {batch, 3})));
    RECTIFY_ASSERT_EXPECTED(invocation);
    EXPECT_EQ(invocation->getBatchSize(), batch);
    RECTIFY_ASSERT_SUCCESS(invocation->run());
    ASSERT_EQ(invocation->getOutputs().size(), 1u);
    const FloatTensor &y = invocation->getOutputs()[0];
    EXPECT_EQ(y.shape, (llvm::SmallVector<int64_t, 4>{batch, 3}));
    for (size_t i = 0; i < y.data.size(); ++i)
      ASSERT_EQ(y.data[i], 2.0f * static_cast<float>(i));
  }
}

TEST(ModelInvocationTest, BindsInputsByNameInAnyOrder) {
  auto model = loadModel("TwoInputModel");
  auto invocation = ModelInvocation::create(
      *model, inputs(makeInput("b", {2, 2}, 10), makeInput("a", {2, 2})));
  RECTIFY_ASSERT_EXPECTED(invocation);
  RECTIFY_ASSERT_SUCCESS(invocation->run());
  // a = 0..3, b = 10..13.
  EXPECT_EQ(invocation->getOutputs()[0].data,
            (std::vector<float>{10, 12, 14, 16}));
  EXPECT_EQ(invocation->getOutputs()[1].data,
            (std::vector<float>{-10, -10, -10, -10}));
}

TEST(ModelInvocationTest, MissingAndUnknownInputs) {
  auto model = loadModel("TwoInputModel");
  EXPECT_EQ(
      errorOf(ModelInvocation::create(*model, inputs(makeInput("a", {1, 2})))),
      "missing input 'b' (the model takes 'a' ?x2, 'b' ?x2)");
  EXPECT_EQ(errorOf(ModelInvocation::create(*model, {})),
            "missing inputs 'a', 'b' (the model takes 'a' ?x2, 'b' ?x2)");
  EXPECT_EQ(
      errorOf(ModelInvocation::create(
          *model, inputs(makeInput("a", {1, 2}), makeInput("c", {1, 2})))),
      "unknown input 'c'; missing input 'b' (the model takes 'a' ?x2, "
      "'b' ?x2)");
  EXPECT_EQ(
      errorOf(ModelInvocation::create(
          *model, inputs(makeInput("a", {1, 2}), makeInput("a", {1, 2})))),
      "input 'a' is given more than once");
}

TEST(ModelInvocationTest, ShapeErrorsNameTheSource) {
  auto model = loadModel("DoubleModel");
  NamedInput input = makeInput("x", {4});
  input.source = "x.npy";
  EXPECT_EQ(errorOf(ModelInvocation::create(*model, inputs(std::move(input)))),
            "input 'x' has rank 1, expected 2 (model shape ?x3, got 4 from "
            "x.npy)");
  EXPECT_EQ(
      errorOf(ModelInvocation::create(*model, inputs(makeInput("x", {2, 4})))),
      "input 'x' has extent 4 in dimension 1, expected 3 (model shape "
      "?x3, got 2x4)");
}

TEST(ModelInvocationTest, InputsMustAgreeOnTheBatch) {
  auto model = loadModel("TwoInputModel");
  EXPECT_EQ(
      errorOf(ModelInvocation::create(
          *model, inputs(makeInput("a", {2, 2}), makeInput("b", {3, 2})))),
      "input 'b' has extent 3 in dynamic dimension 0, but input 'a' sets "
      "the batch to 2 (model shape ?x2, got 3x2)");
}

TEST(ModelInvocationTest, StaticModelAndModelFailure) {
  auto model = loadModel("FailingModel");
  auto invocation =
      ModelInvocation::create(*model, inputs(makeInput("x", {4})));
  RECTIFY_ASSERT_EXPECTED(invocation);
  EXPECT_EQ(invocation->getOutputs()[0].shape,
            (llvm::SmallVector<int64_t, 4>{4}));
  std::string message = errorOf(invocation->run());
  EXPECT_NE(message.find("model run failed with status 1: internal failure "
                         "in the test model"),
            std::string::npos)
      << message;
}

TEST(ModelInvocationTest, ResolveShape) {
  rectify_tensor_info info = {"t", RECTIFY_DTYPE_F32, 3, {-1, 5, 2}};
  EXPECT_EQ(resolveShape(info, 9), (llvm::SmallVector<int64_t, 4>{9, 5, 2}));
}
