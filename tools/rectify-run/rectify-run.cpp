//===- rectify-run.cpp - Run a compiled or JIT-compiled model -------------===//
//
//   rectify-run (model.onnx | libmodel.so) --input NAME=file.npy ...
//       [--output-dir DIR] [--expect NAME=file.npy ...]
//       [--rtol R] [--atol A] [--max-rel M] [--input-shape NAME=1x784 ...]
//       [--benchmark N [--warmup W]] [--device=cpu|vulkan|cuda]
//       [--vulkan-device INDEX|NAME] [--cuda-device INDEX|NAME]
//
// Exit status: 0 success, 1 error (bad arguments, files, shapes, model
// failure), 2 an output does not match its --expect file.
//
//===----------------------------------------------------------------------===//

#include "CompileModel.h"

#include "rectify/Driver/Compile.h"
#include "rectify/Runtime/Benchmark.h"
#include "rectify/Runtime/ModelInvocation.h"
#include "rectify/Runtime/ModelLibrary.h"
#include "rectify/Support/Compare.h"
#include "rectify/Support/Npy.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <dlfcn.h>

#include <cmath>

using namespace rectify;
using llvm::StringRef;
namespace cl = llvm::cl;

static cl::OptionCategory category("rectify-run options");
static cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                                      cl::desc("<model.onnx | libmodel.so>"),
                                      cl::cat(category));
static cl::list<std::string>
    inputFlags("input",
               cl::desc("A model input: NAME=file.npy (float32, C order)"),
               cl::value_desc("NAME=file.npy"), cl::cat(category));
static cl::opt<std::string>
    outputDir("output-dir",
              cl::desc("Write each output to DIR/<output name>.npy"),
              cl::value_desc("DIR"), cl::cat(category));
static cl::list<std::string>
    expectFlags("expect",
                cl::desc("Compare output NAME with the tensor in file.npy"),
                cl::value_desc("NAME=file.npy"), cl::cat(category));
static cl::opt<double>
    rtolFlag("rtol",
             cl::desc("Elementwise: |got - want| <= atol + rtol*|want|"),
             cl::cat(category));
static cl::opt<double> atolFlag("atol", cl::desc("See --rtol"),
                                cl::cat(category));
static cl::opt<double> maxRelFlag(
    "max-rel",
    cl::desc("Whole tensor: max|got - want| <= max-rel * max|want| (without "
             "any tolerance flag, --atol 1e-5 --rtol 1e-5 applies)"),
    cl::cat(category));
static cl::list<std::string> inputShapeFlags(
    "input-shape",
    cl::desc("Override an input's shape when compiling an .onnx model, e.g. "
             "input=1x784 ('?' keeps a dimension dynamic)"),
    cl::value_desc("NAME=SHAPE"), cl::cat(category));
static cl::opt<std::string> deviceFlag(
    "device",
    cl::desc("cpu, vulkan or cuda: what an .onnx model is compiled for; a "
             "library must have been compiled for it (default: cpu for "
             ".onnx, the library's own device otherwise)"),
    cl::value_desc("DEVICE"), cl::cat(category));
static cl::opt<std::string> vulkanDeviceFlag(
    "vulkan-device",
    cl::desc("The Vulkan device to run on, by index or part of its name "
             "(sets RECTIFY_VULKAN_DEVICE)"),
    cl::value_desc("INDEX|NAME"), cl::cat(category));
static cl::opt<std::string> cudaDeviceFlag(
    "cuda-device",
    cl::desc("The CUDA device to run on, by index or part of its name "
             "(sets RECTIFY_CUDA_DEVICE)"),
    cl::value_desc("INDEX|NAME"), cl::cat(category));
static cl::opt<unsigned>
    benchmarkRuns("benchmark",
                  cl::desc("Time N runs and print median, min and max "
                           "latency (loading excluded)"),
                  cl::value_desc("N"), cl::init(0), cl::cat(category));
static cl::opt<unsigned> warmupRuns("warmup",
                                    cl::desc("Untimed runs before timing"),
                                    cl::value_desc("W"), cl::init(1),
                                    cl::cat(category));


static constexpr int kExitError = 1;
static constexpr int kExitMismatch = 2;

static int reportError(llvm::Error err) {
  llvm::handleAllErrors(std::move(err), [](const llvm::ErrorInfoBase &info) {
    llvm::WithColor::error(llvm::errs(), "rectify-run")
        << info.message() << "\n";
  });
  return kExitError;
}

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Splits NAME=path.
static llvm::Expected<std::pair<StringRef, StringRef>>
splitAssignment(StringRef flag, StringRef option) {
  auto [name, path] = flag.split('=');
  if (name.empty() || path.empty())
    return makeError("--" + option + " expects NAME=file.npy, got '" + flag +
                     "'");
  return std::make_pair(name, path);
}

