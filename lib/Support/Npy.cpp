//===- Npy.cpp - Reading and writing NumPy .npy files ---------------------===//

#include "rectify/Support/Npy.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SwapByteOrder.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

using namespace rectify;
using llvm::StringRef;

static constexpr char kMagic[] = "\x93NUMPY";
static constexpr size_t kMagicSize = 6;
static constexpr size_t kAlignment = 64;

llvm::StringRef rectify::getNpyDTypeName(NpyDType dtype) {
  switch (dtype) {
  case NpyDType::Float32:
    return "float32";
  case NpyDType::Float64:
    return "float64";
  case NpyDType::Int64:
    return "int64";
  case NpyDType::Int32:
    return "int32";
  case NpyDType::Bool:
    return "bool";
  case NpyDType::UInt8:
    return "uint8";
  }
  llvm_unreachable("unknown NpyDType");
}

int64_t rectify::getNpyDTypeSize(NpyDType dtype) {
  switch (dtype) {
  case NpyDType::Float64:
  case NpyDType::Int64:
    return 8;
  case NpyDType::Float32:
  case NpyDType::Int32:
    return 4;
  case NpyDType::Bool:
  case NpyDType::UInt8:
    return 1;
  }
  llvm_unreachable("unknown NpyDType");
}

/// The type code of a descr without its byte-order character, e.g. "f4".
static StringRef getTypeCode(NpyDType dtype) {
  switch (dtype) {
  case NpyDType::Float32:
    return "f4";
  case NpyDType::Float64:
    return "f8";
  case NpyDType::Int64:
    return "i8";
  case NpyDType::Int32:
    return "i4";
  case NpyDType::Bool:
    return "b1";
  case NpyDType::UInt8:
    return "u1";
  }
  llvm_unreachable("unknown NpyDType");
}

static llvm::Error makeError(StringRef name, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 name + ": " + message);
}

/// Reverses the bytes of every element in place.
static void swapElementBytes(std::vector<uint8_t> &bytes, int64_t size) {
  if (size == 1)
    return;
  for (size_t i = 0; i + size <= bytes.size(); i += size)
    std::reverse(bytes.begin() + i, bytes.begin() + i + size);
}

//===----------------------------------------------------------------------===//
// Header parsing
//===----------------------------------------------------------------------===//

namespace {

struct NpyHeader {
  NpyDType dtype;
  bool bigEndian;
  llvm::SmallVector<int64_t, 4> shape;
};

/// A recursive-descent parser for the header's Python dict literal.
class HeaderParser {
public:
  HeaderParser(StringRef text, StringRef name) : rest(text), name(name) {}

  llvm::Expected<NpyHeader> parse();

private:
  void skipSpace() { rest = rest.ltrim(" \t\r\n"); }
  bool consume(char c) {
    skipSpace();
    if (!rest.starts_with(StringRef(&c, 1)))
      return false;
    rest = rest.drop_front();
    return true;
  }
  llvm::Error fail(const llvm::Twine &message) {
    return makeError(name, "malformed .npy header: " + message);
  }
  llvm::Error expect(char c, StringRef what) {
    if (consume(c))
      return llvm::Error::success();
    return fail(llvm::formatv("expected '{0}' {1}", c, what).str());
  }
  llvm::Expected<std::string> parseString();
  llvm::Expected<bool> parseBool();
  llvm::Expected<llvm::SmallVector<int64_t, 4>> parseShape();
  llvm::Error parseDescr(StringRef descr, NpyHeader &header);

  StringRef rest;
  StringRef name;
};

} // namespace

llvm::Expected<std::string> HeaderParser::parseString() {
  skipSpace();
  if (rest.empty() || (rest.front() != '\'' && rest.front() != '"'))
    return fail("expected a quoted string");
  char quote = rest.front();
  size_t end = rest.find(quote, 1);
  if (end == StringRef::npos)
    return fail("unterminated string");
  std::string value = rest.slice(1, end).str();
  rest = rest.drop_front(end + 1);
  return value;
}

llvm::Expected<bool> HeaderParser::parseBool() {
  skipSpace();
  if (rest.consume_front("True"))
    return true;
  if (rest.consume_front("False"))
    return false;
  return fail("expected True or False for 'fortran_order'");
}

