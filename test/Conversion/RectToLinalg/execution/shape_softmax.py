# Reshape, flatten, transpose and softmax, lowered and run, against numpy.
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

rng = np.random.default_rng(5)


def unary_case(name, body, x, expected, in_dyn=(), out_dyn=()):
    """`body` uses %x and the types {in_t} / {out_t}, and defines %0."""
    in_t = tensor_type(x.shape, in_dyn)
    out_t = tensor_type(expected.shape, out_dyn)
    kernel = ("func.func @%s(%%x: %s) -> %s {\n  %s\n  return %%0 : %s\n}"
              % (name, in_t, out_t, body.format(in_t=in_t, out_t=out_t),
                 out_t))
    return Case(name, kernel, [x], expected, dynamic=[in_dyn])


def softmax(v, axis):
    e = np.exp(v - v.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


x234 = rng.uniform(-3.0, 3.0, size=(2, 3, 4)).astype(np.float32)
x46 = rng.uniform(-3.0, 3.0, size=(4, 6)).astype(np.float32)
big = np.array([[1000.0, 999.0, -1000.0], [-50.0, 0.0, 50.0]],
               dtype=np.float32)

cases = [
    unary_case("reshape_collapse",
               "%0 = rect.reshape %x : {in_t} -> {out_t}",
               x234, x234.reshape(6, 4), in_dyn=(0,), out_dyn=(0,)),
    unary_case("reshape_expand",
               "%0 = rect.reshape %x : {in_t} -> {out_t}",
               x46, x46.reshape(4, 2, 3), in_dyn=(0,), out_dyn=(0,)),
    unary_case("reshape_split_dynamic",
               "%0 = rect.reshape %x : {in_t} -> {out_t}",
               x46, x46.reshape(2, 2, 6), in_dyn=(0,), out_dyn=(0,)),
    unary_case("reshape_general",
               "%0 = rect.reshape %x : {in_t} -> {out_t}",
               x46, x46.reshape(3, 8)),
    unary_case("reshape_general_dynamic",
               "%0 = rect.reshape %x : {in_t} -> {out_t}",
               x46, x46.reshape(8, 3), in_dyn=(0,), out_dyn=(1,)),
    unary_case("flatten",
               "%0 = rect.flatten %x : {in_t} -> {out_t}",
               x234, x234.reshape(2, 12), in_dyn=(0,), out_dyn=(0,)),
    unary_case("flatten_axis0",
               "%0 = rect.flatten %x {{axis = 0}} : {in_t} -> {out_t}",
               x234, x234.reshape(1, 24)),
    unary_case("transpose",
               "%0 = rect.transpose %x {{permutation = array<i64: 2, 0, 1>}}"
               " : {in_t} -> {out_t}",
               x234, x234.transpose(2, 0, 1), in_dyn=(0,), out_dyn=(1,)),
    unary_case("softmax_last",
               "%0 = rect.softmax %x : {in_t}",
               x234, softmax(x234.astype(np.float64), -1), in_dyn=(0,),
               out_dyn=(0,)),
    unary_case("softmax_middle",
               "%0 = rect.softmax %x {{axis = 1}} : {in_t}",
               x234, softmax(x234.astype(np.float64), 1)),
    unary_case("softmax_first",
               "%0 = rect.softmax %x {{axis = 0}} : {in_t}",
               x234, softmax(x234.astype(np.float64), 0)),
    # Stability: exp(1000) overflows unless the maximum is subtracted.
    unary_case("softmax_large",
               "%0 = rect.softmax %x : {in_t}",
               big, softmax(big.astype(np.float64), -1)),
]

if __name__ == "__main__":
    sys.exit(main(cases))