/// The device a compiled library runs on: GPU libraries say so through
/// rectify_model_device(); CPU libraries have no such symbol.
static std::string getLibraryDevice(StringRef path) {
  void *handle = dlopen(path.str().c_str(), RTLD_LAZY | RTLD_LOCAL);
  if (!handle)
    return "cpu";
  using DeviceFn = const char *(*)();
  auto device = reinterpret_cast<DeviceFn>(dlsym(handle, "rectify_model_device"));
  std::string name = device ? device() : "cpu";
  dlclose(handle);
  return name;
}

static llvm::Expected<std::unique_ptr<ModelLibrary>> loadModel() {
  StringRef device = deviceFlag;
  if (!device.empty() && device != "cpu" && device != "vulkan" &&
      device != "cuda")
    return makeError("--device=" + device + ": expected cpu, vulkan or cuda");
  if (!vulkanDeviceFlag.empty())
    setenv("RECTIFY_VULKAN_DEVICE", vulkanDeviceFlag.c_str(), 1);
  if (!cudaDeviceFlag.empty())
    setenv("RECTIFY_CUDA_DEVICE", cudaDeviceFlag.c_str(), 1);
  if (StringRef(modelPath).ends_with_insensitive(".onnx"))
    return compileAndLoadONNX(modelPath, inputShapeFlags,
                              device == "vulkan" ? Target::Vulkan
                              : device == "cuda" ? Target::CUDA
                                                 : Target::CPU);
  if (!inputShapeFlags.empty())
    return makeError("--input-shape applies only to .onnx models; " +
                     modelPath + " is already compiled");
  std::string compiledFor = getLibraryDevice(modelPath);
  if (!device.empty() && device != compiledFor)
    return makeError(modelPath + " was compiled for " + compiledFor +
                     ", not --device=" + device);
  return ModelLibrary::load(modelPath);
}

static llvm::Expected<std::vector<NamedInput>> readInputs() {
  std::vector<NamedInput> inputs;
  for (const std::string &flag : inputFlags) {
    auto assignment = splitAssignment(flag, "input");
    if (!assignment)
      return assignment.takeError();
    auto tensor = readNpyFloat32(assignment->second);
    if (!tensor)
      return tensor.takeError();
    inputs.push_back({assignment->first.str(), assignment->second.str(),
                      std::move(*tensor)});
  }
  return inputs;
}

static llvm::Error writeOutputs(const ModelLibrary &model,
                                llvm::ArrayRef<FloatTensor> outputs) {
  if (std::error_code ec = llvm::sys::fs::create_directories(outputDir))
    return makeError(outputDir + ": cannot create directory: " + ec.message());
  llvm::StringSet<> used;
  for (auto [index, info] : llvm::enumerate(model.getOutputs())) {
    std::string stem = sanitizeFileName(info.name);
    if (!used.insert(stem).second)
      stem += "_" + std::to_string(index);
    used.insert(stem);
    llvm::SmallString<128> path(outputDir);
    llvm::sys::path::append(path, stem + ".npy");
    if (llvm::Error err = writeNpyFile(path, outputs[index]))
      return err;
  }
  return llvm::Error::success();
}

static Tolerance getTolerance() {
  Tolerance tolerance;
  if (atolFlag.getNumOccurrences())
    tolerance.atol = atolFlag;
  if (rtolFlag.getNumOccurrences())
    tolerance.rtol = rtolFlag;
  if (maxRelFlag.getNumOccurrences())
    tolerance.maxRel = maxRelFlag;
  if (!tolerance.hasElementwise() && !tolerance.maxRel)
    return Tolerance::getDefault();
  return tolerance;
}

static double getMaxAbs(const FloatTensor &tensor) {
  double result = 0;
  for (float value : tensor.data)
    if (std::isfinite(value))
      result = std::max(result, std::fabs(double(value)));
  return result;
}

