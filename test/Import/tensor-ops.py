# The data-movement ops on float32 data, in their attribute (old opset) and
# input (new opset) forms: Concat, Split, Slice, Pad, Squeeze, Unsqueeze,
# Gather, Expand, Tile, Where.
# RUN: %python %s old %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=OLD
# RUN: %python %s new %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=NEW
# RUN: %python %s split18 %t3.onnx
# RUN: rectify-import %t3.onnx | FileCheck %s --check-prefix=SPLIT18

# Opset 9: attributes.
# OLD: func.func @main(%[[X:.*]]: tensor<?x4x6xf32> {rect.name = "x"}, %[[Y:.*]]: tensor<?x4x2xf32> {rect.name = "y"})
# OLD-DAG: %[[C:.*]] = rect.concat %[[X]], %[[Y]] {axis = 2 : i64} : (tensor<?x4x6xf32>, tensor<?x4x2xf32>) -> tensor<?x4x8xf32>
# OLD-DAG: %[[S0:.*]] = rect.slice %[[X]] {offsets = array<i64: 0, 0, 0>, sizes = array<i64: -1, 4, 2>, strides = array<i64: 1, 1, 1>} : tensor<?x4x6xf32> -> tensor<?x4x2xf32>
# OLD-DAG: %[[S1:.*]] = rect.slice %[[X]] {offsets = array<i64: 0, 0, 2>, sizes = array<i64: -1, 4, 4>, strides = array<i64: 1, 1, 1>} : tensor<?x4x6xf32> -> tensor<?x4x4xf32>
# OLD-DAG: %[[SL:.*]] = rect.slice %[[X]] {offsets = array<i64: 0, 1, 3>, sizes = array<i64: -1, 3, 3>, strides = array<i64: 1, 1, 1>} : tensor<?x4x6xf32> -> tensor<?x3x3xf32>
# OLD-DAG: %[[P:.*]] = rect.pad %[[X]] {mode = "edge", pads = array<i64: 0, 1, 0, 0, 2, 1>} : tensor<?x4x6xf32> -> tensor<?x7x7xf32>
# OLD-DAG: %[[U:.*]] = rect.reshape %[[X]] : tensor<?x4x6xf32> -> tensor<?x1x4x6x1xf32>
# OLD-DAG: %[[Q:.*]] = rect.reshape %[[U]] : tensor<?x1x4x6x1xf32> -> tensor<?x4x6xf32>
# OLD-DAG: %[[G:.*]] = rect.gather %[[X]], %{{.*}} {axis = 2 : i64} : tensor<?x4x6xf32>, tensor<2xi64> -> tensor<?x4x2xf32>
# OLD-DAG: rect.constant dense<[5, 0]> : tensor<2xi64>
# OLD-DAG: %[[E:.*]] = rect.expand %{{.*}} : tensor<1x6xf32> -> tensor<3x6xf32>
# OLD-DAG: %[[T:.*]] = rect.tile %[[X]] {repeats = array<i64: 1, 2, 1>} : tensor<?x4x6xf32> -> tensor<?x8x6xf32>
# OLD-DAG: rect.constant dense<[true, false, true, false, true, false]> : tensor<6xi1>
# OLD-DAG: %[[W:.*]] = rect.where %{{.*}}, %[[X]], %{{.*}} : tensor<6xi1>, tensor<?x4x6xf32>, tensor<f32> -> tensor<?x4x6xf32>

# Opset 13: inputs; negative and oversized indices, a negative step.
# NEW-DAG: rect.slice %[[X:.*]] {offsets = array<i64: 0, 0, 0>, sizes = array<i64: -1, 4, 1>, strides = array<i64: 1, 1, 1>} : tensor<?x4x6xf32> -> tensor<?x4x1xf32>
# NEW-DAG: rect.slice %[[X]] {offsets = array<i64: 0, 0, 1>, sizes = array<i64: -1, 4, 5>, strides = array<i64: 1, 1, 1>} : tensor<?x4x6xf32> -> tensor<?x4x5xf32>
# NEW-DAG: rect.slice %[[X]] {offsets = array<i64: 0, 3, 5>, sizes = array<i64: -1, 4, 3>, strides = array<i64: 1, -1, -2>} : tensor<?x4x6xf32> -> tensor<?x4x3xf32>
# NEW-DAG: rect.slice %[[X]] {offsets = array<i64: 0, 0, 4>, sizes = array<i64: -1, 4, 2>, strides = array<i64: 1, 1, 1>} : tensor<?x4x6xf32> -> tensor<?x4x2xf32>
# NEW-DAG: rect.pad %[[X]] {mode = "reflect", pads = array<i64: 0, 0, 2, 0, 0, 3>} : tensor<?x4x6xf32> -> tensor<?x4x11xf32>
# NEW-DAG: rect.pad %[[X]] {pads = array<i64: 0, 1, 0, 0, 1, 0>, value = 2.500000e+00 : f32} : tensor<?x4x6xf32> -> tensor<?x6x6xf32>
# NEW-DAG: rect.reshape %[[X]] : tensor<?x4x6xf32> -> tensor<?x4x1x6xf32>

