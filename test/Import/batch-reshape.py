# Reshapes that split or move the dynamic batch. A value's dynamic dim is
# tracked as a multiple k * batch (1 for a graph input, regrouped by
# reshapes), so [N, 4, 8] -> [4N, 8] -> [4, N, 8] keeps `?` for N, Shape of
# the [4N, 8] value reads 4 * batch, and a constant target with -1 splits
# the batch back out; counts that cannot match are errors.
# RUN: %python %s split %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=SPLIT
# RUN: %python %s minus_one %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=MINUS
# RUN: %python %s fill %t4.onnx
# RUN: rectify-import %t4.onnx | FileCheck %s --check-prefix=FILL
# RUN: %python %s mismatch %t3.onnx
# RUN: not rectify-import %t3.onnx 2>&1 | FileCheck %s --check-prefix=MISMATCH

# SPLIT: func.func @main(%[[X:.*]]: tensor<?x4x8xf32> {rect.name = "x"})
# SPLIT: %[[M:.*]] = rect.reshape %[[X]] : tensor<?x4x8xf32> -> tensor<?x8xf32>
# SPLIT: %[[R:.*]] = rect.relu %[[M]] : tensor<?x8xf32>
# SPLIT: %[[S:.*]] = rect.reshape %[[R]] : tensor<?x8xf32> -> tensor<4x?x8xf32>
# SPLIT: %[[F:.*]] = rect.reshape %[[R]] : tensor<?x8xf32> -> tensor<?x32xf32>
# SPLIT: return %[[S]], %[[F]]

# MINUS: %[[M:.*]] = rect.reshape %{{.*}} : tensor<?x4x8xf32> -> tensor<?x8xf32>
# MINUS: %[[R:.*]] = rect.relu %[[M]]
# MINUS: rect.reshape %[[R]] : tensor<?x8xf32> -> tensor<2x?x16xf32>

# A ConstantOfShape of [2N, 3] is a fill twice as long as the batch, so its
# shape reads 2 * batch and [shape[0] / 2, 6] is [N, 6].
# FILL: func.func @main(%[[X:.*]]: tensor<?x3xf32> {rect.name = "x"})
# FILL: %[[F:.*]] = rect.fill %[[X]] {multiple = 2 : i64, source_dim = 0 : i64, value = 1.000000e+00 : f32} : tensor<?x3xf32> -> tensor<?x3xf32>
# FILL: rect.reshape %[[F]] : tensor<?x3xf32> -> tensor<?x6xf32>

# MISMATCH: node 'back': error: Reshape: cannot reshape [?x8] to [3x1*batchx8]: the element counts differ

import numpy as np
from onnx import TensorProto, helper

from onnx_models import *


def ints(name, values):
    return const(name, values, dtype=np.int64)


def merge():
    """x [N, 4, 8] -> m [4N, 8] (from the shape) -> relu r."""
    return [node("Shape", ["x"], ["sx"]),
            node("Gather", ["sx", "zero"], ["n"], axis=0),
            node("Mul", ["n", "four"], ["n4"]),
            node("Unsqueeze", ["n4", "axis0"], ["n4v"]),
            node("Concat", ["n4v", "eight"], ["mshape"], axis=0),
            node("Reshape", ["x", "mshape"], ["m"]),
            node("Relu", ["m"], ["r"])], [
        ints("zero", 0), ints("four", 4), ints("axis0", [0]),
        ints("eight", [8])]


def batch_of_r():
    """nbv = [shape(r)[0] / 4], the batch read back from r [4N, 8]."""
    return [node("Shape", ["r"], ["sr"]),
            node("Gather", ["sr", "zero"], ["n4b"], axis=0),
            node("Div", ["n4b", "four"], ["nb"]),
            node("Unsqueeze", ["nb", "axis0"], ["nbv"])]


def split():
    nodes, inits = merge()
    # [4, N, 8] and [N, 32] with N = shape(r)[0] / 4.
    nodes += batch_of_r() + [
              node("Concat", ["fourv", "nbv", "eight"], ["sshape"], axis=0),
              node("Reshape", ["r", "sshape"], ["s"]),
              node("Concat", ["nbv", "thirtytwo"], ["fshape"], axis=0),
              node("Reshape", ["r", "fshape"], ["f"])]
    inits += [ints("fourv", [4]), ints("thirtytwo", [32])]
    return make(nodes, [value("x", ["N", 4, 8])], [output("s"), output("f")],
                inits)


def minus_one():
    nodes, inits = merge()
    nodes += [node("Reshape", ["r", "target"], ["s"])]
    inits += [ints("target", [2, -1, 16])]
    return make(nodes, [value("x", ["N", 4, 8])], [output("s")], inits)


def fill():
    one = helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0])
    return make([node("Shape", ["x"], ["sx"]),
                 node("Gather", ["sx", "zero"], ["n"], axis=0),
                 node("Mul", ["n", "two"], ["n2"]),
                 node("Unsqueeze", ["n2", "axis0"], ["n2v"]),
                 node("Concat", ["n2v", "three"], ["zshape"], axis=0),
                 node("ConstantOfShape", ["zshape"], ["z"], value=one),
                 node("Shape", ["z"], ["sz"]),
                 node("Gather", ["sz", "zero"], ["m2"], axis=0),
                 node("Div", ["m2", "two"], ["m"]),
                 node("Unsqueeze", ["m", "axis0"], ["mv"]),
                 node("Concat", ["mv", "six"], ["rshape"], axis=0),
                 node("Reshape", ["z", "rshape"], ["y"])],
                [value("x", ["N", 3])], [output("y")],
                [ints("zero", 0), ints("two", 2), ints("axis0", [0]),
                 ints("three", [3]), ints("six", [6])])


def mismatch():
    nodes, inits = merge()
    nodes += batch_of_r() + [
              node("Concat", ["three", "nbv", "eight"], ["bshape"], axis=0),
              node("Reshape", ["r", "bshape"], ["s"], name="back")]
    inits += [ints("three", [3])]
    return make(nodes, [value("x", ["N", 4, 8])], [output("s")], inits)


main({"split": split, "minus_one": minus_one, "fill": fill,
      "mismatch": mismatch})
