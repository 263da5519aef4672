# Reductions (axes attribute before opset 13/18, input after; keepdims;
# noop_with_empty_axes), LayerNormalization, LogSoftmax (flattening before
# opset 13), Pow with an integer exponent, Log, Reciprocal, variadic Sum, and
# the errors for what stays unsupported.
# RUN: %python %s opset11 %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=OPSET11
# RUN: %python %s opset18 %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=OPSET18
# RUN: %python %s ln_outputs %t3.onnx
# RUN: rectify-import %t3.onnx | FileCheck %s --check-prefix=LNOUT
# RUN: %python %s slice_batch %t4.onnx
# RUN: not rectify-import %t4.onnx 2>&1 | FileCheck %s --check-prefix=SLICE

# OPSET11: func.func @main(%[[X:.*]]: tensor<?x4x6xf32> {rect.name = "x"})
# OPSET11-DAG: rect.reduce_mean %[[X]] {axes = array<i64: 2>} : tensor<?x4x6xf32> -> tensor<?x4x1xf32>
# OPSET11-DAG: rect.reduce_sum %[[X]] {axes = array<i64: 1, 2>, keepdims = false} : tensor<?x4x6xf32> -> tensor<?xf32>
# OPSET11-DAG: rect.reduce_max %[[X]] {axes = array<i64: 0, 1, 2>} : tensor<?x4x6xf32> -> tensor<1x1x1xf32>
# OPSET11-DAG: %[[F:.*]] = rect.reshape %[[X]] : tensor<?x4x6xf32> -> tensor<?x24xf32>
# OPSET11-DAG: %[[L:.*]] = rect.log_softmax %[[F]] {axis = 1 : i64} : tensor<?x24xf32>
# OPSET11-DAG: rect.reshape %[[L]] : tensor<?x24xf32> -> tensor<?x4x6xf32>
# OPSET11-DAG: rect.constant dense<2.000000e+00> : tensor<f32>
# OPSET11-DAG: rect.pow %[[X]], %{{.*}} : tensor<?x4x6xf32>, tensor<f32> -> tensor<?x4x6xf32>
# OPSET11-DAG: rect.log %[[X]] : tensor<?x4x6xf32>
# OPSET11-DAG: rect.reciprocal %[[X]] : tensor<?x4x6xf32>
# OPSET11-DAG: %[[S1:.*]] = rect.add %[[X]], %[[X]] : tensor<?x4x6xf32>, tensor<?x4x6xf32> -> tensor<?x4x6xf32>
# OPSET11-DAG: rect.add %[[S1]], %[[X]] : tensor<?x4x6xf32>, tensor<?x4x6xf32> -> tensor<?x4x6xf32>

# OPSET18: func.func @main(%[[X:.*]]: tensor<?x4x6xf32> {rect.name = "x"})
# OPSET18-DAG: rect.reduce_min %[[X]] {axes = array<i64: 1>} : tensor<?x4x6xf32> -> tensor<?x1x6xf32>
# OPSET18-DAG: rect.reduce_mean %[[X]] {axes = array<i64: 0, 1, 2>, keepdims = false} : tensor<?x4x6xf32> -> tensor<f32>
# OPSET18-DAG: rect.layer_norm %[[X]], %{{.*}} bias(%{{.*}}) {epsilon = 9.99999997E-7 : f32} : (tensor<?x4x6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x4x6xf32>
# OPSET18-DAG: rect.layer_norm %[[X]], %{{.*}} {axis = 1 : i64} : (tensor<?x4x6xf32>, tensor<4x6xf32>) -> tensor<?x4x6xf32>
# OPSET18-DAG: rect.log_softmax %[[X]] {axis = 1 : i64} : tensor<?x4x6xf32>
# The noop ReduceSum returns x itself.
# OPSET18: return {{.*}}, %[[X]] :

# The optional Mean and InvStdDev outputs are computed with rect ops.
# LNOUT: %[[Y:.*]] = rect.layer_norm %[[X:.*]], %{{.*}} : (tensor<?x6xf32>, tensor<6xf32>) -> tensor<?x6xf32>
# LNOUT: %[[M:.*]] = rect.reduce_mean %[[X]] {axes = array<i64: 1>} : tensor<?x6xf32> -> tensor<?x1xf32>
# LNOUT: %[[D:.*]] = rect.sub %[[X]], %[[M]]
# LNOUT: %[[S:.*]] = rect.mul %[[D]], %[[D]]
# LNOUT: %[[V:.*]] = rect.reduce_mean %[[S]] {axes = array<i64: 1>}
# LNOUT: %[[E:.*]] = rect.add %[[V]], %{{.*}} : tensor<?x1xf32>, tensor<f32> -> tensor<?x1xf32>
# LNOUT: %[[R:.*]] = rect.sqrt %[[E]]
# LNOUT: %[[I:.*]] = rect.reciprocal %[[R]]
# LNOUT: return %[[Y]], %[[M]], %[[I]]
# SLICE: error: Slice: axis 0 is dynamic and can only be taken whole

import numpy as np

from onnx_models import *


def opset11():
    nodes = [
        node("ReduceMean", ["x"], ["a"], axes=[-1]),
        node("ReduceSum", ["x"], ["b"], axes=[2, 1], keepdims=0),
        node("ReduceMax", ["x"], ["c"]),
        node("LogSoftmax", ["x"], ["d"]),
        node("Pow", ["x", "two"], ["e"]),
        node("Log", ["x"], ["f"]),
        node("Reciprocal", ["x"], ["g"]),
        node("Sum", ["x", "x", "x"], ["h"]),
    ]
    return make(nodes, [value("x", ["N", 4, 6])],
                [output(o) for o in "abcdefgh"],
                [const("two", 2, dtype=np.int64)], opset=11)


def opset18():
    nodes = [
        node("ReduceMin", ["x", "ax"], ["a"]),
        node("ReduceMean", ["x"], ["b"], keepdims=0),
        node("LayerNormalization", ["x", "s", "bias"], ["c"], epsilon=1e-6),
        node("LayerNormalization", ["x", "s2"], ["d"], axis=1),
        node("LogSoftmax", ["x"], ["e"], axis=1),
        node("ReduceSum", ["x", "empty"], ["f"], noop_with_empty_axes=1),
    ]
    inits = [const("ax", [1], dtype=np.int64), const("s", np.ones(6)),
             const("bias", np.zeros(6)), const("s2", np.ones((4, 6))),
             const("empty", np.zeros(0), dtype=np.int64)]
    return make(nodes, [value("x", ["N", 4, 6])],
                [output(o) for o in "abcdef"], inits, opset=18)


def ln_outputs():
    return make([node("LayerNormalization", ["x", "s"], ["y", "mean", "inv"])],
                [value("x", ["N", 6])],
                [output("y"), output("mean"), output("inv")],
                [const("s", np.ones(6))], opset=17)


def slice_batch():
    return make([node("Slice", ["x", "one", "big"], ["y"])],
                [value("x", ["N", 6])], [output("y")],
                [const("one", [1], dtype=np.int64),
                 const("big", [100], dtype=np.int64)], opset=13)


main({"opset11": opset11, "opset18": opset18, "ln_outputs": ln_outputs,
      "slice_batch": slice_batch})
