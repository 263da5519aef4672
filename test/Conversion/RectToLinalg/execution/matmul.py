# rect.matmul (numpy semantics) and broadcasting binary ops, lowered and run,
# against numpy (float64).
#
# RUN: %python %s gen > %t.mlir
# RUN: rectify-opt %t.mlir -convert-rect-to-linalg -o %t.linalg.mlir
# RUN: %mlir_opt %t.linalg.mlir %lower_linalg_to_llvm -o %t.llvm.mlir
# RUN: %mlir_runner %t.llvm.mlir -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.out
# RUN: %python %s check < %t.out | FileCheck %s
# CHECK: 0 of {{[0-9]+}} cases failed

import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "Inputs"))
from harness import Case, main, tensor_type  # noqa: E402

rng = np.random.default_rng(3)


def rand(*shape):
    return rng.uniform(-2.0, 2.0, size=shape).astype(np.float32)


def binary(name, op, a, b, reference, dyn_a=(), dyn_b=(), result_dyn=None):
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    expected = reference(a64, b64)
    if result_dyn is None:
        result_dyn = tuple(sorted(set(
            [expected.ndim - a.ndim + i for i in dyn_a] +
            [expected.ndim - b.ndim + i for i in dyn_b])))
    ta, tb = tensor_type(a.shape, dyn_a), tensor_type(b.shape, dyn_b)
    tr = tensor_type(expected.shape, result_dyn)
    kernel = ("func.func @%s(%%a: %s, %%b: %s) -> %s {\n"
              "  %%0 = rect.%s %%a, %%b : %s, %s -> %s\n"
              "  return %%0 : %s\n}" % (name, ta, tb, tr, op, ta, tb, tr, tr))
    return Case(name, kernel, [a, b], expected, dynamic=[dyn_a, dyn_b])


cases = [
    binary("matmul_2d", "matmul", rand(3, 4), rand(4, 5), np.matmul),
    binary("matmul_batched_lhs", "matmul", rand(2, 3, 4), rand(4, 5),
           np.matmul, dyn_a=(0,)),
    binary("matmul_batched", "matmul", rand(2, 3, 4), rand(2, 4, 5),
           np.matmul),
    binary("matmul_broadcast", "matmul", rand(2, 1, 3, 4), rand(3, 4, 5),
           np.matmul, dyn_a=(0,)),
    binary("matmul_broadcast_rhs", "matmul", rand(3, 4), rand(2, 4, 5),
           np.matmul, dyn_b=(0,)),
    binary("matmul_dot", "matmul", rand(4), rand(4), np.matmul),
    binary("matmul_vecmat", "matmul", rand(4), rand(4, 5), np.matmul),
    binary("matmul_matvec", "matmul", rand(3, 4), rand(4), np.matmul),
    binary("matmul_vec_batched", "matmul", rand(4), rand(2, 4, 5), np.matmul),
    binary("matmul_batched_vec", "matmul", rand(2, 3, 4), rand(4), np.matmul),
    binary("matmul_rank4", "matmul", rand(2, 3, 4, 5), rand(2, 3, 5, 2),
           np.matmul),
    binary("add_outer", "add", rand(3, 1), rand(1, 4), np.add),
    binary("sub_dynamic_batch", "sub", rand(3, 4), rand(1, 4), np.subtract,
           dyn_a=(0,)),
    binary("mul_dynamic_rhs", "mul", rand(1, 4), rand(3, 1), np.multiply,
           dyn_b=(0,)),
    binary("div_channel", "div", rand(2, 3, 2, 2), rand(3, 1, 1) + 3.0,
           np.divide, dyn_a=(0,)),
    binary("max_scalar", "max", rand(2, 3), np.float32(0.5) * np.ones(
        (), np.float32), np.maximum),
    binary("min_rank1", "min", rand(5), rand(1), np.minimum),
    binary("add_rank0", "add", rand(), rand(), np.add),
]

if __name__ == "__main__":
    sys.exit(main(cases))
