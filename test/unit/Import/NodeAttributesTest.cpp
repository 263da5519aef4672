//===- NodeAttributesTest.cpp - Typed access to ONNX node attributes ------===//

#include "rectify/Import/ONNX/NodeAttributes.h"

#include "TestHelpers.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace rectify;
using rectify::unittest::errorOf;
using rectify::unittest::valueOrFail;
using ::testing::HasSubstr;

namespace {

onnx::NodeProto makeGemmNode() {
  onnx::NodeProto node;
  node.set_op_type("Gemm");
  onnx::AttributeProto *alpha = node.add_attribute();
  alpha->set_name("alpha");
  alpha->set_type(onnx::AttributeProto::FLOAT);
  alpha->set_f(0.5f);
  onnx::AttributeProto *transB = node.add_attribute();
  transB->set_name("transB");
  transB->set_type(onnx::AttributeProto::INT);
  transB->set_i(1);
  onnx::AttributeProto *perm = node.add_attribute();
  perm->set_name("perm");
  perm->set_type(onnx::AttributeProto::INTS);
  perm->add_ints(1);
  perm->add_ints(0);
  onnx::AttributeProto *mode = node.add_attribute();
  mode->set_name("approximate");
  mode->set_type(onnx::AttributeProto::STRING);
  mode->set_s("tanh");
  return node;
}

TEST(NodeAttributes, ReadsValuesAndDefaults) {
  onnx::NodeProto node = makeGemmNode();
  NodeAttributes attrs(node);
  EXPECT_FLOAT_EQ(valueOrFail(attrs.getFloat("alpha", 1.0f)), 0.5f);
  EXPECT_FLOAT_EQ(valueOrFail(attrs.getFloat("beta", 1.0f)), 1.0f);
  EXPECT_EQ(valueOrFail(attrs.getInt("transB", 0)), 1);
  EXPECT_EQ(valueOrFail(attrs.getInt("transA", 0)), 0);
  EXPECT_EQ(valueOrFail(attrs.getInts("perm")),
            (llvm::SmallVector<int64_t>{1, 0}));
  EXPECT_EQ(valueOrFail(attrs.getInts("axes", {2, 3})),
            (llvm::SmallVector<int64_t>{2, 3}));
  EXPECT_EQ(valueOrFail(attrs.getString("approximate", "none")), "tanh");
  EXPECT_TRUE(attrs.has("alpha"));
  EXPECT_FALSE(attrs.has("beta"));
}

TEST(NodeAttributes, IntegralFloatAttributesAreAccepted) {
  onnx::NodeProto node = makeGemmNode();
  NodeAttributes attrs(node);
  EXPECT_FLOAT_EQ(valueOrFail(attrs.getFloat("transB", 0.0f)), 1.0f);
}

TEST(NodeAttributes, RejectsWrongTypes) {
  onnx::NodeProto node = makeGemmNode();
  NodeAttributes attrs(node);
  EXPECT_THAT(errorOf(attrs.getInt("alpha", 0)),
              HasSubstr("attribute 'alpha' must be of type int, got float"));
  EXPECT_THAT(errorOf(attrs.getString("perm", "")),
              HasSubstr("must be of type string, got ints"));
  EXPECT_THAT(errorOf(attrs.getTensor("value")),
              HasSubstr("'value' is missing"));
}

TEST(NodeAttributes, InfersTheTypeOfUntypedAttributes) {
  onnx::AttributeProto attr;
  attr.set_name("alpha");
  attr.set_f(0.1f);
  EXPECT_EQ(getAttributeType(attr), onnx::AttributeProto::FLOAT);
  onnx::AttributeProto ints;
  ints.add_ints(3);
  EXPECT_EQ(getAttributeType(ints), onnx::AttributeProto::INTS);
  onnx::NodeProto node;
  *node.add_attribute() = attr;
  EXPECT_FLOAT_EQ(valueOrFail(NodeAttributes(node).getFloat("alpha", 0.f)),
                  0.1f);
}
} // namespace