llvm::Expected<llvm::SmallVector<int64_t, 4>> HeaderParser::parseShape() {
  if (llvm::Error err = expect('(', "to open 'shape'"))
    return std::move(err);
  llvm::SmallVector<int64_t, 4> shape;
  while (!consume(')')) {
    skipSpace();
    size_t digits = rest.find_if_not(llvm::isDigit);
    if (digits == 0 || digits == StringRef::npos)
      return fail("expected a non-negative integer in 'shape'");
    int64_t extent;
    if (rest.take_front(digits).getAsInteger(10, extent))
      return fail("dimension out of range in 'shape'");
    rest = rest.drop_front(digits);
    rest.consume_front("L"); // Python 2 long literals.
    shape.push_back(extent);
    if (consume(','))
      continue;
    if (llvm::Error err = expect(')', "after a dimension in 'shape'"))
      return std::move(err);
    // A one-element tuple needs its trailing comma; be lenient about it.
    break;
  }
  return shape;
}

llvm::Error HeaderParser::parseDescr(StringRef descr, NpyHeader &header) {
  if (descr.size() < 2)
    return makeError(name, "unsupported dtype '" + descr + "'");
  char order = descr.front();
  StringRef code = descr.drop_front();
  if (order != '<' && order != '>' && order != '|' && order != '=')
    return makeError(name, "unsupported dtype '" + descr + "'");
  static constexpr NpyDType kTypes[] = {NpyDType::Float32, NpyDType::Float64,
                                        NpyDType::Int64,   NpyDType::Int32,
                                        NpyDType::Bool,    NpyDType::UInt8};
  const NpyDType *match = llvm::find_if(
      kTypes, [&](NpyDType type) { return getTypeCode(type) == code; });
  if (match == std::end(kTypes))
    return makeError(name, "unsupported dtype '" + descr +
                               "' (supported: float32, float64, int64, int32, "
                               "bool, uint8)");
  header.dtype = *match;
  if (order == '|' && getNpyDTypeSize(*match) != 1)
    return makeError(name, "dtype '" + descr + "' lacks a byte order");
  header.bigEndian =
      order == '>' || (order == '=' && llvm::sys::IsBigEndianHost);
  return llvm::Error::success();
}

