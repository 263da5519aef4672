//===- ModelLibraryTest.cpp - Loading hand-written model libraries --------===//

#include "rectify/Runtime/ModelLibrary.h"

#include "../Support/TestErrors.h"

#include "gtest/gtest.h"

#include <cstring>
#include <string>

using namespace rectify;
using rectify::testing::errorOf;

static std::string modelPath(const char *name) {
  return std::string(RECTIFY_TEST_MODEL_DIR) + "/lib" + name + ".so";
}

TEST(ModelLibraryTest, LoadsInfo) {
  auto model = ModelLibrary::load(modelPath("DoubleModel"));
  RECTIFY_ASSERT_EXPECTED(model);
  EXPECT_EQ((*model)->getName(), "double");
  ASSERT_EQ((*model)->getInputs().size(), 1u);
  ASSERT_EQ((*model)->getOutputs().size(), 1u);
  EXPECT_EQ(formatInfoShape((*model)->getInputs()[0]), "?x3");
  EXPECT_EQ((*model)->findInput("x"), 0u);
  EXPECT_EQ((*model)->findInput("y"), std::nullopt);
  EXPECT_EQ((*model)->findOutput("y"), 0u);
}

TEST(ModelLibraryTest, SeveralModelsSideBySide) {
  auto first = ModelLibrary::load(modelPath("DoubleModel"));
  auto second = ModelLibrary::load(modelPath("TwoInputModel"));
  RECTIFY_ASSERT_EXPECTED(first);
  RECTIFY_ASSERT_EXPECTED(second);
  // RTLD_LOCAL: each handle resolves its own rectify_model_get_info.
  EXPECT_EQ((*first)->getName(), "double");
  EXPECT_EQ((*second)->getName(), "two_input");
}

TEST(ModelLibraryTest, RawRunPassesModelErrorsThrough) {
  auto model = ModelLibrary::load(modelPath("DoubleModel"));
  RECTIFY_ASSERT_EXPECTED(model);
  float x[6] = {1, 2, 3, 4, 5, 6}, y[6] = {0};
  rectify_tensor input, output;
  std::memset(&input, 0, sizeof(input));
  std::memset(&output, 0, sizeof(output));
  input.data = x;
  input.rank = 2;
  input.shape[0] = 2;
  input.shape[1] = 3;
  output = input;
  output.data = y;
  RECTIFY_ASSERT_SUCCESS((*model)->run(input, output));
  EXPECT_EQ(y[5], 12.0f);

  output.shape[0] = 3;
  std::string message = errorOf((*model)->run(input, output));
  EXPECT_NE(message.find("model run failed with status 2: y: dimension 0 is "
                         "3, expected 2"),
            std::string::npos)
      << message;
  EXPECT_NE(errorOf((*model)->run({}, output))
                .find("model takes 1 inputs and "
                      "1 outputs, got 0 and 1"),
            std::string::npos);
}

TEST(ModelLibraryTest, LoadErrors) {
  std::string missing = modelPath("Missing");
  std::string message = errorOf(ModelLibrary::load(missing));
  EXPECT_EQ(message.rfind(missing + ": cannot load model library: ", 0), 0u)
      << message;

  std::string badABI = modelPath("BadABIModel");
  EXPECT_EQ(errorOf(ModelLibrary::load(badABI)),
            badABI + ": model ABI version 42 is not supported (this runtime "
                     "speaks version 1)");

  std::string noRun = modelPath("NoRunModel");
  EXPECT_EQ(errorOf(ModelLibrary::load(noRun)),
            noRun + ": not a Rectify model library (missing symbol "
                    "rectify_model_run)");
}

TEST(ModelLibraryTest, VerifiesInfo) {
  rectify_tensor_info tensors[2];
  std::memset(tensors, 0, sizeof(tensors));
  tensors[0] = {"a", RECTIFY_DTYPE_F32, 2, {-1, 4}};
  tensors[1] = {"b", RECTIFY_DTYPE_F32, 1, {4}};
  rectify_model_info info = {RECTIFY_ABI_VERSION, "m", 2, 1, tensors, tensors};
  RECTIFY_ASSERT_SUCCESS(verifyModelInfo(&info, "m.so"));

  EXPECT_EQ(errorOf(verifyModelInfo(nullptr, "m.so")),
            "m.so: rectify_model_get_info() returned null");

  rectify_model_info bad = info;
  bad.num_inputs = -1;
  EXPECT_EQ(errorOf(verifyModelInfo(&bad, "m.so")),
            "m.so: model info has a negative number of inputs");
  bad = info;
  bad.inputs = nullptr;
  EXPECT_EQ(errorOf(verifyModelInfo(&bad, "m.so")),
            "m.so: model info lists 2 inputs but no descriptions");

  tensors[1].name = "a";
  EXPECT_EQ(errorOf(verifyModelInfo(&info, "m.so")),
            "m.so: two inputs are named 'a'");
  tensors[1] = {nullptr, RECTIFY_DTYPE_F32, 1, {4}};
  EXPECT_EQ(errorOf(verifyModelInfo(&info, "m.so")),
            "m.so: input #1 has no name");
  tensors[1] = {"b", static_cast<rectify_dtype>(7), 1, {4}};
  EXPECT_EQ(errorOf(verifyModelInfo(&info, "m.so")),
            "m.so: input 'b' has unsupported dtype code 7");
  tensors[1] = {"b", RECTIFY_DTYPE_F32, 9, {4}};
  EXPECT_EQ(errorOf(verifyModelInfo(&info, "m.so")),
            "m.so: input 'b' has rank 9 outside [0, 8]");
  tensors[1] = {"b", RECTIFY_DTYPE_F32, 2, {4, -2}};
  EXPECT_EQ(errorOf(verifyModelInfo(&info, "m.so")),
            "m.so: input 'b' has invalid extent -2 in dimension 1");
}
