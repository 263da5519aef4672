//===- NpyTest.cpp - .npy reading, writing and every error ----------------===//

#include "rectify/Support/Npy.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "TestErrors.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>

using namespace rectify;
using llvm::StringRef;
using rectify::testing::errorOf;

namespace {

/// Builds a .npy file the way NumPy writes it: magic, version, header
/// length, the dict padded with spaces and '\n' to 64 bytes, then `data`.
std::string makeNpy(StringRef dict, StringRef data, unsigned major = 1) {
  size_t lengthSize = major == 1 ? 2 : 4;
  std::string header = dict.str();
  size_t total = 8 + lengthSize + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY", 6);
  out.push_back(static_cast<char>(major));
  out.push_back(0);
  for (size_t i = 0; i < lengthSize; ++i)
    out.push_back(static_cast<char>((header.size() >> (8 * i)) & 0xff));
  return out + header + data.str();
}

template <typename T> std::string bytesOf(std::initializer_list<T> values) {
  std::string out;
  for (T value : values)
    out.append(reinterpret_cast<const char *>(&value), sizeof(T));
  return out;
}

/// A temporary directory removed at the end of the test.
class NpyFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("npy-test", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }
  std::string pathOf(StringRef name) {
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, name);
    return std::string(path);
  }
  void writeRaw(StringRef path, StringRef contents) {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    ASSERT_FALSE(ec);
    os << contents;
  }
  llvm::SmallString<128> dir;
};

} // namespace

//===----------------------------------------------------------------------===//
// Round trips
//===----------------------------------------------------------------------===//

TEST_F(NpyFileTest, Float32RoundTripAcrossRanks) {
  std::vector<llvm::SmallVector<int64_t, 4>> shapes = {
      {}, {5}, {2, 3}, {2, 3, 4}, {0, 3}, {1, 1, 1, 1, 1}};
  for (const auto &shape : shapes) {
    FloatTensor tensor(shape);
    for (size_t i = 0; i < tensor.data.size(); ++i)
      tensor.data[i] = 0.5f * static_cast<float>(i) - 3.0f;
    std::string path = pathOf("t.npy");
    RECTIFY_ASSERT_SUCCESS(writeNpyFile(path, tensor));
    llvm::Expected<FloatTensor> read = readNpyFloat32(path);
    RECTIFY_ASSERT_EXPECTED(read);
    EXPECT_EQ(read->shape, tensor.shape) << formatTensorShape(shape);
    EXPECT_EQ(read->data, tensor.data) << formatTensorShape(shape);
  }
}

TEST(NpyTest, SpecialFloatsSurvive) {
  FloatTensor tensor({4});
  tensor.data = {NAN, INFINITY, -INFINITY, -0.0f};
  NpyArray array;
  array.shape = tensor.shape;
  array.bytes.resize(16);
  std::memcpy(array.bytes.data(), tensor.data.data(), 16);
  llvm::Expected<NpyArray> parsed = parseNpy(serializeNpy(array), "mem");
  RECTIFY_ASSERT_EXPECTED(parsed);
  llvm::Expected<FloatTensor> back = convertToFloatTensor(*parsed, "mem");
  RECTIFY_ASSERT_EXPECTED(back);
  EXPECT_TRUE(std::isnan(back->data[0]));
  EXPECT_EQ(back->data[1], INFINITY);
  EXPECT_EQ(back->data[2], -INFINITY);
  EXPECT_TRUE(std::signbit(back->data[3]));
}

TEST(NpyTest, EveryDTypeRoundTrips) {
  for (NpyDType dtype : {NpyDType::Float32, NpyDType::Float64, NpyDType::Int64,
                         NpyDType::Int32, NpyDType::Bool, NpyDType::UInt8}) {
    NpyArray array;
    array.dtype = dtype;
    array.shape = {3};
    array.bytes.resize(3 * getNpyDTypeSize(dtype));
    for (size_t i = 0; i < array.bytes.size(); ++i)
      array.bytes[i] =
          static_cast<uint8_t>(dtype == NpyDType::Bool ? i % 2 : i * 7);
    llvm::Expected<NpyArray> parsed = parseNpy(serializeNpy(array), "mem");
    RECTIFY_ASSERT_EXPECTED(parsed);
    EXPECT_EQ(parsed->dtype, dtype) << getNpyDTypeName(dtype).str();
    EXPECT_EQ(parsed->shape, array.shape);
    EXPECT_EQ(parsed->bytes, array.bytes);
  }
}

TEST(NpyTest, SerializedHeaderMatchesNumPy) {
  NpyArray array;
  array.shape = {2, 3};
  array.bytes.resize(24);
  std::string bytes = serializeNpy(array);
  EXPECT_EQ(bytes, makeNpy("{'descr': '<f4', 'fortran_order': False, "
                           "'shape': (2, 3), }",
                           std::string(24, '\0')));
  EXPECT_EQ((bytes.size() - 24) % 64, 0u);

  array.shape = {24};
  EXPECT_NE(serializeNpy(array).find("'shape': (24,)"), std::string::npos);
  array.shape = {};
  array.bytes.resize(4);
  EXPECT_NE(serializeNpy(array).find("'shape': ()"), std::string::npos);
}

