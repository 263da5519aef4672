//===- RectConvOps.td - Convolution, normalization and pooling ops -*- tablegen -*-===//
//
// Included at the end of RectOps.td, so the base classes defined there
// (Rect_Op, Rect_FloatTensor, Rect_UnaryOp, Rect_BinaryOp) are in scope.
//
// Every op here works on NCHW tensors: dim 0 is the batch (may be dynamic),
// dim 1 the channels, dims 2 and 3 the spatial height and width (static).
// Padding is [top, left, bottom, right], as ONNX's `pads` for 2-D.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTCONVOPS_TD
#define RECTIFY_DIALECT_RECT_IR_RECTCONVOPS_TD

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

def Rect_ConvOp : Rect_Op<"conv", [InferTypeOpAdaptor,
                                   AttrSizedOperandSegments]> {
  let summary = "y = act(conv2d(x, W) + b + residual), NCHW";
  let description = [{
    `x : [N, C, H, W]`, `W : [F, C / group, kh, kw]`, optional `b : [F]`,
    optional `residual` of the result's type, result `[N, F, OH, OW]` with
    `OH = (H + top + bottom - dilation_h * (kh - 1) - 1) / stride_h + 1`
    (likewise OW). `group` splits the channels into groups (`group = C = F`
    is a depthwise convolution). The activation is applied last; a `prelu`
    activation takes its per-channel slope (`[F]`, `[1]` or a scalar) from the
    `slope` operand.

    ```mlir
    %y = rect.conv %x, %w bias(%b) residual(%r)
           {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>,
            activation = #rect.act<relu>}
        : (tensor<?x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>,
           tensor<?x64x56x56xf32>) -> tensor<?x64x56x56xf32>
    ```
  }];
  let arguments = (ins Rect_FloatTensor:$input, Rect_FloatTensor:$weight,
                       Optional<Rect_FloatTensor>:$bias,
                       Optional<Rect_FloatTensor>:$residual,
                       Optional<Rect_FloatTensor>:$slope,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
                       DefaultValuedAttr<I64Attr, "1">:$group,
                       DefaultValuedAttr<Rect_ActivationAttr,
                         "::rectify::rect::ActivationKind::none">:$activation);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`bias` `(` $bias^ `)`)? (`residual` `(` $residual^ `)`)?
    (`slope` `(` $slope^ `)`)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Rect_ConvTransposeOp : Rect_Op<"conv_transpose", [InferTypeOpAdaptor]> {
  let summary = "Transposed 2-D convolution (the gradient of conv), NCHW";
  let description = [{
    `x : [N, C, H, W]`, `W : [C, F / group, kh, kw]`, optional `b : [F]`,
    result `[N, F, OH, OW]` with
    `OH = stride_h * (H - 1) + output_padding_h + dilation_h * (kh - 1) + 1
          - top - bottom` (likewise OW). Pads may be negative (the output then
    grows), which is how ONNX's `output_shape` is expressed.
  }];
  let arguments = (ins Rect_FloatTensor:$input, Rect_FloatTensor:$weight,
                       Optional<Rect_FloatTensor>:$bias,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0}">:$output_padding,
                       DefaultValuedAttr<I64Attr, "1">:$group);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`bias` `(` $bias^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def Rect_BatchNormOp : Rect_Op<"batch_norm", [AllTypesMatch<["input", "output"]>]> {
  let summary = "Inference batch normalization along dim 1";
  let description = [{
    `y = (x - mean) / sqrt(var + epsilon) * scale + bias`, with `scale`,
    `bias`, `mean` and `var` of shape `[C]` applied along dim 1 of `x`
    (`[N, C, ...]`, rank >= 2).
  }];
  let arguments = (ins Rect_FloatTensor:$input, Rect_FloatTensor:$scale,
                       Rect_FloatTensor:$bias, Rect_FloatTensor:$mean,
                       Rect_FloatTensor:$var,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $var attr-dict `:` type($input)
    `,` type($scale) `,` type($bias) `,` type($mean) `,` type($var)
  }];
  let hasVerifier = 1;
}

def Rect_LRNOp : Rect_Op<"lrn", [SameOperandsAndResultType]> {
  let summary = "Local response normalization across channels";
  let description = [{
    `y[n, c, ...] = x[n, c, ...] / (bias + alpha / size * sum(x[n, j, ...]^2))^beta`
    with `j` from `c - floor((size - 1) / 2)` to `c + ceil((size - 1) / 2)`,
    clipped to the channels that exist. `x : [N, C, ...]`, rank >= 3.
  }];
  let arguments = (ins Rect_FloatTensor:$input, I64Attr:$size,
                       DefaultValuedAttr<F32Attr, "1.0e-4">:$alpha,
                       DefaultValuedAttr<F32Attr, "0.75">:$beta,
                       DefaultValuedAttr<F32Attr, "1.0">:$bias);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def Rect_MaxPoolOp : Rect_Op<"max_pool", [InferTypeOpAdaptor]> {
  let summary = "2-D max pooling, NCHW";
  let description = [{
    Padded elements never win. The output size is
    `(H + top + bottom - dilation * (k - 1) - 1) / stride + 1`, rounded up
    with `ceil_mode`; a window that would start in the bottom/right padding is
    dropped (as in PyTorch and ONNX).
  }];
  let arguments = (ins Rect_FloatTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def Rect_AvgPoolOp : Rect_Op<"avg_pool", [InferTypeOpAdaptor]> {
  let summary = "2-D average pooling, NCHW";
  let description = [{
    The divisor is the number of window elements inside the input, or with
    `count_include_pad` inside the input plus its explicit padding (elements
    added only by `ceil_mode` are never counted), as in PyTorch and ONNX.
  }];
  let arguments = (ins Rect_FloatTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

class Rect_GlobalPoolOp<string mnemonic, string what>
    : Rect_Op<mnemonic, [InferTypeOpAdaptor]> {
  let summary = what # " over every spatial dim: [N, C, d...] -> [N, C, 1...]";
  let arguments = (ins Rect_FloatTensor:$input);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def Rect_GlobalAvgPoolOp : Rect_GlobalPoolOp<"global_avg_pool", "Mean">;
def Rect_GlobalMaxPoolOp : Rect_GlobalPoolOp<"global_max_pool", "Maximum">;

#endif // RECTIFY_DIALECT_RECT_IR_RECTCONVOPS_TD
