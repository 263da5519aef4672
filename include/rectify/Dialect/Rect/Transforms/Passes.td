//===- Passes.td - rect graph-level passes -----------------*- tablegen -*-===//
#ifndef RECTIFY_DIALECT_RECT_TRANSFORMS_PASSES_TD
#define RECTIFY_DIALECT_RECT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def RectFormLinear : Pass<"rect-form-linear"> {
  let summary = "Turn matmul (+ bias add) with a constant or transposed "
                "right-hand side into rect.linear";
  let description = [{
    `rect.matmul(x, B)` with `x : [..., K]` (rank >= 2) becomes
    `rect.linear(x, W)` with `W : [N, K]` when `B : [K, N]` is a constant
    (transposed at compile time) or `rect.transpose(W) {permutation = [1, 0]}`.
    A following `rect.add` of a bias that varies only along the output
    features (`[N]`, `[1, N]`, `[1]`, a scalar) is absorbed into the linear
    when the linear is its only user and has no bias or activation yet.

    ```mlir
    %0 = rect.matmul %x, %b : tensor<?x4xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
    %1 = rect.add %0, %bias : tensor<?x3xf32>, tensor<3xf32> -> tensor<?x3xf32>
    // becomes
    %1 = rect.linear %x, %w bias(%bias) : (...) -> tensor<?x3xf32>
    ```
  }];
  let dependentDialects = ["::rectify::rect::RectDialect"];
}

def RectFuseActivation : Pass<"rect-fuse-activation"> {
  let summary = "Fold an activation op into the rect.linear producing its "
                "input";
  let description = [{
    `act(rect.linear(...))` becomes `rect.linear(...) {activation = #rect.act<act>}`
    for every activation of the family (relu, relu6, leaky_relu, prelu with a
    per-feature slope, clip, elu, selu, sigmoid, tanh, gelu, gelu_tanh, silu,
    softplus, hard_sigmoid, hard_swish), when the linear has no activation yet
    and the activation is the linear result's only user.
  }];
  let dependentDialects = ["::rectify::rect::RectDialect"];
}

def RectRecognizeActivations : Pass<"rect-recognize-activations"> {
  let summary = "Recognise activations exporters decompose into arithmetic";
  let description = [{
    - `x * 0.5 * (1 + erf(x / sqrt(2)))`, in its common spellings (division by
      `1.4142135` or multiplication by `0.70710677`, the `0.5` applied first or
      last, any operand order of `add`/`mul`), becomes `rect.gelu`;
    - `x * sigmoid(x)` becomes `rect.silu`;
    - `0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))` (x^3 as a
      `pow` or a product) becomes `rect.gelu {approximate = "tanh"}`;
    - `x * clip(x + 3, 0, 6) / 6`, `x * relu6(x + 3) / 6` (or `* 1/6`) and
      `x * hard_sigmoid(x, 1/6, 0.5)` become `rect.hard_swish`;
    - `clip(a * x + b, 0, 1)` and `relu6(x + 3) / 6` (any scaled clip of an
      affine function of x whose upper bound scales to 1) become
      `rect.hard_sigmoid`;
    - `(x - mean(x)) / sqrt(mean((x - mean(x))^2) + eps)` with the means
      over trailing dims, then an optional `* scale` and `+ bias` that
      broadcast onto those dims, becomes `rect.layer_norm`.

    Constants must match within a relative tolerance of 1e-5, and every
    intermediate value must have no other user.
  }];
  let dependentDialects = ["::rectify::rect::RectDialect"];
}

def RectPrintRanges : Pass<"rect-print-ranges", "::mlir::ModuleOp"> {
  let summary = "Print the value-range analysis as remarks (for tests)";
  let description = [{
    Emits one remark per op result: `range [LO, HI]` (the hull) followed, when
    the range is finer than one interval, by its range shape and the
    intervals (first 16). A `rect.linear` (`rect.conv`) also gets `pre-activation`
    (per output feature, per output channel). Seeds: the module's `rect.input_ranges` dictionary and
    the `input-ranges` option (`x=0:1;y=-1:1,0:2`); undeclared inputs are
    unbounded. Bounds are sound for float32 evaluation: see
    include/rectify/Analysis/ValueRange.h for the safety margins.
  }];
  let options = [
    Option<"inputRanges", "input-ranges", "std::string", "\"\"",
           "Declared input ranges, NAME=LO:HI[,LO:HI...] separated by ';'">
  ];
  let dependentDialects = ["::rectify::rect::RectDialect"];
}