TEST(NpyTest, LongHeaderUsesVersion2) {
  NpyArray array;
  array.shape.assign(30000, 1);
  array.bytes.resize(4);
  std::string bytes = serializeNpy(array);
  EXPECT_EQ(bytes[6], 2);
  EXPECT_EQ((bytes.size() - 4) % 64, 0u);
  llvm::Expected<NpyArray> parsed = parseNpy(bytes, "mem");
  RECTIFY_ASSERT_EXPECTED(parsed);
  EXPECT_EQ(parsed->shape.size(), 30000u);
}

//===----------------------------------------------------------------------===//
// Reading what NumPy (and older writers) produce
//===----------------------------------------------------------------------===//

TEST(NpyTest, ReadsVersions2And3) {
  for (unsigned major : {2u, 3u}) {
    std::string file = makeNpy("{'descr': '<f4', 'fortran_order': False, "
                               "'shape': (2,), }",
                               bytesOf<float>({1.5f, -2.0f}), major);
    llvm::Expected<NpyArray> parsed = parseNpy(file, "v.npy");
    RECTIFY_ASSERT_EXPECTED(parsed);
    llvm::Expected<FloatTensor> tensor = convertToFloatTensor(*parsed, "v");
    RECTIFY_ASSERT_EXPECTED(tensor);
    EXPECT_EQ(tensor->data, (std::vector<float>{1.5f, -2.0f}));
  }
}

TEST(NpyTest, ToleratesKeyOrderQuotesAndLongs) {
  std::string file = makeNpy("{\"shape\": (1L, 2L), \"fortran_order\": False, "
                             "\"descr\": \"<f4\"}",
                             bytesOf<float>({1.0f, 2.0f}));
  llvm::Expected<NpyArray> parsed = parseNpy(file, "py2.npy");
  RECTIFY_ASSERT_EXPECTED(parsed);
  EXPECT_EQ(parsed->shape, (llvm::SmallVector<int64_t, 4>{1, 2}));
}

TEST(NpyTest, ReadsBigEndian) {
  std::string data = bytesOf<float>({1.0f, -2.5f});
  for (size_t i = 0; i < data.size(); i += 4)
    std::reverse(data.begin() + i, data.begin() + i + 4);
  std::string file = makeNpy(
      "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", data);
  llvm::Expected<FloatTensor> tensor =
      convertToFloatTensor(llvm::cantFail(parseNpy(file, "be")), "be");
  RECTIFY_ASSERT_EXPECTED(tensor);
  EXPECT_EQ(tensor->data, (std::vector<float>{1.0f, -2.5f}));
}

TEST(NpyTest, ConvertsToFloat32WhenAllowed) {
  struct Case {
    const char *descr;
    std::string data;
  };
  std::vector<Case> cases = {
      {"<f8", bytesOf<double>({1.25, -3.0, 1e300})},
      {"<i8", bytesOf<int64_t>({1, -3, 1000000})},
      {"<i4", bytesOf<int32_t>({1, -3, 7})},
      {"|b1", std::string("\x01\x00\x01", 3)},
      {"|u1", std::string("\x01\xff\x07", 3)},
  };
  std::vector<std::vector<float>> want = {{1.25f, -3.0f, INFINITY},
                                          {1, -3, 1000000},
                                          {1, -3, 7},
                                          {1, 0, 1},
                                          {1, 255, 7}};
  for (auto [index, c] : llvm::enumerate(cases)) {
    std::string file = makeNpy(std::string("{'descr': '") + c.descr +
                                   "', 'fortran_order': False, "
                                   "'shape': (3,), }",
                               c.data);
    NpyArray array = llvm::cantFail(parseNpy(file, "c.npy"));
    EXPECT_EQ(errorOf(convertToFloatTensor(array, "c.npy")),
              "c.npy: has dtype " + getNpyDTypeName(array.dtype).str() +
                  ", expected float32 ('<f4')");
    llvm::Expected<FloatTensor> tensor =
        convertToFloatTensor(array, "c.npy", DTypeConversion::Allow);
    RECTIFY_ASSERT_EXPECTED(tensor);
    EXPECT_EQ(tensor->data, want[index]) << c.descr;
  }
}

