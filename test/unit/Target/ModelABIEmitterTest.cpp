//===- ModelABIEmitterTest.cpp - C entry points of compiled models --------===//
//
// Builds the generated entry points around a hand-written model function (it
// doubles its input) with the system C compiler, loads the library, and
// checks the boundary: shapes, batch agreement, null pointers, messages.
//
//===----------------------------------------------------------------------===//

#include "rectify/Target/CPU/ModelABIEmitter.h"
#include "rectify/Runtime/RectifyModel.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

#include <dlfcn.h>
#include <string>
#include <vector>

using namespace rectify::cpu;

namespace {

/// y[i, j] = 2 * x[i, j] for x : [N, 3], reading memref descriptors.
constexpr const char *kFakeModel = R"c(
#include <stdint.h>
typedef struct { float *allocated, *aligned; int64_t offset, sizes[2], strides[2]; } memref2;
void _mlir_ciface_doubler_forward(memref2 *x, memref2 *y) {
  for (int64_t i = 0; i < x->sizes[0]; ++i)
    for (int64_t j = 0; j < x->sizes[1]; ++j)
      y->aligned[i * y->strides[0] + j] = 2 * x->aligned[i * x->strides[0] + j];
}
)c";

ModelSignature doublerSignature() {
  ModelSignature signature;
  signature.modelName = "doubler";
  signature.entrySymbol = "doubler_forward";
  signature.inputs.push_back({"x", {-1, 3}});
  signature.outputs.push_back({"y", {-1, 3}});
  return signature;
}

class CompiledDoubler : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("abi-test", dir));
    std::string entry = writeFile("entry.c", emitEntrySource(doublerSignature()));
    std::string fake = writeFile("fake.c", kFakeModel);
    llvm::SmallString<128> library(dir);
    llvm::sys::path::append(library, "libdoubler.so");
    llvm::ErrorOr<std::string> cc = llvm::sys::findProgramByName("clang-22");
    if (!cc)
      cc = llvm::sys::findProgramByName("cc");
    ASSERT_TRUE(static_cast<bool>(cc));
    std::vector<llvm::StringRef> args = {*cc,    "-shared", "-fPIC", "-std=c99",
                                         "-o",   library,   entry,   fake};
    ASSERT_EQ(llvm::sys::ExecuteAndWait(*cc, args), 0);
    handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle, nullptr) << dlerror();
    run = reinterpret_cast<RunFn>(dlsym(handle, "doubler_run"));
    info = reinterpret_cast<InfoFn>(dlsym(handle, "rectify_model_get_info"));
    ASSERT_NE(run, nullptr);
    ASSERT_NE(info, nullptr);
  }
  void TearDown() override {
    if (handle)
      dlclose(handle);
    llvm::sys::fs::remove_directories(dir);
  }

  std::string writeFile(llvm::StringRef name, llvm::StringRef text) {
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, name);
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    os << text;
    return std::string(path);
  }

  static rectify_tensor tensor(std::vector<float> &data, int64_t rows,
                               int64_t cols) {
    rectify_tensor t = {};
    t.data = data.data();
    t.rank = 2;
    t.shape[0] = rows;
    t.shape[1] = cols;
    return t;
  }

  using RunFn = int (*)(const rectify_tensor *, rectify_tensor *, char *,
                        size_t);
  using InfoFn = const rectify_model_info *(*)();
  llvm::SmallString<128> dir;
  void *handle = nullptr;
  RunFn run = nullptr;
  InfoFn info = nullptr;
  char error[256] = {};
};

TEST_F(CompiledDoubler, InfoDescribesTheModel) {
  const rectify_model_info *model = info();
  EXPECT_EQ(model->abi_version, RECTIFY_ABI_VERSION);
  EXPECT_STREQ(model->name, "doubler");
  ASSERT_EQ(model->num_inputs, 1);
  EXPECT_STREQ(model->inputs[0].name, "x");
  EXPECT_EQ(model->inputs[0].shape[0], -1);
  EXPECT_EQ(model->inputs[0].shape[1], 3);
  EXPECT_STREQ(model->outputs[0].name, "y");
}

