# ConvTranspose -> rect.conv_transpose: strides, pads, output_padding, bias,
# group; output_shape and SAME auto_pad resolved into (possibly negative)
# pads; an output_shape that is not 2 spatial sizes is an error.
# RUN: %python %s basic %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=BASIC
# RUN: %python %s shape %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=SHAPE
# RUN: %python %s badshape %t3.onnx
# RUN: not rectify-import %t3.onnx 2>&1 | FileCheck %s --check-prefix=BADSHAPE

# BASIC: rect.conv_transpose %{{.*}}, %{{.*}} bias(%{{.*}}) {output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<?x2x10x10xf32>
# BASIC: rect.conv_transpose %{{.*}}, %{{.*}} {group = 2 : i64} : (tensor<?x4x5x5xf32>, tensor<4x1x3x3xf32>) -> tensor<?x2x7x7xf32>

# 3x3 input, stride 3, 3x3 kernel: 9 without padding; output_shape [10, 8]
# needs total pads -1 and 1: [0, 1] before, [-1, 0] after.
# SHAPE: rect.conv_transpose {{.*}} {pads = array<i64: 0, 1, -1, 0>, strides = array<i64: 3, 3>} : {{.*}} -> tensor<1x2x10x8xf32>
# SAME_UPPER: output = input * stride = 6; natural 7, total 1 goes after.
# SHAPE: rect.conv_transpose {{.*}} {pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : {{.*}} -> tensor<1x2x6x6xf32>

# BADSHAPE: node 'ct': error: ConvTranspose: output_shape must give the 2 spatial sizes, got [10]

import numpy as np
from onnx_models import *


def basic():
    return make([node("ConvTranspose", ["x", "W", "B"], ["y0"], strides=[2, 2],
                      pads=[1, 1, 1, 1], output_padding=[1, 1]),
                 node("ConvTranspose", ["x", "Wg"], ["y1"], group=2)],
                [value("x", ["N", 4, 5, 5])], [output("y0"), output("y1")],
                [const("W", np.ones((4, 2, 3, 3))), const("B", [1, 2]),
                 const("Wg", np.ones((4, 1, 3, 3)))], opset=11)


def shape():
    w = np.ones((1, 2, 3, 3))
    return make([node("ConvTranspose", ["x", "W"], ["y0"], strides=[3, 3],
                      output_shape=[10, 8]),
                 node("ConvTranspose", ["x", "W"], ["y1"], strides=[2, 2],
                      auto_pad="SAME_UPPER")],
                [value("x", [1, 1, 3, 3])], [output("y0"), output("y1")],
                [const("W", w)], opset=11)


def badshape():
    return make([node("ConvTranspose", ["x", "W"], ["y"], name="ct",
                      output_shape=[10])],
                [value("x", [1, 1, 3, 3])], [output("y")],
                [const("W", np.ones((1, 2, 3, 3)))], opset=11)


main({"basic": basic, "shape": shape, "badshape": badshape})
