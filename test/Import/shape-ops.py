# Flatten (default axis 1, axis 0, negative axis), Transpose (default perm
# reverses, explicit perm), Identity (no op) and inference Dropout (opset 7
# ratio attribute, opset 12 ratio/training_mode inputs, unused mask).
# RUN: %python %s opset13 %t13.onnx
# RUN: rectify-import %t13.onnx | FileCheck %s
# RUN: %python %s dropout7 %t7.onnx
# RUN: rectify-import %t7.onnx | FileCheck %s --check-prefix=DROPOUT
# RUN: %python %s dropout12 %t12.onnx
# RUN: rectify-import %t12.onnx | FileCheck %s --check-prefix=DROPOUT
# RUN: %python %s mask %tm.onnx
# RUN: not rectify-import %tm.onnx 2>&1 | FileCheck %s --check-prefix=MASK
# RUN: %python %s training %tt.onnx
# RUN: not rectify-import %tt.onnx 2>&1 | FileCheck %s --check-prefix=TRAINING

# CHECK: func.func @main(%[[X:.*]]: tensor<?x2x3x4xf32> {rect.name = "x"})
# CHECK: %[[F1:.*]] = rect.flatten %[[X]] : tensor<?x2x3x4xf32> -> tensor<?x24xf32>
# CHECK: %[[F0:.*]] = rect.flatten %[[X]] {axis = 0 : i64} : tensor<?x2x3x4xf32> -> tensor<1x?xf32>
# CHECK: %[[FN:.*]] = rect.flatten %[[X]] {axis = -1 : i64} : tensor<?x2x3x4xf32> -> tensor<?x4xf32>
# CHECK: %[[TD:.*]] = rect.transpose %[[X]] {permutation = array<i64: 3, 2, 1, 0>} : tensor<?x2x3x4xf32> -> tensor<4x3x2x?xf32>
# CHECK: %[[TP:.*]] = rect.transpose %[[X]] {permutation = array<i64: 0, 2, 3, 1>} : tensor<?x2x3x4xf32> -> tensor<?x3x4x2xf32>
# CHECK: %[[R:.*]] = rect.relu %[[X]] : tensor<?x2x3x4xf32>
# CHECK: return %[[F1]], %[[F0]], %[[FN]], %[[TD]], %[[TP]], %[[R]]

# DROPOUT: func.func @main(%[[X:.*]]: tensor<2x3xf32> {rect.name = "x"})
# DROPOUT-NEXT: %[[R:.*]] = rect.relu %[[X]] : tensor<2x3xf32>
# DROPOUT-NEXT: return %[[R]]

# MASK: node 'drop': error: the mask output 'mask' of Dropout is used; only inference Dropout (mask unused) is supported
# TRAINING: node 'drop': error: Dropout in training mode is not supported

import numpy as np
from onnx_models import *


def shapes():
    return make([node("Flatten", ["x"], ["f1"]),
                 node("Flatten", ["x"], ["f0"], axis=0),
                 node("Flatten", ["x"], ["fn"], axis=-1),
                 node("Transpose", ["x"], ["td"]),
                 node("Transpose", ["x"], ["tp"], perm=[0, 2, 3, 1]),
                 node("Identity", ["x"], ["i"]),
                 node("Relu", ["i"], ["r"])],
                [value("x", ["N", 2, 3, 4])],
                [output(n) for n in ["f1", "f0", "fn", "td", "tp", "r"]])


def dropout(opset, inputs=("x",), mask=False, inits=(), name=None, **attrs):
    outputs = ["d", "mask"] if mask else ["d"]
    nodes = [node("Dropout", list(inputs), outputs, name=name, **attrs),
             node("Relu", ["d"], ["y"])]
    graph_outputs = [output("y")] + ([output("mask")] if mask else [])
    return make(nodes, [value("x", [2, 3])], graph_outputs, list(inits),
                opset=opset)


main({
    "opset13": shapes,
    "dropout7": lambda: dropout(7, ratio=0.3),
    "dropout12": lambda: dropout(
        12, ["x", "ratio", "mode"],
        inits=[const("ratio", 0.3), const("mode", False, np.bool_)]),
    "mask": lambda: dropout(13, mask=True, name="drop"),
    "training": lambda: dropout(
        13, ["x", "", "mode"], name="drop",
        inits=[const("mode", True, np.bool_)]),
})