TEST_F(CompiledDoubler, RunsOnAnyBatch) {
  for (int64_t batch : {1, 5}) {
    std::vector<float> x(batch * 3), y(batch * 3, -1);
    for (size_t i = 0; i < x.size(); ++i)
      x[i] = static_cast<float>(i);
    rectify_tensor in = tensor(x, batch, 3), out = tensor(y, batch, 3);
    ASSERT_EQ(run(&in, &out, error, sizeof(error)), RECTIFY_OK) << error;
    for (size_t i = 0; i < x.size(); ++i)
      EXPECT_EQ(y[i], 2 * x[i]);
  }
}

TEST_F(CompiledDoubler, RejectsWrongStaticExtent) {
  std::vector<float> x(8), y(6);
  rectify_tensor in = tensor(x, 2, 4), out = tensor(y, 2, 3);
  EXPECT_EQ(run(&in, &out, error, sizeof(error)), RECTIFY_ERROR_SHAPE);
  EXPECT_STREQ(error, "input 'x' has extent 4 in dimension 1, expected 3");
}

TEST_F(CompiledDoubler, RejectsBatchDisagreement) {
  std::vector<float> x(6), y(9);
  rectify_tensor in = tensor(x, 2, 3), out = tensor(y, 3, 3);
  EXPECT_EQ(run(&in, &out, error, sizeof(error)), RECTIFY_ERROR_SHAPE);
  EXPECT_STREQ(error, "output 'y' has batch 3 in dimension 0, but earlier "
                      "tensors have batch 2");
  EXPECT_EQ(y[0], 0.0f) << "nothing may be written on error";
}

TEST_F(CompiledDoubler, RejectsWrongRankAndNegativeExtent) {
  std::vector<float> x(6), y(6);
  rectify_tensor in = tensor(x, 2, 3), out = tensor(y, 2, 3);
  in.rank = 1;
  EXPECT_EQ(run(&in, &out, error, sizeof(error)), RECTIFY_ERROR_SHAPE);
  EXPECT_STREQ(error, "input 'x' has rank 1, expected 2");
  in.rank = 2;
  in.shape[0] = -4;
  EXPECT_EQ(run(&in, &out, error, sizeof(error)), RECTIFY_ERROR_SHAPE);
  EXPECT_STREQ(error, "input 'x' has negative extent -4 in dimension 0");
}

TEST_F(CompiledDoubler, RejectsNullPointers) {
  std::vector<float> y(6);
  rectify_tensor out = tensor(y, 2, 3);
  EXPECT_EQ(run(nullptr, &out, error, sizeof(error)), RECTIFY_ERROR_ARGUMENT);
  rectify_tensor in = tensor(y, 2, 3);
  in.data = nullptr;
  EXPECT_EQ(run(&in, &out, error, sizeof(error)), RECTIFY_ERROR_ARGUMENT);
  EXPECT_STREQ(error, "input 'x' has no data pointer");
  // An empty tensor needs no storage.
  in.shape[0] = 0;
  out.shape[0] = 0;
  out.data = nullptr;
  EXPECT_EQ(run(&in, &out, error, sizeof(error)), RECTIFY_OK) << error;
  in.shape[0] = 2;
  out.shape[0] = 2;
  out.data = y.data();
  // A null or tiny error buffer is fine.
  EXPECT_EQ(run(&in, &out, nullptr, 0), RECTIFY_ERROR_ARGUMENT);
  char tiny[4];
  EXPECT_EQ(run(&in, &out, tiny, sizeof(tiny)), RECTIFY_ERROR_ARGUMENT);
  EXPECT_STREQ(tiny, "inp");
}

TEST(ModelABIEmitter, SanitizesIdentifiers) {
  EXPECT_EQ(sanitizeIdentifier("mlp"), "mlp");
  EXPECT_EQ(sanitizeIdentifier("2-layer mlp"), "_2_layer_mlp");
  EXPECT_EQ(sanitizeIdentifier(""), "_");
}

TEST(ModelABIEmitter, HeaderNamesEveryTensor) {
  std::string header = emitHeader(doublerSignature(), "doubler.onnx");
  EXPECT_NE(header.find("#ifndef RECTIFY_MODEL_DOUBLER_H"), std::string::npos);
  EXPECT_NE(header.find("0 \"x\": float32 [N, 3]"), std::string::npos);
  EXPECT_NE(header.find("int doubler_run("), std::string::npos);
  EXPECT_NE(header.find("DOUBLER_NUM_OUTPUTS = 1"), std::string::npos);
}

} // namespace
