//===- TensorImportTest.cpp - ONNX tensors to MLIR attributes -------------===//

#include "rectify/Import/ONNX/TensorImport.h"

#include "TestHelpers.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace rectify;
using namespace mlir;
using rectify::unittest::errorOf;
using rectify::unittest::valueOrFail;
using ::testing::HasSubstr;

namespace {

onnx::TensorProto floatTensor(std::string name, std::vector<int64_t> dims,
                              std::vector<float> values, bool raw) {
  onnx::TensorProto tensor;
  tensor.set_name(std::move(name));
  tensor.set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims)
    tensor.add_dims(d);
  if (raw)
    tensor.set_raw_data(std::string(
        reinterpret_cast<const char *>(values.data()), values.size() * 4));
  else
    for (float v : values)
      tensor.add_float_data(v);
  return tensor;
}

TEST(TensorImport, LargeTensorsBecomeResourceBlobs) {
  MLIRContext context;
  for (bool raw : {true, false}) {
    onnx::TensorProto tensor =
        floatTensor("fc1/weight:0", {2, 3}, {1, 2, 3, 4, 5, 6}, raw);
    ElementsAttr attr = valueOrFail(importTensor(&context, tensor, "."));
    auto resource = dyn_cast_if_present<DenseResourceElementsAttr>(attr);
    ASSERT_TRUE(resource);
    EXPECT_EQ(resource.getType().getShape(), (ArrayRef<int64_t>{2, 3}));
    EXPECT_TRUE(StringRef(resource.getRawHandle().getKey())
                    .starts_with("fc1_weight_0"));
    ArrayRef<char> data = resource.getData();
    ASSERT_EQ(data.size(), 24u);
    const float *floats = reinterpret_cast<const float *>(data.data());
    EXPECT_EQ(floats[0], 1.0f);
    EXPECT_EQ(floats[5], 6.0f);
  }
}

TEST(TensorImport, ScalarsAreDense) {
  MLIRContext context;
  onnx::TensorProto tensor = floatTensor("c", {}, {2.5f}, /*raw=*/false);
  ElementsAttr attr = valueOrFail(importTensor(&context, tensor, "."));
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  ASSERT_TRUE(dense);
  EXPECT_EQ(dense.getSplatValue<float>(), 2.5f);
}

TEST(TensorImport, ReadsIntsAndChecksSizes) {
  onnx::TensorProto shape;
  shape.set_name("shape");
  shape.set_data_type(onnx::TensorProto::INT64);
  shape.add_dims(2);
  shape.add_int64_data(-1);
  shape.add_int64_data(784);
  EXPECT_EQ(valueOrFail(readIntTensor(shape, ".")),
            (llvm::SmallVector<int64_t>{-1, 784}));
  shape.add_int64_data(3);
  EXPECT_THAT(errorOf(readIntTensor(shape, ".")),
              HasSubstr("has 24 bytes of data but its shape [2] of INT64 "
                        "needs 16"));
  onnx::TensorProto f = floatTensor("f", {1}, {1.0f}, true);
  EXPECT_THAT(errorOf(readIntTensor(f, ".")), HasSubstr("must be int64"));
}

TEST(TensorImport, RejectsUnsupportedElementTypes) {
  MLIRContext context;
  onnx::TensorProto tensor;
  tensor.set_name("h");
  tensor.set_data_type(onnx::TensorProto::FLOAT16);
  tensor.add_dims(2);
  EXPECT_THAT(errorOf(importTensor(&context, tensor, ".")),
              HasSubstr("element type FLOAT16 is not supported"));
}

void setExternal(onnx::TensorProto &tensor, std::string location,
                 std::string offset, std::string length) {
  tensor.clear_raw_data();
  tensor.set_data_location(onnx::TensorProto::EXTERNAL);
  auto add = [&](std::string key, std::string value) {
    if (value.empty())
      return;
    onnx::StringStringEntryProto *entry = tensor.add_external_data();
    entry->set_key(std::move(key));
    entry->set_value(std::move(value));
  };
  add("location", std::move(location));
  add("offset", std::move(offset));
  add("length", std::move(length));
}

TEST(TensorImport, ReadsExternalData) {
  llvm::SmallString<128> dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("rectify-import", dir));
  llvm::SmallString<128> file(dir);
  llvm::sys::path::append(file, "weights.bin");
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(file, ec);
    ASSERT_FALSE(ec);
    float values[] = {0, 1, 2, 3, 4, 5};
    os.write(reinterpret_cast<const char *>(values), sizeof(values));
  }
  onnx::TensorProto tensor = floatTensor("w", {2, 2}, {}, /*raw=*/true);
  setExternal(tensor, "weights.bin", "8", "16");
  EXPECT_EQ(valueOrFail(readFloatTensor(tensor, dir)),
            (llvm::SmallVector<float>{2, 3, 4, 5}));

  setExternal(tensor, "weights.bin", "16", "16");
  EXPECT_THAT(errorOf(readFloatTensor(tensor, dir)),
              HasSubstr("has 24 bytes, but tensor 'w' needs bytes [16, 32)"));
  setExternal(tensor, "missing.bin", "", "");
  EXPECT_THAT(errorOf(readFloatTensor(tensor, dir)),
              HasSubstr("missing.bin' of tensor 'w' cannot be read"));
  setExternal(tensor, "/etc/passwd", "", "");
  EXPECT_THAT(errorOf(readFloatTensor(tensor, dir)),
              HasSubstr("must be relative"));
  llvm::sys::fs::remove(file);
  llvm::sys::fs::remove(dir);
}

TEST(TensorImport, SanitizesResourceNames) {
  EXPECT_EQ(sanitizeResourceName("onnx::MatMul_12"), "onnx__MatMul_12");
  EXPECT_EQ(sanitizeResourceName("0.bias"), "_0.bias");
  EXPECT_EQ(sanitizeResourceName(""), "_");
}
} // namespace
