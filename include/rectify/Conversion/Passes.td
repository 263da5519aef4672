//===- Passes.td - Rectify conversion passes ---------------*- tablegen -*-===//
//
// Lowerings from the rect dialect to upstream dialects.
//
//===----------------------------------------------------------------------===//

#ifndef RECTIFY_CONVERSION_PASSES_TD
#define RECTIFY_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertRectToLinalgPass : Pass<"convert-rect-to-linalg"> {
  let summary = "Lower rect operations to linalg on tensors, arith, math and "
                "tensor";
  let description = [{
    A full conversion: afterwards no `rect` operation remains, and an operation
    without a lowering is reported by name. Function signatures and their
    `rect.name` attributes are left alone; everything stays on tensors
    (bufferization belongs to the back ends).

    - `rect.linear` becomes `tensor.empty` + `linalg.fill` 0 + `linalg.matmul`
      (x * W^T through transposed-B indexing maps) on a 2-D view of `x`,
      followed, when there is a bias or an activation, by one all-parallel
      `linalg.generic` epilogue over [M, N] that writes a fresh `tensor.empty`.
    - Activations, unary functions and broadcasting binary arithmetic become
      one all-parallel `linalg.generic` each.
    - `rect.matmul` becomes `linalg.matmul` / `linalg.batch_matmul` with
      reshapes for promoted 1-D operands and materialised batch broadcasts.
    - `rect.reshape` / `rect.flatten` become `tensor.collapse_shape` /
      `tensor.expand_shape` when possible, else `tensor.reshape`;
      `rect.transpose` becomes `linalg.transpose`; `rect.constant` becomes
      `arith.constant` with the same elements attribute.
    - `rect.softmax` becomes a numerically stable max-reduce, exp(x - max),
      sum-reduce, divide sequence of `linalg.generic`s.
    - `rect.rnn` becomes one `linalg.matmul` projecting every time step's
      input (plus the biases), then per direction an `scf.for` over time
      carrying the hidden state and the output as iter_args, with a
      `linalg.matmul` by the recurrence weight and an activation
      `linalg.generic` per step.
  }];
  let options = [
    Option<"namedWindowOps", "named-window-ops", "bool", /*default=*/"false",
           "Lower ungrouped and depthwise convolutions and max/avg pools to "
           "linalg's named conv/pooling ops (for targets without the CPU "
           "GEMM schedule, such as the GPU kernels) instead of a GEMM over "
           "a window gather and tap generics">,
    Option<"concatByInsertion", "concat-by-insertion", "bool",
           /*default=*/"true",
           "Lower rect.concat to tensor.insert_slice of each input into the "
           "result, which lets the CPU back end compute the inputs in place; "
           "false: one generic selecting between the inputs, with no buffer "
           "views (for the GPU kernels, whose host code cannot address them)">,
    Option<"winograd", "winograd", "bool", /*default=*/"true",
           "Lower 3x3 unit-stride convolutions with a constant weight by "
           "Winograd's F(4, 3) along the output rows (half the multiply-adds "
           "of the direct convolution; ignored with named-window-ops)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // RECTIFY_CONVERSION_PASSES_TD
