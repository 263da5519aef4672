//===- BenchmarkTest.cpp - Latency statistics -----------------------------===//

#include "rectify/Runtime/Benchmark.h"

#include "../Support/TestErrors.h"

#include "gtest/gtest.h"

using namespace rectify;
using rectify::testing::errorOf;

namespace {
ModelInvocation makeInvocation(const ModelLibrary &model) {
  std::vector<NamedInput> inputs;
  inputs.push_back({"x", "", FloatTensor({8, 3})});
  return llvm::cantFail(ModelInvocation::create(model, std::move(inputs)));
}
} // namespace

TEST(BenchmarkTest, OrdersStatistics) {
  auto model = llvm::cantFail(ModelLibrary::load(
      std::string(RECTIFY_TEST_MODEL_DIR) + "/libDoubleModel.so"));
  ModelInvocation invocation = makeInvocation(*model);
  auto stats = benchmark(invocation, 5, 2);
  RECTIFY_ASSERT_EXPECTED(stats);
  EXPECT_EQ(stats->runs, 5u);
  EXPECT_LE(stats->minMs, stats->medianMs);
  EXPECT_LE(stats->medianMs, stats->maxMs);
  EXPECT_GE(stats->minMs, 0.0);
  EXPECT_EQ(errorOf(benchmark(invocation, 0, 0)),
            "benchmark needs at least one run");
}

TEST(BenchmarkTest, PropagatesModelErrors) {
  auto model = llvm::cantFail(ModelLibrary::load(
      std::string(RECTIFY_TEST_MODEL_DIR) + "/libFailingModel.so"));
  std::vector<NamedInput> inputs;
  inputs.push_back({"x", "", FloatTensor({4})});
  auto invocation = ModelInvocation::create(*model, std::move(inputs));
  RECTIFY_ASSERT_EXPECTED(invocation);
  EXPECT_NE(errorOf(benchmark(*invocation, 3, 0)).find("internal failure"),
            std::string::npos);
}
