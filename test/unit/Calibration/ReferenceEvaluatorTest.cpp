//===- ReferenceEvaluatorTest.cpp - Calibration's reference evaluator -----===//
//
// Small rect functions with hand-computed results: linear with bias and
// activations, numpy broadcasting, softmax, reshape/flatten, the error on an
// unsupported op, and the per-neuron statistics calibration prunes by.
//
//===----------------------------------------------------------------------===//

#include "rectify/Calibration/ReferenceEvaluator.h"
#include "rectify/Calibration/Calibration.h"
#include "rectify/Dialect/Rect/IR/RectDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace mlir;
using namespace rectify;

namespace {

class ReferenceEvaluatorTest : public ::testing::Test {
protected:
  ReferenceEvaluatorTest() {
    context.loadDialect<func::FuncDialect, rect::RectDialect>();
  }

  OwningOpRef<ModuleOp> parse(StringRef text) {
    return parseSourceString<ModuleOp>(text, &context);
  }

  func::FuncOp getMain(ModuleOp module) {
    return module.lookupSymbol<func::FuncOp>("main");
  }

  static FloatTensor tensor(ArrayRef<int64_t> shape, ArrayRef<float> data) {
    FloatTensor t(shape);
    t.data.assign(data.begin(), data.end());
    return t;
  }

  MLIRContext context;
};

TEST_F(ReferenceEvaluatorTest, LinearWithBiasAndActivation) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @main(%x: tensor<?x2xf32>) -> tensor<?x3xf32> {
      %w = rect.constant dense<[[1.0, 2.0], [-1.0, 0.5], [0.0, -3.0]]> : tensor<3x2xf32>
      %b = rect.constant dense<[0.5, -1.0, 1.0]> : tensor<3xf32>
      %y = rect.linear %x, %w bias(%b) {activation = #rect.act<relu>}
          : (tensor<?x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<?x3xf32>
      return %y : tensor<?x3xf32>
    })mlir");
  ASSERT_TRUE(module);
  SmallVector<float> pre;
  auto observe = [&](Operation *, const FloatTensor &p,
                     const FloatTensor &) {
    pre.assign(p.data.begin(), p.data.end());
  };
  FailureOr<SmallVector<FloatTensor>> out = evaluateFunction(
      getMain(*module), {tensor({2, 2}, {1, 1, 2, -2})}, observe);
  ASSERT_TRUE(succeeded(out));
  ASSERT_EQ(out->size(), 1u);
  // Row 0: [3.5, -1.5, -2], row 1: [-1.5, -4, 7].
  EXPECT_EQ((*out)[0].shape, (SmallVector<int64_t, 4>{2, 3}));
  EXPECT_EQ((*out)[0].data, (std::vector<float>{3.5f, 0, 0, 0, 0, 7}));
  EXPECT_EQ(pre, (SmallVector<float>{3.5f, -1.5f, -2, -1.5f, -4, 7}));
}

TEST_F(ReferenceEvaluatorTest, BroadcastingArithmetic) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @main(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
      %row = rect.constant dense<[10.0, 20.0, 30.0]> : tensor<3xf32>
      %col = rect.constant dense<[[2.0], [4.0]]> : tensor<2x1xf32>
      %a = rect.add %x, %row : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
      %d = rect.div %a, %col : tensor<2x3xf32>, tensor<2x1xf32> -> tensor<2x3xf32>
      %s = rect.sub %col, %x : tensor<2x1xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
      return %d, %s : tensor<2x3xf32>, tensor<2x3xf32>
    })mlir");
  ASSERT_TRUE(module);
  FailureOr<SmallVector<FloatTensor>> out =
      evaluateFunction(getMain(*module), {tensor({2, 3}, {0, 1, 2, 3, 4, 5})});
  ASSERT_TRUE(succeeded(out));
  EXPECT_EQ((*out)[0].data,
            (std::vector<float>{5, 10.5f, 16, 3.25f, 6, 8.75f}));
  EXPECT_EQ((*out)[1].data, (std::vector<float>{2, 1, 0, 1, 0, -1}));
}

// A padded 2x2 conv of [[1, 2], [3, 4]] with ones sums the window inside the
// input: [[1, 3, 2], [4, 10, 6], [3, 7, 4]]; bias -5 and relu give
// [[0, 0, 0], [0, 5, 1], [0, 2, 0]]; a 2x2 average pool (padding not
// counted) gives [[1.25, 1.5], [1.75, 2]], whose global max is 2. The same
// conv output concatenated with itself doubles the channels.
TEST_F(ReferenceEvaluatorTest, ConvPoolingAndConcat) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @main(%x: tensor<?x1x2x2xf32>) -> (tensor<?x1x2x2xf32>, tensor<?x1x1x1xf32>, tensor<?x2x3x3xf32>) {
      %w = rect.constant dense<1.0> : tensor<1x1x2x2xf32>
      %b = rect.constant dense<-5.0> : tensor<1xf32>
      %c = rect.conv %x, %w bias(%b) {pads = array<i64: 1, 1, 1, 1>, activation = #rect.act<relu>}
          : (tensor<?x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<?x1x3x3xf32>
      %a = rect.avg_pool %c {kernel_shape = array<i64: 2, 2>} : tensor<?x1x3x3xf32> -> tensor<?x1x2x2xf32>
      %g = rect.global_max_pool %a : tensor<?x1x2x2xf32> -> tensor<?x1x1x1xf32>
      %k = rect.concat %c, %c {axis = 1 : i64} : (tensor<?x1x3x3xf32>, tensor<?x1x3x3xf32>) -> tensor<?x2x3x3xf32>
      return %a, %g, %k : tensor<?x1x2x2xf32>, tensor<?x1x1x1xf32>, tensor<?x2x3x3xf32>
    })mlir");
  ASSERT_TRUE(module);
  SmallVector<float> pre;
  auto observe = [&](Operation *op, const FloatTensor &p, const FloatTensor &) {
    EXPECT_TRUE(isa<rect::ConvOp>(op));
    pre.assign(p.data.begin(), p.data.end());
  };
  FailureOr<SmallVector<FloatTensor>> out = evaluateFunction(
      getMain(*module), {tensor({1, 1, 2, 2}, {1, 2, 3, 4})}, observe);
  ASSERT_TRUE(succeeded(out));
  EXPECT_EQ(pre, (SmallVector<float>{-4, -2, -3, -1, 5, 1, -2, 2, -1}));
  EXPECT_EQ((*out)[0].data, (std::vector<float>{1.25f, 1.5f, 1.75f, 2}));
  EXPECT_EQ((*out)[1].data, (std::vector<float>{2}));
  EXPECT_EQ((*out)[2].shape, (SmallVector<int64_t, 4>{1, 2, 3, 3}));
  std::vector<float> conv = {0, 0, 0, 0, 5, 1, 0, 2, 0};
  std::vector<float> twice = conv;
  twice.insert(twice.end(), conv.begin(), conv.end());
  EXPECT_EQ((*out)[2].data, twice);
}

