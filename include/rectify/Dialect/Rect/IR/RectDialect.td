//===- RectDialect.td - The rect dialect -------------------*- tablegen -*-===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTDIALECT_TD
#define RECTIFY_DIALECT_RECT_IR_RECTDIALECT_TD

include "mlir/IR/OpBase.td"

def Rect_Dialect : Dialect {
  let name = "rect";
  let summary = "Graph-level neural network operations centred on activations";
  let description = [{
    The `rect` dialect holds neural networks at graph level: one op per network
    operation, on ranked tensors with static shapes and at most a dynamic leading
    batch dimension. Fused producers (`rect.linear`) carry their activation as an
    `#rect.act<...>` attribute so every pass and lowering shares one epilogue
    description.
  }];
  let cppNamespace = "::rectify::rect";
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

#endif // RECTIFY_DIALECT_RECT_IR_RECTDIALECT_TD
