//===- RectTensorOps.td - Tensor manipulation, reductions and normalization ops -*- tablegen -*-===//
//
// Included at the end of RectOps.td, so the base classes defined there
// (Rect_Op, Rect_FloatTensor, Rect_UnaryOp, Rect_BinaryOp) are in scope.
// Verifiers, type inference and folders are in RectTensorOps.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTTENSOROPS_TD
#define RECTIFY_DIALECT_RECT_IR_RECTTENSOROPS_TD

//===----------------------------------------------------------------------===//
// More elementwise math
//===----------------------------------------------------------------------===//

def Rect_LogOp : Rect_UnaryOp<"log"> { let summary = "log(x)"; }
def Rect_ReciprocalOp : Rect_UnaryOp<"reciprocal", [Involution]> {
  let summary = "1 / x";
}

def Rect_PowOp : Rect_BinaryOp<"pow"> {
  let summary = "lhs ^ rhs, numpy broadcasting";
}

def Rect_WhereOp : Rect_Op<"where", [InferTypeOpAdaptor]> {
  let summary = "condition ? lhs : rhs, the three broadcast numpy-style";
  let arguments = (ins RankedTensorOf<[I1]>:$condition, Rect_FloatTensor:$lhs,
                       Rect_FloatTensor:$rhs);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $condition `,` $lhs `,` $rhs attr-dict `:` type($condition) `,` type($lhs)
    `,` type($rhs) `->` type($output)
  }];
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def Rect_ConcatOp : Rect_Op<"concat", [InferTypeOpAdaptor]> {
  let summary = "Join tensors along `axis` (in [0, rank))";
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results)
  }];
  let hasFolder = 1;
}

def Rect_SliceOp : Rect_Op<"slice", [InferTypeOpAdaptor]> {
  let summary = "Strided slice with one (offset, size, stride) per dimension";
  let description = [{
    Result dim `i` holds elements `offsets[i] + k * strides[i]` for
    `k < sizes[i]`; a stride may be negative. A dynamic input dim can only be
    taken whole: offset 0, size -1, stride 1.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$offsets,
                       DenseI64ArrayAttr:$sizes, DenseI64ArrayAttr:$strides);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def Rect_PadOp : Rect_Op<"pad", [InferTypeOpAdaptor]> {
  let summary = "Pad with a constant, the reflection or the edge value";
  let description = [{
    `pads` holds the low pads of every dim then the high ones (ONNX order),
    each >= 0. `mode` is "constant" (with `value`), "reflect" (pads smaller
    than the dim) or "edge".
  }];
  let arguments = (ins Rect_FloatTensor:$input, DenseI64ArrayAttr:$pads,
                       DefaultValuedStrAttr<StrAttr, "constant">:$mode,
                       DefaultValuedAttr<F32Attr, "0.0">:$value);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Rect_GatherOp : Rect_Op<"gather", [InferTypeOpAdaptor]> {
  let summary = "Take entries of `input` along `axis` at `indices` (ONNX Gather)";
  let description = [{
    Result shape: input dims before `axis`, the indices' shape, input dims
    after `axis`. Negative indices count from the end.
  }];
  let arguments = (ins Rect_FloatTensor:$input,
                       RankedTensorOf<[I64]>:$indices, I64Attr:$axis);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $indices attr-dict `:` type($input) `,` type($indices) `->`
    type($output)
  }];
}

def Rect_ExpandOp : Rect_Op<"expand"> {
  let summary = "Broadcast numpy-style to the result type's shape";
  let arguments = (ins Rect_FloatTensor:$input);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Rect_TileOp : Rect_Op<"tile", [InferTypeOpAdaptor]> {
  let summary = "Repeat the input `repeats[i]` times along dim i";
  let arguments = (ins Rect_FloatTensor:$input, DenseI64ArrayAttr:$repeats);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class Rect_ReduceOp<string mnemonic, string what>
    : Rect_Op<mnemonic, [InferTypeOpAdaptor]> {
  let summary = what # " over `axes` (sorted, in [0, rank)), dims kept as 1 with keepdims";
  let arguments = (ins Rect_FloatTensor:$input, DenseI64ArrayAttr:$axes,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def Rect_ReduceSumOp : Rect_ReduceOp<"reduce_sum", "Sum">;
def Rect_ReduceMeanOp : Rect_ReduceOp<"reduce_mean", "Mean">;
def Rect_ReduceMaxOp : Rect_ReduceOp<"reduce_max", "Maximum">;
def Rect_ReduceMinOp : Rect_ReduceOp<"reduce_min", "Minimum">;

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def Rect_LogSoftmaxOp : Rect_Op<"log_softmax", [SameOperandsAndResultType]> {
  let summary = "x - max(x) - log(sum(exp(x - max(x)))) along one axis";
  let arguments = (ins Rect_FloatTensor:$input,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Rect_LayerNormOp : Rect_Op<"layer_norm"> {
  let summary = "(x - mean) / sqrt(var + epsilon) * scale + bias over dims [axis, rank)";
  let description = [{
    Mean and (biased) variance are taken over dims `axis` to the last; `scale`
    and the optional `bias` broadcast onto those dims.
  }];
  let arguments = (ins Rect_FloatTensor:$input, Rect_FloatTensor:$scale,
                       Optional<Rect_FloatTensor>:$bias,
                       DefaultValuedAttr<I64Attr, "-1">:$axis,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale (`bias` `(` $bias^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // RECTIFY_DIALECT_RECT_IR_RECTTENSOROPS_TD