llvm::Expected<NpyHeader> HeaderParser::parse() {
  NpyHeader header;
  bool haveDescr = false, haveOrder = false, haveShape = false;
  if (llvm::Error err = expect('{', "at the start of the header"))
    return std::move(err);
  while (!consume('}')) {
    llvm::Expected<std::string> key = parseString();
    if (!key)
      return key.takeError();
    if (llvm::Error err = expect(':', "after a key"))
      return std::move(err);
    if (*key == "descr") {
      skipSpace();
      if (rest.starts_with("["))
        return makeError(name, "structured dtypes are not supported");
      llvm::Expected<std::string> descr = parseString();
      if (!descr)
        return descr.takeError();
      if (llvm::Error err = parseDescr(*descr, header))
        return std::move(err);
      haveDescr = true;
    } else if (*key == "fortran_order") {
      llvm::Expected<bool> fortran = parseBool();
      if (!fortran)
        return fortran.takeError();
      if (*fortran)
        return makeError(name, "Fortran-order arrays are not supported "
                               "(save the array in C order)");
      haveOrder = true;
    } else if (*key == "shape") {
      llvm::Expected<llvm::SmallVector<int64_t, 4>> shape = parseShape();
      if (!shape)
        return shape.takeError();
      header.shape = std::move(*shape);
      haveShape = true;
    } else {
      return fail("unexpected key '" + *key + "'");
    }
    if (consume(','))
      continue;
    if (llvm::Error err = expect('}', "after a value"))
      return std::move(err);
    break;
  }
  skipSpace();
  if (!rest.empty())
    return fail("trailing characters after the dict");
  if (!haveDescr || !haveOrder || !haveShape)
    return fail("missing key '" +
                StringRef(!haveDescr   ? "descr"
                          : !haveOrder ? "fortran_order"
                                       : "shape") +
                "'");
  return header;
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

static uint32_t readLittleEndian(StringRef bytes) {
  uint32_t value = 0;
  for (size_t i = bytes.size(); i-- > 0;)
    value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  return value;
}

llvm::Expected<NpyArray> rectify::parseNpy(StringRef contents, StringRef name) {
  if (!contents.starts_with(StringRef(kMagic, kMagicSize)))
    return makeError(name, "not a .npy file (missing the \\x93NUMPY magic)");
  if (contents.size() < kMagicSize + 2)
    return makeError(name, "truncated .npy header");
  unsigned major = static_cast<uint8_t>(contents[kMagicSize]);
  unsigned minor = static_cast<uint8_t>(contents[kMagicSize + 1]);
  if (major < 1 || major > 3 || minor != 0)
    return makeError(name, llvm::formatv("unsupported .npy version {0}.{1} "
                                         "(supported: 1.0, 2.0, 3.0)",
                                         major, minor)
                               .str());
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t prefix = kMagicSize + 2 + lengthSize;
  if (contents.size() < prefix)
    return makeError(name, "truncated .npy header");
  uint64_t headerLength =
      readLittleEndian(contents.substr(kMagicSize + 2, lengthSize));
  if (contents.size() - prefix < headerLength)
    return makeError(name, "truncated .npy header");
  StringRef headerText = contents.substr(prefix, headerLength);
  llvm::Expected<NpyHeader> header = HeaderParser(headerText, name).parse();
  if (!header)
    return header.takeError();

  NpyArray array;
  array.dtype = header->dtype;
  array.shape = header->shape;
  int64_t elementSize = getNpyDTypeSize(array.dtype);
  std::optional<int64_t> count = getNumElements(array.shape);
  int64_t expectedBytes;
  if (!count || llvm::MulOverflow(*count, elementSize, expectedBytes))
    return makeError(name, "shape (" + formatTensorShape(array.shape) +
                               ") is too large");
  StringRef data = contents.drop_front(prefix + headerLength);
  if (static_cast<uint64_t>(expectedBytes) != data.size())
    return makeError(
        name, llvm::formatv("has {0} bytes of data, but shape {1} of {2} "
                            "needs {3}",
                            data.size(), formatTensorShape(array.shape),
                            getNpyDTypeName(array.dtype), expectedBytes)
                  .str());
  array.bytes.assign(data.bytes_begin(), data.bytes_end());
  if (header->bigEndian != llvm::sys::IsBigEndianHost)
    swapElementBytes(array.bytes, elementSize);
  return array;
}

llvm::Expected<NpyArray> rectify::readNpyFile(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError(path, "cannot read: " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

//===----------------------------------------------------------------------===//
// Conversion
//===----------------------------------------------------------------------===//

/// Loads element `i` of a host-order buffer as T.
template <typename T>
static T loadElement(const std::vector<uint8_t> &bytes, NpyDType dtype,
                     int64_t i) {
  const uint8_t *p = bytes.data() + i * getNpyDTypeSize(dtype);
  switch (dtype) {
  case NpyDType::Float32: {
    float v;
    std::memcpy(&v, p, sizeof(v));
    return static_cast<T>(v);
  }
  case NpyDType::Float64: {
    double v;
    std::memcpy(&v, p, sizeof(v));
    return static_cast<T>(v);
  }
  case NpyDType::Int64: {
    int64_t v;
    std::memcpy(&v, p, sizeof(v));
    return static_cast<T>(v);
  }
  case NpyDType::Int32: {
    int32_t v;
    std::memcpy(&v, p, sizeof(v));
    return static_cast<T>(v);
  }
  case NpyDType::Bool:
    return static_cast<T>(*p != 0);
  case NpyDType::UInt8:
    return static_cast<T>(*p);
  }
  llvm_unreachable("unknown NpyDType");
}

static llvm::Error makeDTypeError(StringRef name, NpyDType got,
                                  StringRef want) {
  return makeError(name,
                   "has dtype " + getNpyDTypeName(got) + ", expected " + want);
}

llvm::Expected<FloatTensor>
rectify::convertToFloatTensor(const NpyArray &array, StringRef name,
                              DTypeConversion conversion) {
  if (array.dtype != NpyDType::Float32 && conversion == DTypeConversion::Reject)
    return makeDTypeError(name, array.dtype, "float32 ('<f4')");
  FloatTensor tensor;
  tensor.shape = array.shape;
  int64_t count = array.getNumElements();
  tensor.data.resize(count);
  if (array.dtype == NpyDType::Float32) {
    std::memcpy(tensor.data.data(), array.bytes.data(), array.bytes.size());
    return tensor;
  }
  for (int64_t i = 0; i < count; ++i)
    tensor.data[i] = loadElement<float>(array.bytes, array.dtype, i);
  return tensor;
}

llvm::Expected<std::vector<int64_t>>
rectify::convertToInt64(const NpyArray &array, StringRef name,
                        DTypeConversion conversion) {
  bool isFloat =
      array.dtype == NpyDType::Float32 || array.dtype == NpyDType::Float64;
  if (isFloat ||
      (array.dtype != NpyDType::Int64 && conversion == DTypeConversion::Reject))
    return makeDTypeError(name, array.dtype,
                          conversion == DTypeConversion::Reject
                              ? "int64 ('<i8')"
                              : "an integer or bool type");
  int64_t count = array.getNumElements();
  std::vector<int64_t> values(count);
  for (int64_t i = 0; i < count; ++i)
    values[i] = loadElement<int64_t>(array.bytes, array.dtype, i);
  return values;
}

llvm::Expected<FloatTensor>
rectify::readNpyFloat32(StringRef path, DTypeConversion conversion) {
  llvm::Expected<NpyArray> array = readNpyFile(path);
  if (!array)
    return array.takeError();
  return convertToFloatTensor(*array, path, conversion);
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

std::string rectify::serializeNpy(const NpyArray &array) {
  std::string dict;
  llvm::raw_string_ostream os(dict);
  char order = getNpyDTypeSize(array.dtype) == 1 ? '|' : '<';
  os << "{'descr': '" << order << getTypeCode(array.dtype)
     << "', 'fortran_order': False, 'shape': (";
  for (int64_t extent : array.shape)
    os << extent << (array.shape.size() == 1 ? "," : ", ");
  if (array.shape.size() > 1)
    dict.resize(dict.size() - 2);
  os << "), }";

  // Pad with spaces and a final newline so the data starts 64-byte aligned.
  size_t lengthSize = 2;
  auto paddedLength = [&](size_t prefix) {
    size_t unpadded = prefix + dict.size() + 1;
    return dict.size() + 1 + (kAlignment - unpadded % kAlignment) % kAlignment;
  };
  size_t headerLength = paddedLength(kMagicSize + 2 + lengthSize);
  if (headerLength > 0xffff) {
    lengthSize = 4;
    headerLength = paddedLength(kMagicSize + 2 + lengthSize);
  }
  dict.append(headerLength - dict.size() - 1, ' ');
  dict.push_back('\n');

  std::string out(kMagic, kMagicSize);
  out.push_back(static_cast<char>(lengthSize == 2 ? 1 : 2));
  out.push_back(0);
  for (size_t i = 0; i < lengthSize; ++i)
    out.push_back(static_cast<char>((headerLength >> (8 * i)) & 0xff));
  out += dict;

  std::vector<uint8_t> bytes = array.bytes;
  if (llvm::sys::IsBigEndianHost)
    swapElementBytes(bytes, getNpyDTypeSize(array.dtype));
  out.append(bytes.begin(), bytes.end());
  return out;
}

llvm::Error rectify::writeNpyFile(StringRef path, const NpyArray &array) {
  std::string contents = serializeNpy(array);
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return makeError(path, "cannot write: " + ec.message());
  os << contents;
  os.close();
  if (os.has_error()) {
    std::error_code writeError = os.error();
    os.clear_error();
    return makeError(path, "cannot write: " + writeError.message());
  }
  return llvm::Error::success();
}

llvm::Error rectify::writeNpyFile(StringRef path, const FloatTensor &tensor) {
  NpyArray array;
  array.dtype = NpyDType::Float32;
  array.shape = tensor.shape;
  const auto *begin = reinterpret_cast<const uint8_t *>(tensor.data.data());
  array.bytes.assign(begin, begin + tensor.data.size() * sizeof(float));
  return writeNpyFile(path, array);
}
