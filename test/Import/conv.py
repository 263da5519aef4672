# Conv -> rect.conv: bias, strides, explicit pads, dilations, groups
# (depthwise), every auto_pad, opset 1 and 11 spellings; errors for 1-D
# convolutions and unknown auto_pad values.
# RUN: %python %s basic %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=BASIC
# RUN: %python %s autopad %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=AUTOPAD
# RUN: %python %s depthwise %t3.onnx
# RUN: rectify-import %t3.onnx | FileCheck %s --check-prefix=DEPTHWISE
# RUN: %python %s conv1d %t4.onnx
# RUN: not rectify-import %t4.onnx 2>&1 | FileCheck %s --check-prefix=CONV1D
# RUN: %python %s badpad %t5.onnx
# RUN: not rectify-import %t5.onnx 2>&1 | FileCheck %s --check-prefix=BADPAD
# RUN: %python %s badgroup %t6.onnx
# RUN: not rectify-import %t6.onnx 2>&1 | FileCheck %s --check-prefix=BADGROUP

# BASIC: func.func @main(%[[X:.*]]: tensor<?x3x9x9xf32>
# BASIC-DAG: %[[W:.*]] = rect.constant dense_resource<W> : tensor<4x3x3x3xf32>
# BASIC-DAG: %[[B:.*]] = rect.constant dense_resource<B> : tensor<4xf32>
# BASIC: rect.conv %[[X]], %[[W]] bias(%[[B]]) {dilations = array<i64: 2, 2>, pads = array<i64: 1, 2, 1, 2>, strides = array<i64: 2, 1>} : (tensor<?x3x9x9xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<?x4x4x9xf32>
# BASIC: rect.conv %[[X]], %[[W]] : (tensor<?x3x9x9xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x7x7xf32>

# SAME_UPPER with stride 2 on 9: output 5, total pad 2 (3x3) -> [1, 1, 1, 1];
# on a 2x2 kernel total pad 1 goes after (UPPER) or before (LOWER).
# AUTOPAD: rect.conv {{.*}} {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : {{.*}} -> tensor<1x4x5x5xf32>
# AUTOPAD: rect.conv {{.*}} {pads = array<i64: 0, 0, 1, 1>} : {{.*}} -> tensor<1x4x9x9xf32>
# AUTOPAD: rect.conv {{.*}} {pads = array<i64: 1, 1, 0, 0>} : {{.*}} -> tensor<1x4x9x9xf32>
# AUTOPAD: rect.conv {{.*}} : {{.*}} -> tensor<1x4x7x7xf32>

# DEPTHWISE: rect.conv %{{.*}}, %{{.*}} {group = 6 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<2x6x5x5xf32>, tensor<6x1x3x3xf32>) -> tensor<2x6x5x5xf32>
# DEPTHWISE: rect.conv %{{.*}}, %{{.*}} {group = 2 : i64} : (tensor<2x6x5x5xf32>, tensor<4x3x1x1xf32>) -> tensor<2x4x5x5xf32>

# CONV1D: node 'c1': error: Conv: only 2-D windows (4-D input [N, C, H, W]) are supported, got input of shape [1x3x9]
# BADPAD: node 'cp': error: Conv: unknown auto_pad 'SAME'
# BADGROUP: node 'cg': error: 'rect.conv' op group 4 must divide the input channels (6) and the filters (4)

import numpy as np
from onnx_models import *

rng = np.random.default_rng(0)
W = rng.standard_normal((4, 3, 3, 3))


def basic():
    return make([node("Conv", ["x", "W", "B"], ["y0"], strides=[2, 1],
                      pads=[1, 2, 1, 2], dilations=[2, 2], kernel_shape=[3, 3]),
                 node("Conv", ["x", "W"], ["y1"])],
                [value("x", ["N", 3, 9, 9])], [output("y0"), output("y1")],
                [const("W", W), const("B", [1, 2, 3, 4])], opset=11)


def autopad():
    w2 = rng.standard_normal((4, 3, 2, 2))
    return make([node("Conv", ["x", "W"], ["y0"], auto_pad="SAME_UPPER",
                      strides=[2, 2]),
                 node("Conv", ["x", "W2"], ["y1"], auto_pad="SAME_UPPER"),
                 node("Conv", ["x", "W2"], ["y2"], auto_pad="SAME_LOWER"),
                 node("Conv", ["x", "W"], ["y3"], auto_pad="VALID")],
                [value("x", [1, 3, 9, 9])],
                [output("y0"), output("y1"), output("y2"), output("y3")],
                [const("W", W), const("W2", w2)], opset=1)


def depthwise():
    return make([node("Conv", ["x", "Wd"], ["y0"], group=6, pads=[1, 1, 1, 1]),
                 node("Conv", ["x", "Wg"], ["y1"], group=2)],
                [value("x", [2, 6, 5, 5])], [output("y0"), output("y1")],
                [const("Wd", np.ones((6, 1, 3, 3))),
                 const("Wg", np.ones((4, 3, 1, 1)))], opset=17)


def conv1d():
    return make([node("Conv", ["x", "W1"], ["y"], name="c1")],
                [value("x", [1, 3, 9])], [output("y")],
                [const("W1", np.ones((4, 3, 3)))])


def badpad():
    return make([node("Conv", ["x", "W"], ["y"], name="cp", auto_pad="SAME")],
                [value("x", [1, 3, 9, 9])], [output("y")], [const("W", W)])


def badgroup():
    return make([node("Conv", ["x", "Wg"], ["y"], name="cg", group=4)],
                [value("x", [1, 6, 5, 5])], [output("y")],
                [const("Wg", np.ones((4, 3, 1, 1)))])


main({"basic": basic, "autopad": autopad, "depthwise": depthwise,
      "conv1d": conv1d, "badpad": badpad, "badgroup": badgroup})
