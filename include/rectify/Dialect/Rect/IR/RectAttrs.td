//===- RectAttrs.td - rect dialect attributes --------------*- tablegen -*-===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTATTRS_TD
#define RECTIFY_DIALECT_RECT_IR_RECTATTRS_TD

include "rectify/Dialect/Rect/IR/RectDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Rect_ActivationKind : I32EnumAttr<"ActivationKind", "activation function", [
    I32EnumAttrCase<"none", 0>,
    I32EnumAttrCase<"relu", 1>,
    I32EnumAttrCase<"leaky_relu", 2>,
    I32EnumAttrCase<"prelu", 3>,
    I32EnumAttrCase<"clip", 4>,
    I32EnumAttrCase<"elu", 5>,
    I32EnumAttrCase<"selu", 6>,
    I32EnumAttrCase<"sigmoid", 7>,
    I32EnumAttrCase<"tanh", 8>,
    I32EnumAttrCase<"gelu", 9>,
    I32EnumAttrCase<"gelu_tanh", 10>,
    I32EnumAttrCase<"silu", 11>,
    I32EnumAttrCase<"softplus", 12>,
    I32EnumAttrCase<"hard_sigmoid", 13>,
    I32EnumAttrCase<"hard_swish", 14>,
    I32EnumAttrCase<"relu6", 15>
  ]> {
  let cppNamespace = "::rectify::rect";
  let genSpecializedAttr = 0;
}

def Rect_ActivationAttr : AttrDef<Rect_Dialect, "Activation"> {
  let mnemonic = "act";
  let summary = "An activation function with its parameters";
  let description = [{
    One activation of the family, e.g. `#rect.act<relu>`,
    `#rect.act<leaky_relu alpha = 0.01>`, `#rect.act<clip min = 0.0, max = 6.0>`,
    `#rect.act<hard_sigmoid alpha = 0.2, beta = 0.5>`. The two float parameters
    mean, per kind: leaky_relu/elu `alpha`; clip `min`/`max` (infinite when
    unbounded); selu `alpha`/`gamma`; hard_sigmoid `alpha`/`beta`. `prelu` takes
    its slope from an operand of the op that carries the attribute.
  }];
  let parameters = (ins "ActivationKind":$kind,
                        "::llvm::APFloat":$alpha, "::llvm::APFloat":$beta);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "ActivationKind":$kind,
                     CArg<"double", "0.0">:$alpha,
                     CArg<"double", "0.0">:$beta), [{
      return $_get($_ctxt, kind, ::llvm::APFloat(alpha), ::llvm::APFloat(beta));
    }]>
  ];
  let skipDefaultBuilders = 1;
  let constBuilderCall =
      "::rectify::rect::ActivationAttr::get($_builder.getContext(), $0)";
  let extraClassDeclaration = [{
    /// Names of the two float parameters for this kind ("" when unused).
    std::pair<llvm::StringRef, llvm::StringRef> getParameterNames() const;
    /// True when the function maps every input to a value >= 0.
    bool isNonNegative() const;
    bool isIdentity() const { return getKind() == ActivationKind::none; }
    double getAlphaValue() const { return getAlpha().convertToDouble(); }
    double getBetaValue() const { return getBeta().convertToDouble(); }
  }];
}

#endif // RECTIFY_DIALECT_RECT_IR_RECTATTRS_TD
