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
    - `x * sigmoid(x)` becomes `rect.silu`.

    Constants must match within a relative tolerance of 1e-5, and every
    intermediate value must have no other user.
  }];
  let dependentDialects = ["::rectify::rect::RectDialect"];
}

#endif // RECTIFY_DIALECT_RECT_TRANSFORMS_PASSES_TD
