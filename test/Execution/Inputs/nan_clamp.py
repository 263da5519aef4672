"""Writes a Relu and a Clip(0, 6) model and an input holding NaN, infinities
and signed zeros, with numpy's outputs as the oracle (np.maximum and
np.minimum propagate NaN, as ONNX's Max/Min-based definitions do).

Usage: nan_clamp.py OUTDIR
Writes OUTDIR/model.onnx (input `x` [4, 40], outputs `relu` and `relu6`),
OUTDIR/x.npy, OUTDIR/relu.npy and OUTDIR/relu6.npy.
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
    low = helper.make_tensor("low", TensorProto.FLOAT, [], [0.0])
    high = helper.make_tensor("high", TensorProto.FLOAT, [], [6.0])
    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["relu"]),
         helper.make_node("Clip", ["x", "low", "high"], ["relu6"])],
        "nan_clamp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 40])],
        [helper.make_tensor_value_info("relu", TensorProto.FLOAT, [4, 40]),
         helper.make_tensor_value_info("relu6", TensorProto.FLOAT, [4, 40])],
        [low, high])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, "model.onnx"))
    np.save(os.path.join(out, "x.npy"), x)
    np.save(os.path.join(out, "relu.npy"), np.maximum(x, 0))
    np.save(os.path.join(out, "relu6.npy"), np.minimum(np.maximum(x, 0), 6))


if __name__ == "__main__":
    main()
