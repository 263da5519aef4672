"""Writes a two-layer Gemm+ReLU ONNX model with odd sizes, an input batch and
the expected output computed independently with numpy.

usage: make_gemm_model.py OUT_DIR --batch B [--batch B ...]
"""
import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

K, H, N = 37, 45, 11  # sizes that no register tile divides

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--batch", type=int, action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(7)
    w1 = rng.standard_normal((H, K)).astype(np.float32)
    b1 = rng.standard_normal(H).astype(np.float32)
    w2 = rng.standard_normal((N, H)).astype(np.float32)
    b2 = rng.standard_normal(N).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("Gemm", ["input", "w1", "b1"], ["h"], transB=1, name="fc1"),
         helper.make_node("Relu", ["h"], ["a"], name="relu1"),
         helper.make_node("Gemm", ["a", "w2", "b2"], ["output"], transB=1, name="fc2")],
        "gemm_mlp",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", K])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", N])],
        [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(b1, "b1"),
         numpy_helper.from_array(w2, "w2"), numpy_helper.from_array(b2, "b2")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, os.path.join(args.out, "model.onnx"))
    for batch in args.batch:
        x = rng.standard_normal((batch, K)).astype(np.float32)
        h = np.maximum(x.astype(np.float64) @ w1.T + b1, 0.0)
        y = h @ w2.T + b2
        np.save(os.path.join(args.out, f"x{batch}.npy"), x)
        np.save(os.path.join(args.out, f"y{batch}.npy"), y.astype(np.float32))

if __name__ == "__main__":
    main()