TEST(NpyTest, ConvertsToInt64) {
  std::string file =
      makeNpy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }",
              bytesOf<int32_t>({-5, 9}));
  NpyArray array = llvm::cantFail(parseNpy(file, "i.npy"));
  EXPECT_EQ(errorOf(convertToInt64(array, "i.npy")),
            "i.npy: has dtype int32, expected int64 ('<i8')");
  llvm::Expected<std::vector<int64_t>> values =
      convertToInt64(array, "i.npy", DTypeConversion::Allow);
  RECTIFY_ASSERT_EXPECTED(values);
  EXPECT_EQ(*values, (std::vector<int64_t>{-5, 9}));

  NpyArray floats;
  floats.shape = {1};
  floats.bytes.resize(4);
  EXPECT_EQ(errorOf(convertToInt64(floats, "f.npy", DTypeConversion::Allow)),
            "f.npy: has dtype float32, expected an integer or bool type");
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

TEST(NpyTest, RejectsMalformedFiles) {
  std::string four = bytesOf<float>({1.0f});
  auto fileWith = [&](StringRef dict) { return makeNpy(dict, four); };
  struct Case {
    std::string contents;
    const char *message;
  };
  std::vector<Case> cases = {
      {"PK\x03\x04 not npy", "x.npy: not a .npy file (missing the \\x93NUMPY "
                             "magic)"},
      {std::string("\x93NUMPY\x01", 7), "x.npy: truncated .npy header"},
      {std::string("\x93NUMPY\x01\x00\x40", 9), "x.npy: truncated .npy header"},
      {std::string("\x93NUMPY\x01\x00\xff\x00{", 11),
       "x.npy: truncated .npy header"},
      {std::string("\x93NUMPY\x04\x00", 8) + "xx",
       "x.npy: unsupported .npy version 4.0 (supported: 1.0, 2.0, 3.0)"},
      {fileWith("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }"),
       "x.npy: Fortran-order arrays are not supported (save the array in C "
       "order)"},
      {fileWith("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }"),
       "x.npy: unsupported dtype '<c8' (supported: float32, float64, int64, "
       "int32, bool, uint8)"},
      {fileWith("{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }"),
       "x.npy: dtype '|f4' lacks a byte order"},
      {fileWith("{'descr': [('a', '<f4')], 'fortran_order': False, "
                "'shape': (1,), }"),
       "x.npy: structured dtypes are not supported"},
      {fileWith("{'descr': '<f4', 'shape': (1,), }"),
       "x.npy: malformed .npy header: missing key 'fortran_order'"},
      {fileWith("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }"),
       "x.npy: malformed .npy header: expected a non-negative integer in "
       "'shape'"},
      {fileWith("{'descr': '<f4', 'fortran_order': False, 'shape': [1], }"),
       "x.npy: malformed .npy header: expected '(' to open 'shape'"},
      {fileWith("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }"),
       "x.npy: malformed .npy header: expected True or False for "
       "'fortran_order'"},
      {fileWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), "
                "'extra': 1}"),
       "x.npy: malformed .npy header: unexpected key 'extra'"},
      {fileWith("{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}"),
       "x.npy: malformed .npy header: expected '}' after a value"},
      {fileWith("['descr']"),
       "x.npy: malformed .npy header: expected '{' at the start of the "
       "header"},
      {makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
               four),
       "x.npy: has 4 bytes of data, but shape 2x3 of float32 needs 24"},
      {makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
               four + four),
       "x.npy: has 8 bytes of data, but shape scalar of float32 needs 4"},
      {makeNpy("{'descr': '<f8', 'fortran_order': False, "
               "'shape': (4611686018427387904, 4), }",
               four),
       "x.npy: shape (4611686018427387904x4) is too large"},
  };
  for (const Case &c : cases)
    EXPECT_EQ(errorOf(parseNpy(c.contents, "x.npy")), c.message);
}

TEST_F(NpyFileTest, FileErrorsNameTheFile) {
  std::string missing = pathOf("missing.npy");
  std::string message = errorOf(readNpyFile(missing));
  EXPECT_EQ(message.rfind(missing + ": cannot read: ", 0), 0u) << message;

  std::string text = pathOf("text.npy");
  writeRaw(text, "hello");
  EXPECT_EQ(errorOf(readNpyFloat32(text)),
            text + ": not a .npy file (missing the \\x93NUMPY magic)");

  std::string wrongType = pathOf("f64.npy");
  writeRaw(wrongType,
           makeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }",
                   bytesOf<double>({1.0})));
  EXPECT_EQ(errorOf(readNpyFloat32(wrongType)),
            wrongType + ": has dtype float64, expected float32 ('<f4')");
  llvm::Expected<FloatTensor> converted =
      readNpyFloat32(wrongType, DTypeConversion::Allow);
  RECTIFY_ASSERT_EXPECTED(converted);
  EXPECT_EQ(converted->data, std::vector<float>{1.0f});

  std::string unwritable = pathOf("no/such/dir/out.npy");
  message = errorOf(writeNpyFile(unwritable, FloatTensor({1})));
  EXPECT_EQ(message.rfind(unwritable + ": cannot write: ", 0), 0u) << message;
}
