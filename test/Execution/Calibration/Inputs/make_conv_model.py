"""Writes a tiny conv net (Conv 'conv0' + Relu + LRN 'lrn0' + Flatten + Gemm,
input `input` [N, 1, 4, 4]) to OUTDIR/conv.onnx and two samples to
OUTDIR/conv_samples.npy: the reference evaluator of calibration runs no
local response normalization, so calibrating this model must fail naming
the LRN node.

Usage: make_conv_model.py OUTDIR
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    outdir = sys.argv[1]
    rng = np.random.default_rng(0)
    w = numpy_helper.from_array(
        rng.standard_normal((2, 1, 3, 3)).astype(np.float32), "w")
    fc = numpy_helper.from_array(
        rng.standard_normal((8, 3)).astype(np.float32), "fc")
    nodes = [
        helper.make_node("Conv", ["input", "w"], ["c"], name="conv0"),
        helper.make_node("Relu", ["c"], ["r"], name="relu0"),
        helper.make_node("LRN", ["r"], ["n"], name="lrn0", size=3),
        helper.make_node("Flatten", ["n"], ["f"], name="flatten0"),
        helper.make_node("Gemm", ["f", "fc"], ["logits"], name="fc0"),
    ]
    graph = helper.make_graph(
        nodes, "conv",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT,
                                       ["batch", 1, 4, 4])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT,
                                       ["batch", 3])],
        initializer=[w, fc])
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(outdir, "conv.onnx"))
    np.save(os.path.join(outdir, "conv_samples.npy"),
            rng.random((2, 1, 4, 4)).astype(np.float32))


if __name__ == "__main__":
    main()
