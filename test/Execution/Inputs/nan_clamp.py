"""Writes a model of Relu, Clip(0, 6), a 3x3/2 MaxPool and a three-input Max
with inputs holding NaN, infinities and signed zeros, with numpy's outputs
as the oracle (np.maximum, np.minimum and np.max propagate NaN, as ONNX's
Max/Min-based definitions do).

Usage: nan_clamp.py OUTDIR
Writes OUTDIR/model.onnx (inputs `x` [4, 40] and `img` [1, 3, 9, 35];
outputs `relu`, `relu6`, `pool` and `max3`) and OUTDIR/NAME.npy for each
input and output.
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    x = np.random.default_rng(3).uniform(-10, 10, (4, 40)).astype(np.float32)
    x[0, 3] = np.nan
    x[1, 17] = np.nan
    x[2, 39] = np.nan
    x[3, 0] = np.inf
    x[3, 1] = -np.inf
    x[3, 2] = -0.0
    # NaN at every tap position of some 3x3/2 window, in the first, a middle
    # and the last output column, and a window of only -inf.
    img = np.random.default_rng(4).uniform(-10, 10, (1, 3, 9, 35))
    img = img.astype(np.float32)
    for row, col in [(0, 0), (1, 5), (2, 10), (3, 15), (4, 20), (5, 25),
                     (6, 30), (7, 33), (8, 34)]:
        img[0, row % 3, row, col] = np.nan
    img[0, 2, 4:7, 12:15] = -np.inf
    windows = np.lib.stride_tricks.sliding_window_view(img, (3, 3), (2, 3))
    pool = windows[:, :, ::2, ::2].max(axis=(-2, -1))
    low = helper.make_tensor("low", TensorProto.FLOAT, [], [0.0])
    high = helper.make_tensor("high", TensorProto.FLOAT, [], [6.0])
    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["relu"]),
         helper.make_node("Clip", ["x", "low", "high"], ["relu6"]),
         helper.make_node("MaxPool", ["img"], ["pool"], kernel_shape=[3, 3],
                          strides=[2, 2]),
         helper.make_node("Max", ["x", "relu6", "x"], ["max3"])],
        "nan_clamp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 40]),
         helper.make_tensor_value_info("img", TensorProto.FLOAT, list(img.shape))],
        [helper.make_tensor_value_info("relu", TensorProto.FLOAT, [4, 40]),
         helper.make_tensor_value_info("relu6", TensorProto.FLOAT, [4, 40]),
         helper.make_tensor_value_info("pool", TensorProto.FLOAT,
                                       list(pool.shape)),
         helper.make_tensor_value_info("max3", TensorProto.FLOAT, [4, 40])],
        [low, high])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, "model.onnx"))
    np.save(os.path.join(out, "x.npy"), x)
    np.save(os.path.join(out, "relu.npy"), np.maximum(x, 0))
    relu6 = np.minimum(np.maximum(x, 0), 6)
    np.save(os.path.join(out, "relu6.npy"), relu6)
    np.save(os.path.join(out, "img.npy"), img)
    np.save(os.path.join(out, "pool.npy"), pool)
    np.save(os.path.join(out, "max3.npy"), np.maximum(np.maximum(x, relu6), x))


if __name__ == "__main__":
    main()