def RectEliminateDeadRelus : Pass<"rect-eliminate-dead-relus", "::mlir::ModuleOp"> {
  let summary = "Remove ReLUs that can never fire or are always active";
  let description = [{
    From the sound value-range analysis (safety margins in
    include/rectify/Analysis/ValueRange.h): a relu-family op (relu, relu6,
    clip, hard_sigmoid) whose input keeps it constant on the declared input
    box (e.g. relu with upper bound <= 0) is replaced by that constant; one
    that is the identity on its input (relu, leaky_relu, prelu, elu with
    lower bound >= 0; relu6/clip within their bounds) is removed. A fused
    `rect.linear` or `rect.conv` whose every output neuron (channel) is
    always active loses its activation; one whose every output is the same
    constant (static shape) becomes that constant; individually dead
    neurons and channels are left to rect-prune-dead-neurons.
  }];
  let options = [
    Option<"inputRanges", "input-ranges", "std::string", "\"\"",
           "Declared input ranges, NAME=LO:HI[,LO:HI...] separated by ';'">
  ];
  let dependentDialects = ["::rectify::rect::RectDialect"];
}

def RectPruneDeadNeurons : Pass<"rect-prune-dead-neurons", "::mlir::ModuleOp"> {
  let summary = "Delete provably dead neurons and conv channels";
  let description = [{
    A neuron of a `rect.linear` with a relu-family activation whose
    pre-activation interval keeps the activation constant (relu: upper bound
    <= 0, after the analysis' outward safety margins) is deleted: its weight
    row, bias and slope entries, every elementwise op between the layer and
    its consumers is narrowed, and each consuming `rect.linear` loses the
    matching weight column, its constant contribution folded into the bias.
    All-zero weights with bias <= 0 are dead for any input. A layer whose
    output reaches anything else (a function result, an op that mixes
    features) is left alone. Dead output channels of a `rect.conv` are
    deleted likewise (weight rows, bias, slopes), through elementwise ops,
    batch_norm, pooling, concat along the channels and flatten/reshape, from
    the consuming convs' input channels and linears' columns; grouped convs
    are barriers (see pruneConvChannels). With `report=PATH`, writes the JSON pruning
    report (per layer: neurons before/after, proven vs calibrated, parameters
    and FLOPs before/after).
  }];
  let options = [
    Option<"inputRanges", "input-ranges", "std::string", "\"\"",
           "Declared input ranges, NAME=LO:HI[,LO:HI...] separated by ';'">,
    Option<"reportPath", "report", "std::string", "\"\"",
           "Write the JSON pruning report to this file">
  ];
  let dependentDialects = ["::rectify::rect::RectDialect"];
}

def RectFoldBatchNorm : Pass<"rect-fold-batch-norm"> {
  let summary = "Fold batch norms and per-channel constant mul/add into the "
                "weights and bias of the preceding conv or linear";
  let description = [{
    With constant weights, bias and statistics, `batch_norm(conv(x, W, b))`
    becomes `conv(x, W * s, (b - mean) * s + beta)` with
    `s = scale / sqrt(var + epsilon)` per output channel; likewise for a
    2-D `rect.linear` (batch norm over its features). `mul(conv, c)` and
    `add(conv, c)` with a constant `c` that varies only along the channels
    (`[F, 1, 1]`, `[1, F, 1, 1]`, `[1]`, a scalar) fold into the weights and
    bias too. The producer must have no activation or residual yet and the
    folded op must be its only user.
  }];
  let dependentDialects = ["::rectify::rect::RectDialect"];
}

def RectFuseConv : Pass<"rect-fuse-conv"> {
  let summary = "Fold residual adds and activations into rect.conv";
  let description = [{
    - `add(conv(x), r)` with `r` of the conv's type becomes
      `conv(x) residual(r)` (the ResNet block ending);
    - an activation op of the family (as in rect-fuse-activation; prelu with
      a per-channel slope) applied to a conv becomes the conv's `activation`;
    - `relu(max_pool(x))` becomes `max_pool(relu(x))`, so the ReLU can fuse
      into a conv feeding the pool.

    The conv must have no activation yet (nor a residual, for the add) and
    the folded op must be its only user; the pool must be the only user of
    its input and the ReLU the only user of the pool.
  }];
  let dependentDialects = ["::rectify::rect::RectDialect"];
}

#endif // RECTIFY_DIALECT_RECT_TRANSFORMS_PASSES_TD
