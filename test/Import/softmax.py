# Softmax before opset 13 flattens at `axis` (default 1) and normalises the
# flattened trailing part: reshape + softmax + reshape, or a plain softmax when
# that part is the last dimension. From opset 13 it is per axis (default -1).
# RUN: %python %s opset11 %t11.onnx
# RUN: rectify-import %t11.onnx | FileCheck %s --check-prefix=OPSET11
# RUN: %python %s opset13 %t13.onnx
# RUN: rectify-import %t13.onnx | FileCheck %s --check-prefix=OPSET13

# OPSET11: func.func @main(%[[X:.*]]: tensor<?x3x4xf32> {rect.name = "x"}, %[[V:.*]]: tensor<?x10xf32> {rect.name = "v"})
# OPSET11: %[[F:.*]] = rect.reshape %[[X]] : tensor<?x3x4xf32> -> tensor<?x12xf32>
# OPSET11: %[[S:.*]] = rect.softmax %[[F]] {axis = 1 : i64} : tensor<?x12xf32>
# OPSET11: %[[A:.*]] = rect.reshape %[[S]] : tensor<?x12xf32> -> tensor<?x3x4xf32>
# OPSET11: %[[B:.*]] = rect.softmax %[[X]] {axis = 2 : i64} : tensor<?x3x4xf32>
# OPSET11: %[[F0:.*]] = rect.reshape %[[X]] : tensor<?x3x4xf32> -> tensor<1x?xf32>
# OPSET11: %[[S0:.*]] = rect.softmax %[[F0]] {axis = 1 : i64} : tensor<1x?xf32>
# OPSET11: %[[C:.*]] = rect.reshape %[[S0]] : tensor<1x?xf32> -> tensor<?x3x4xf32>
# OPSET11: %[[D:.*]] = rect.softmax %[[V]] {axis = 1 : i64} : tensor<?x10xf32>
# OPSET11: return %[[A]], %[[B]], %[[C]], %[[D]]

# OPSET13: %[[A:.*]] = rect.softmax %[[X:.*]] {axis = 1 : i64} : tensor<?x3x4xf32>
# OPSET13: %[[B:.*]] = rect.softmax %[[X]] : tensor<?x3x4xf32>
# OPSET13: %[[C:.*]] = rect.softmax %[[X]] {axis = 0 : i64} : tensor<?x3x4xf32>
# OPSET13: %[[D:.*]] = rect.softmax %[[V:.*]] : tensor<?x10xf32>
# OPSET13: return %[[A]], %[[B]], %[[C]], %[[D]]

from onnx_models import *


def model(opset):
    axis1 = {} if opset < 13 else {"axis": 1}
    axis_last = {"axis": -1} if opset < 13 else {}
    return make([node("Softmax", ["x"], ["a"], **axis1),
                 node("Softmax", ["x"], ["b"], **axis_last),
                 node("Softmax", ["x"], ["c"], axis=0),
                 node("Softmax", ["v"], ["d"])],
                [value("x", ["N", 3, 4]), value("v", ["N", 10])],
                [output(n) for n in "abcd"], opset=opset)


main({"opset11": lambda: model(11), "opset13": lambda: model(13)})
