//===- RectOps.td - rect dialect operations ----------------*- tablegen -*-===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTOPS_TD
#define RECTIFY_DIALECT_RECT_IR_RECTOPS_TD

include "rectify/Dialect/Rect/IR/RectDialect.td"
include "rectify/Dialect/Rect/IR/RectAttrs.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class Rect_Op<string mnemonic, list<Trait> traits = []>
    : Op<Rect_Dialect, mnemonic, !listconcat([Pure], traits)>;

def Rect_FloatTensor : RankedTensorOf<[AnyFloat]>;

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def Rect_ConstantOp : Rect_Op<"constant", [ConstantLike,
                                           FirstAttrDerivedResultType]> {
  let summary = "A constant tensor (weights are resource blobs)";
  let description = [{
    ```mlir
    %w = rect.constant dense_resource<fc1.weight> : tensor<512x784xf32>
    %c = rect.constant dense<0.0> : tensor<4xf32>
    ```
    Large payloads are `dense_resource` blobs so importing them is a copy, not a
    uniquing of every element.
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$output);
  let hasCustomAssemblyFormat = 1;
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Activations and other unary elementwise functions
//===----------------------------------------------------------------------===//

class Rect_UnaryOp<string mnemonic, list<Trait> traits = []>
    : Rect_Op<mnemonic, !listconcat([Elementwise, SameOperandsAndResultType],
                                    traits)> {
  let arguments = (ins Rect_FloatTensor:$input);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Rect_ReluOp : Rect_UnaryOp<"relu", [Idempotent]> {
  let summary = "max(x, 0)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}
def Rect_Relu6Op : Rect_UnaryOp<"relu6", [Idempotent]> {
  let summary = "min(max(x, 0), 6)";
}
def Rect_SigmoidOp : Rect_UnaryOp<"sigmoid"> { let summary = "1 / (1 + exp(-x))"; }
def Rect_TanhOp : Rect_UnaryOp<"tanh"> { let summary = "tanh(x)"; }
def Rect_SiluOp : Rect_UnaryOp<"silu"> { let summary = "x * sigmoid(x)"; }
def Rect_SoftplusOp : Rect_UnaryOp<"softplus"> { let summary = "log(1 + exp(x))"; }
def Rect_HardSwishOp : Rect_UnaryOp<"hard_swish"> {
  let summary = "x * max(0, min(1, x / 6 + 0.5))";
}
def Rect_ExpOp : Rect_UnaryOp<"exp"> { let summary = "exp(x)"; }
def Rect_AbsOp : Rect_UnaryOp<"abs", [Idempotent]> { let summary = "|x|"; }
def Rect_NegOp : Rect_UnaryOp<"neg", [Involution]> { let summary = "-x"; }
def Rect_ErfOp : Rect_UnaryOp<"erf"> { let summary = "erf(x)"; }
def Rect_SqrtOp : Rect_UnaryOp<"sqrt"> { let summary = "sqrt(x)"; }

def Rect_LeakyReluOp : Rect_UnaryOp<"leaky_relu"> {
  let summary = "x >= 0 ? x : alpha * x";
  let arguments = (ins Rect_FloatTensor:$input,
                       DefaultValuedAttr<F32Attr, "0.01">:$alpha);
  let hasCanonicalizer = 1;
}

def Rect_ClipOp : Rect_UnaryOp<"clip"> {
  let summary = "min(max(x, min), max); an absent bound is unbounded";
  let arguments = (ins Rect_FloatTensor:$input, OptionalAttr<F32Attr>:$min,
                       OptionalAttr<F32Attr>:$max);
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Rect_EluOp : Rect_UnaryOp<"elu"> {
  let summary = "x >= 0 ? x : alpha * (exp(x) - 1)";
  let arguments = (ins Rect_FloatTensor:$input,
                       DefaultValuedAttr<F32Attr, "1.0">:$alpha);
}

def Rect_SeluOp : Rect_UnaryOp<"selu"> {
  let summary = "gamma * (x >= 0 ? x : alpha * (exp(x) - 1))";
  let arguments = (ins Rect_FloatTensor:$input,
                       DefaultValuedAttr<F32Attr, "1.67326319217681884765625">:$alpha,
                       DefaultValuedAttr<F32Attr, "1.05070102214813232421875">:$gamma);
}

def Rect_GeluOp : Rect_UnaryOp<"gelu"> {
  let summary = "x * Phi(x), exact (erf) or with the tanh approximation";
  let arguments = (ins Rect_FloatTensor:$input,
                       DefaultValuedStrAttr<StrAttr, "none">:$approximate);
  let hasVerifier = 1;
}

def Rect_HardSigmoidOp : Rect_UnaryOp<"hard_sigmoid"> {
  let summary = "max(0, min(1, alpha * x + beta))";
  let arguments = (ins Rect_FloatTensor:$input,
                       DefaultValuedAttr<F32Attr, "0.2">:$alpha,
                       DefaultValuedAttr<F32Attr, "0.5">:$beta);
}

// Not `Elementwise`: that trait demands equal operand shapes, and the slope
// broadcasts.
def Rect_PReluOp : Rect_Op<"prelu"> {
  let summary = "x >= 0 ? x : slope * x, slope broadcast onto x";
  let arguments = (ins Rect_FloatTensor:$input, Rect_FloatTensor:$slope);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $slope attr-dict `:` type($input) `,` type($slope) `->` type($output)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Binary elementwise arithmetic with numpy broadcasting
//===----------------------------------------------------------------------===//

class Rect_BinaryOp<string mnemonic, list<Trait> traits = []>
    : Rect_Op<mnemonic, !listconcat([InferTypeOpAdaptor], traits)> {
  let arguments = (ins Rect_FloatTensor:$lhs, Rect_FloatTensor:$rhs);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($output)
  }];
}

def Rect_AddOp : Rect_BinaryOp<"add", [Commutative]> { let summary = "lhs + rhs"; }
def Rect_SubOp : Rect_BinaryOp<"sub"> {
  let summary = "lhs - rhs";
  let hasCanonicalizer = 1;
}
def Rect_MulOp : Rect_BinaryOp<"mul", [Commutative]> { let summary = "lhs * rhs"; }
def Rect_DivOp : Rect_BinaryOp<"div"> { let summary = "lhs / rhs"; }
def Rect_MaxOp : Rect_BinaryOp<"max", [Commutative]> {
  let summary = "max(lhs, rhs)";
  let hasCanonicalizer = 1;
}
def Rect_MinOp : Rect_BinaryOp<"min", [Commutative]> { let summary = "min(lhs, rhs)"; }

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

def Rect_MatMulOp : Rect_Op<"matmul", [InferTypeOpAdaptor]> {
  let summary = "numpy matmul: batched, with 1-D promotion and batch broadcasting";
  let arguments = (ins Rect_FloatTensor:$lhs, Rect_FloatTensor:$rhs);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($output)
  }];
}

def Rect_LinearOp : Rect_Op<"linear", [InferTypeOpAdaptor,
                                       AttrSizedOperandSegments]> {
  let summary = "y = act(x * W^T + b), over the last dimension of x";
  let description = [{
    `x : [..., K]`, `W : [N, K]`, optional `b : [N]` (or a scalar), result
    `[..., N]`. The activation is applied to every output element; a `prelu`
    activation takes its slope (shape `[N]` or `[1]`) from the `slope` operand.

    ```mlir
    %y = rect.linear %x, %w, %b {activation = #rect.act<relu>}
        : (tensor<?x784xf32>, tensor<512x784xf32>, tensor<512xf32>) -> tensor<?x512xf32>
    ```
  }];
  let arguments = (ins Rect_FloatTensor:$input, Rect_FloatTensor:$weight,
                       Optional<Rect_FloatTensor>:$bias,
                       Optional<Rect_FloatTensor>:$slope,
                       DefaultValuedAttr<Rect_ActivationAttr,
                         "::rectify::rect::ActivationKind::none">:$activation);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`bias` `(` $bias^ `)`)? (`slope` `(` $slope^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Shape manipulation and normalization
//===----------------------------------------------------------------------===//

def Rect_ReshapeOp : Rect_Op<"reshape"> {
  let summary = "Reinterpret the elements under a new shape (row-major order)";
  let description = [{
    The result type carries the new shape; at most one dimension of each side is
    dynamic, and a dynamic result dimension takes whatever the static ones leave.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Rect_FlattenOp : Rect_Op<"flatten", [InferTypeOpAdaptor]> {
  let summary = "Collapse dims [0, axis) and [axis, rank) into a 2-D tensor";
  let arguments = (ins AnyRankedTensor:$input,
                       DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def Rect_TransposeOp : Rect_Op<"transpose", [InferTypeOpAdaptor]> {
  let summary = "Permute dimensions: result dim i is input dim permutation[i]";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def Rect_SoftmaxOp : Rect_Op<"softmax", [SameOperandsAndResultType]> {
  let summary = "exp(x) / sum(exp(x)) along one axis";
  let arguments = (ins Rect_FloatTensor:$input,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Op families, one file each
//===----------------------------------------------------------------------===//

include "rectify/Dialect/Rect/IR/RectConvOps.td"
include "rectify/Dialect/Rect/IR/RectTensorOps.td"
include "rectify/Dialect/Rect/IR/RectSequenceOps.td"
include "rectify/Dialect/Rect/IR/RectResizeOps.td"
include "rectify/Dialect/Rect/IR/RectFillOps.td"

#endif // RECTIFY_DIALECT_RECT_IR_RECTOPS_TD
