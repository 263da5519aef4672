//===- RectSequenceOps.td - Recurrent and attention ops -*- tablegen -*-===//
//
// Included at the end of RectOps.td, so the base classes defined there
// (Rect_Op, Rect_FloatTensor, Rect_UnaryOp, Rect_BinaryOp) are in scope.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTSEQUENCEOPS_TD
#define RECTIFY_DIALECT_RECT_IR_RECTSEQUENCEOPS_TD

def Rect_RecurrentDirection : I32EnumAttr<"RecurrentDirection",
    "the direction(s) a recurrent layer runs over the sequence", [
    I32EnumAttrCase<"forward", 0>,
    I32EnumAttrCase<"reverse", 1>,
    I32EnumAttrCase<"bidirectional", 2>
  ]> {
  let cppNamespace = "::rectify::rect";
  let genSpecializedAttr = 0;
}

def Rect_RecurrentDirectionAttr
    : EnumAttr<Rect_Dialect, Rect_RecurrentDirection, "direction"> {
  let assemblyFormat = "`<` $value `>`";
}

def Rect_ActivationArrayAttr
    : TypedArrayAttrBase<Rect_ActivationAttr, "array of activations">;

def Rect_RNNOp : Rect_Op<"rnn", [InferTypeOpAdaptor,
                                 AttrSizedOperandSegments]> {
  let summary = "Elman recurrent layer: h_t = act(x_t W^T + h_{t-1} R^T + b)";
  let description = [{
    ONNX's `RNN` in its time-major layout. With `D` directions (1, or 2 for
    `bidirectional`), sequence length `T`, batch `B`, `I` input features and
    `H` hidden units:

    - `input : [T, B, I]`, `weight : [D, H, I]`, `recurrence : [D, H, H]`;
    - optional `bias : [D, 2H]`, the input bias `Wb` then the recurrence bias
      `Rb` of each direction (zero when absent);
    - optional `initial_h : [D, B, H]` (zero when absent).

    Direction `d` computes, for its time steps in order (`reverse` runs from
    `T - 1` down to 0; `bidirectional` runs forward as direction 0 and in
    reverse as direction 1),

        h_t = act_d(clip(x_t W_d^T + h_{t-1} R_d^T + Wb_d + Rb_d))

    where `clip`, when given, bounds its input to `[-clip, clip]` and `act_d`
    is `activations[d]`. Results: `output : [T, D, B, H]`, every `h_t`, and
    `final_h : [D, B, H]`, the last hidden state of each direction.

    ```mlir
    %y, %h = rect.rnn %x, %w, %r bias(%b) {
        direction = #rect.direction<forward>,
        activations = [#rect.act<relu>]}
      : (tensor<10x?x8xf32>, tensor<1x16x8xf32>, tensor<1x16x16xf32>,
         tensor<1x32xf32>) -> (tensor<10x1x?x16xf32>, tensor<1x?x16xf32>)
    ```
  }];
  let arguments = (ins Rect_FloatTensor:$input, Rect_FloatTensor:$weight,
                       Rect_FloatTensor:$recurrence,
                       Optional<Rect_FloatTensor>:$bias,
                       Optional<Rect_FloatTensor>:$initial_h,
                       Rect_RecurrentDirectionAttr:$direction,
                       Rect_ActivationArrayAttr:$activations,
                       OptionalAttr<F32Attr>:$clip);
  let results = (outs Rect_FloatTensor:$output, Rect_FloatTensor:$final_h);
  let assemblyFormat = [{
    $input `,` $weight `,` $recurrence (`bias` `(` $bias^ `)`)?
    (`initial_h` `(` $initial_h^ `)`)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// 2 for a bidirectional layer, else 1.
    int64_t getNumDirections() {
      return getDirection() == RecurrentDirection::bidirectional ? 2 : 1;
    }
    /// The hidden size H (dim 1 of the weight).
    int64_t getHiddenSize() { return getWeight().getType().getDimSize(1); }
  }];
}

#endif // RECTIFY_DIALECT_RECT_IR_RECTSEQUENCEOPS_TD