# SPLIT18-DAG: rect.slice %{{.*}} {offsets = array<i64: 0, 0>, sizes = array<i64: -1, 3>, strides = array<i64: 1, 1>} : tensor<?x7xf32> -> tensor<?x3xf32>
# SPLIT18-DAG: rect.slice %{{.*}} {offsets = array<i64: 0, 3>, sizes = array<i64: -1, 3>, strides = array<i64: 1, 1>} : tensor<?x7xf32> -> tensor<?x3xf32>
# SPLIT18-DAG: rect.slice %{{.*}} {offsets = array<i64: 0, 6>, sizes = array<i64: -1, 1>, strides = array<i64: 1, 1>} : tensor<?x7xf32> -> tensor<?x1xf32>

import numpy as np

from onnx_models import *


def ints(name, values):
    return const(name, values, dtype=np.int64)


def old():
    nodes = [
        node("Concat", ["x", "y"], ["c"], axis=-1),
        node("Split", ["x"], ["s0", "s1"], axis=2, split=[2, 4]),
        node("Slice", ["x"], ["sl"], starts=[1, -3], ends=[100, 6],
             axes=[1, 2]),
        node("Pad", ["x"], ["p"], mode="edge", pads=[0, 1, 0, 0, 2, 1]),
        node("Unsqueeze", ["x"], ["u"], axes=[1, 4]),
        node("Squeeze", ["u"], ["q"], axes=[1, -1]),
        node("Gather", ["x", "idx"], ["g"], axis=2),
        node("Expand", ["row", "shape"], ["e"]),
        node("Tile", ["x", "reps"], ["t"]),
        node("Where", ["cond", "x", "zero"], ["w"]),
    ]
    inits = [ints("idx", [-1, 0]), const("row", np.ones((1, 6))),
             ints("shape", [3, 1]), ints("reps", [1, 2, 1]),
             const("cond", [True, False] * 3, dtype=bool),
             const("zero", 0.0)]
    outs = ["c", "s0", "s1", "sl", "p", "q", "g", "e", "t", "w"]
    return make(nodes, [value("x", ["N", 4, 6]), value("y", ["N", 4, 2])],
                [output(o) for o in outs], inits, opset=9)


def new():
    nodes = [
        node("Split", ["x", "parts"], ["s0", "s1"], axis=-1),
        node("Slice", ["x", "st", "en", "ax", "steps"], ["neg"]),
        node("Slice", ["x", "st2", "en2"], ["tail"]),
        node("Pad", ["x", "pads"], ["pr"], mode="reflect"),
        node("Pad", ["x", "pads2", "pv"], ["pc"]),
        node("Unsqueeze", ["x", "ax2"], ["u"]),
    ]
    inits = [ints("parts", [1, 5]), ints("st", [-1, 100]),
             ints("en", [-100, -100]), ints("ax", [1, 2]),
             ints("steps", [-1, -2]), ints("st2", [-2]), ints("en2", [1 << 62]),
             ints("pads", [0, 0, 2, 0, 0, 3]),
             ints("pads2", [0, 1, 0, 0, 1, 0]), const("pv", 2.5),
             ints("ax2", [-2])]
    # Slice without axes slices the leading dims: only dim 0 here, so make it
    # a trailing axis instead through explicit axes for the second slice.
    nodes[2] = node("Slice", ["x", "st2", "en2", "ax3"], ["tail"])
    inits.append(ints("ax3", [2]))
    outs = ["s0", "s1", "neg", "tail", "pr", "pc", "u"]
    return make(nodes, [value("x", ["N", 4, 6])], [output(o) for o in outs],
                inits, opset=13)


def split18():
    return make([node("Split", ["x"], ["a", "b", "c"], axis=1,
                      num_outputs=3)],
                [value("x", ["N", 7])], [output(o) for o in "abc"],
                opset=18)


main({"old": old, "new": new, "split18": split18})
