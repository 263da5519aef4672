# MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool and LRN: pads,
# strides, ceil_mode, dilations, count_include_pad, auto_pad, opsets 7-19;
# errors for a used Indices output, AveragePool dilations, 1-D pools and a
# missing LRN size (rejected by the ONNX checker).
# RUN: %python %s pools %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=POOLS
# RUN: %python %s old %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=OLD
# RUN: %python %s indices %t3.onnx
# RUN: not rectify-import %t3.onnx 2>&1 | FileCheck %s --check-prefix=INDICES
# RUN: %python %s avgdil %t4.onnx
# RUN: not rectify-import %t4.onnx 2>&1 | FileCheck %s --check-prefix=AVGDIL
# RUN: %python %s pool1d %t5.onnx
# RUN: not rectify-import %t5.onnx 2>&1 | FileCheck %s --check-prefix=POOL1D
# RUN: %python %s lrnsize %t6.onnx
# RUN: not rectify-import %t6.onnx 2>&1 | FileCheck %s --check-prefix=LRNSIZE

# POOLS: rect.max_pool %{{.*}} {ceil_mode = true, dilations = array<i64: 2, 2>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x3x10x10xf32> -> tensor<?x3x5x5xf32>
# POOLS: rect.avg_pool %{{.*}} {ceil_mode = true, count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x3x10x10xf32> -> tensor<?x3x6x6xf32>
# POOLS: rect.avg_pool %{{.*}} {kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>} : tensor<?x3x10x10xf32> -> tensor<?x3x10x10xf32>
# POOLS: rect.global_avg_pool %{{.*}} : tensor<?x3x10x10xf32> -> tensor<?x3x1x1xf32>
# POOLS: rect.global_max_pool %{{.*}} : tensor<?x3x10x10xf32> -> tensor<?x3x1x1xf32>
# POOLS: rect.lrn %{{.*}} {alpha = 2.000000e-04 : f32, beta = 5.000000e-01 : f32, bias = 2.000000e+00 : f32, size = 3 : i64} : tensor<?x3x10x10xf32>

# OLD: rect.max_pool %{{.*}} {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x3x10x10xf32> -> tensor<1x3x5x5xf32>
# OLD: rect.avg_pool %{{.*}} {kernel_shape = array<i64: 3, 3>} : tensor<1x3x10x10xf32> -> tensor<1x3x8x8xf32>

# INDICES: node 'mp': error: MaxPool: the Indices output ('idx') is not supported
# AVGDIL: node 'ap': error: AveragePool: dilations [2, 2] are not supported
# POOL1D: node 'p1': error: MaxPool: only 2-D windows (4-D input [N, C, H, W]) are supported, got input of shape [1x3x10]
# LRNSIZE: error: the ONNX checker rejects the model: Required attribute 'size' is missing

from onnx_models import *

X = value("x", ["N", 3, 10, 10])


def pools():
    return make([node("MaxPool", ["x"], ["a"], kernel_shape=[3, 3],
                      strides=[2, 2], pads=[1, 1, 1, 1], dilations=[2, 2],
                      ceil_mode=1),
                 node("AveragePool", ["x"], ["b"], kernel_shape=[3, 3],
                      strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1,
                      count_include_pad=1),
                 node("AveragePool", ["x"], ["c"], kernel_shape=[2, 2],
                      auto_pad="SAME_UPPER"),
                 node("GlobalAveragePool", ["x"], ["d"]),
                 node("GlobalMaxPool", ["x"], ["e"]),
                 node("LRN", ["x"], ["f"], size=3, alpha=2e-4, beta=0.5,
                      bias=2.0)],
                [X], [output(n) for n in "abcdef"], opset=12)


def old():
    return make([node("MaxPool", ["x"], ["a"], kernel_shape=[2, 2],
                      strides=[2, 2]),
                 node("AveragePool", ["x"], ["b"], kernel_shape=[3, 3])],
                [value("x", [1, 3, 10, 10])], [output("a"), output("b")],
                opset=7)


def indices():
    return make([node("MaxPool", ["x"], ["a", "idx"], name="mp",
                      kernel_shape=[2, 2])],
                [X], [output("a"), output("idx")], opset=12)


def avgdil():
    return make([node("AveragePool", ["x"], ["a"], name="ap",
                      kernel_shape=[2, 2], dilations=[2, 2])],
                [X], [output("a")], opset=19)


def pool1d():
    return make([node("MaxPool", ["x"], ["a"], name="p1", kernel_shape=[2])],
                [value("x", [1, 3, 10])], [output("a")], opset=12)


def lrnsize():
    return make([node("LRN", ["x"], ["a"], name="lrn")], [X], [output("a")],
                opset=13)


main({"pools": pools, "old": old, "indices": indices, "avgdil": avgdil,
      "pool1d": pool1d, "lrnsize": lrnsize})