TEST_F(ReferenceEvaluatorTest, SoftmaxAndFlatten) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @main(%x: tensor<?x1x3xf32>) -> tensor<?x3xf32> {
      %f = rect.flatten %x {axis = 1 : i64} : tensor<?x1x3xf32> -> tensor<?x3xf32>
      %s = rect.softmax %f : tensor<?x3xf32>
      return %s : tensor<?x3xf32>
    })mlir");
  ASSERT_TRUE(module);
  FailureOr<SmallVector<FloatTensor>> out =
      evaluateFunction(getMain(*module), {tensor({1, 1, 3}, {0, 1, 2})});
  ASSERT_TRUE(succeeded(out));
  ASSERT_EQ((*out)[0].shape, (SmallVector<int64_t, 4>{1, 3}));
  double sum = 1 + std::exp(1.0) + std::exp(2.0);
  EXPECT_NEAR((*out)[0].data[0], 1 / sum, 1e-7);
  EXPECT_NEAR((*out)[0].data[2], std::exp(2.0) / sum, 1e-7);
}

TEST_F(ReferenceEvaluatorTest, RejectsUnsupportedOp) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @main(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
      %y = rect.matmul %x, %x : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32> loc("mm0")
      return %y : tensor<2x2xf32>
    })mlir");
  ASSERT_TRUE(module);
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  FailureOr<SmallVector<FloatTensor>> out =
      evaluateFunction(getMain(*module), {tensor({2, 2}, {1, 2, 3, 4})});
  EXPECT_TRUE(failed(out));
  EXPECT_NE(message.find("'rect.matmul' (node 'mm0'): unsupported op"),
            std::string::npos)
      << message;
}

TEST_F(ReferenceEvaluatorTest, RejectsInputOfWrongShape) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @main(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
      %y = rect.relu %x : tensor<?x2xf32>
      return %y : tensor<?x2xf32>
    })mlir");
  ASSERT_TRUE(module);
  ScopedDiagnosticHandler handler(&context,
                                  [](Diagnostic &) { return success(); });
  EXPECT_TRUE(
      failed(evaluateFunction(getMain(*module), {tensor({1, 3}, {1, 2, 3})})));
}

TEST_F(ReferenceEvaluatorTest, StatisticsFindNeuronsThatNeverFire) {
  // Neuron 0 fires on positive inputs; neuron 1 (negative weights) never
  // fires on them; the leaky_relu layer's neuron 1 never fires either but
  // is not constant, so it must not be pruned.
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @main(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
      %w = rect.constant dense<[[1.0, 1.0], [-1.0, -2.0]]> : tensor<2x2xf32>
      %h = rect.linear %x, %w {activation = #rect.act<relu>}
          : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
      %w2 = rect.constant dense<[[1.0, 0.0], [-1.0, 0.0]]> : tensor<2x2xf32>
      %y = rect.linear %h, %w2 {activation = #rect.act<leaky_relu alpha = 0.1>}
          : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
      return %y : tensor<?x2xf32>
    })mlir");
  ASSERT_TRUE(module);
  FailureOr<std::vector<LayerStatistics>> stats = collectActivationStatistics(
      *module, tensor({3, 2}, {0.5f, 1, 2, 0.25f, 0, 0}));
  ASSERT_TRUE(succeeded(stats));
  ASSERT_EQ(stats->size(), 2u);
  const LayerStatistics &relu = (*stats)[0];
  EXPECT_EQ(relu.observations, 3);
  EXPECT_EQ(relu.inactive, (SmallVector<int64_t>{1, 3}));
  EXPECT_FLOAT_EQ(relu.maxOutput[0], 2.25f);
  EXPECT_FALSE(relu.neverFired(0));
  EXPECT_TRUE(relu.neverFired(1));
  EXPECT_EQ(relu.getPrunedValue(1), std::optional<double>(0.0));
  EXPECT_EQ(relu.getPrunedValue(0), std::nullopt);
  const LayerStatistics &leaky = (*stats)[1];
  EXPECT_TRUE(leaky.neverFired(1));
  EXPECT_EQ(leaky.getPrunedValue(1), std::nullopt);
}

} // namespace