/// Reads the --expect files, keyed by output position.
static llvm::Expected<std::vector<std::optional<FloatTensor>>>
readExpected(const ModelLibrary &model) {
  std::vector<std::optional<FloatTensor>> expected(model.getOutputs().size());
  for (const std::string &flag : expectFlags) {
    auto assignment = splitAssignment(flag, "expect");
    if (!assignment)
      return assignment.takeError();
    std::optional<unsigned> position = model.findOutput(assignment->first);
    if (!position) {
      std::string names;
      for (const rectify_tensor_info &info : model.getOutputs())
        names += (names.empty() ? "'" : ", '") + std::string(info.name) + "'";
      return makeError("--expect names unknown output '" + assignment->first +
                       "' (the model's outputs: " + names + ")");
    }
    if (expected[*position])
      return makeError("output '" + assignment->first +
                       "' is given to --expect more than once");
    // Expected values may come in any numeric dtype, e.g. float64 oracles.
    auto tensor = readNpyFloat32(assignment->second, DTypeConversion::Allow);
    if (!tensor)
      return tensor.takeError();
    expected[*position] = std::move(*tensor);
  }
  return expected;
}

/// Prints one line per output; returns false when a check failed.
static llvm::Expected<bool>
reportOutputs(const ModelLibrary &model, llvm::ArrayRef<FloatTensor> outputs,
              llvm::ArrayRef<std::optional<FloatTensor>> expected) {
  Tolerance tolerance = getTolerance();
  bool allPassed = true;
  llvm::raw_ostream &os = llvm::outs();
  for (auto [index, info] : llvm::enumerate(model.getOutputs())) {
    const FloatTensor &output = outputs[index];
    os << "output '" << info.name << "': shape "
       << formatTensorShape(output.shape) << ", max |output| "
       << llvm::format("%.6g", getMaxAbs(output));
    if (!expected[index]) {
      os << "\n";
      continue;
    }
    auto result = compareTensors(output, *expected[index], tolerance);
    if (!result) {
      os << ", FAIL\n";
      return makeError("output '" + StringRef(info.name) +
                       "': " + llvm::toString(result.takeError()));
    }
    os << ", max abs error " << llvm::format("%.6g", result->maxAbsError)
       << ", max |expected| " << llvm::format("%.6g", result->maxAbsExpected);
    if (result->passed()) {
      os << ", PASS (" << tolerance.describe() << ")\n";
      continue;
    }
    allPassed = false;
    os << ", FAIL (" << tolerance.describe() << "): " << result->numMismatches
       << " of " << result->numElements << " elements mismatch; worst at "
       << formatIndex(result->worstIndex, output.shape) << ": got "
       << llvm::format("%.9g", result->worstActual) << ", expected "
       << llvm::format("%.9g", result->worstExpected) << ", abs error "
       << llvm::format("%.6g", result->worstError) << "\n";
  }
  return allPassed;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // libLLVM registers a hidden option named "threads"; ours takes the name.
  rectify::claimOptionName("threads");
  cl::opt<unsigned> threadCount(
      "threads",
      cl::desc("Threads for models compiled with OpenMP (rectify-compile "
               "--threads=0): sets OMP_NUM_THREADS before the model loads; "
               "single-threaded models ignore it"),
      cl::value_desc("T"), cl::init(0), cl::cat(category));
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "Runs a Rectify model on .npy inputs\n");

  auto inputs = readInputs();
  if (!inputs)
    return reportError(inputs.takeError());
  // OpenMP reads this once, when the model's first parallel region starts.
  if (threadCount > 0)
    setenv("OMP_NUM_THREADS", std::to_string(threadCount).c_str(), 1);
  auto model = loadModel();
  if (!model)
    return reportError(model.takeError());
  auto expected = readExpected(**model);
  if (!expected)
    return reportError(expected.takeError());
  auto invocation = ModelInvocation::create(**model, std::move(*inputs));
  if (!invocation)
    return reportError(invocation.takeError());
  if (llvm::Error err = invocation->run())
    return reportError(std::move(err));

  if (!outputDir.empty())
    if (llvm::Error err = writeOutputs(**model, invocation->getOutputs()))
      return reportError(std::move(err));
  auto passed = reportOutputs(**model, invocation->getOutputs(), *expected);
  if (!passed)
    return reportError(passed.takeError());

  if (benchmarkRuns > 0) {
    auto stats = benchmark(*invocation, benchmarkRuns, warmupRuns);
    if (!stats)
      return reportError(stats.takeError());
    llvm::outs() << "benchmark: " << stats->runs << " runs (" << warmupRuns
                 << " warmup), batch " << invocation->getBatchSize()
                 << ": median " << llvm::format("%.4g", stats->medianMs)
                 << " ms, min " << llvm::format("%.4g", stats->minMs)
                 << " ms, max " << llvm::format("%.4g", stats->maxMs)
                 << " ms\n";
  }
  return *passed ? 0 : kExitMismatch;
}
