"""Writes an ONNX attention core with batched, broadcasting MatMuls and its
numpy reference (the oracle).

Usage: attention_matmul.py OUTDIR
The model (opset 17, dynamic batch B) computes, with q, k, v of shape
[B, 4, 8, 8] (batch, heads, sequence, head dim) and a constant key bank
K2 of shape [4, 8, 8] broadcast over the batch:

    output = softmax(q @ k^T / sqrt(8)) @ v + q @ K2

Writes OUTDIR/model.onnx and, for B in 1, 4, OUTDIR/{q,k,v}_bB.npy and
OUTDIR/output_bB.npy.
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HEADS, SEQ, DIM = 4, 8, 8


def model(bank):
    shape = ["B", HEADS, SEQ, DIM]
    inputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape)
              for n in ("q", "k", "v")]
    output = helper.make_tensor_value_info("output", TensorProto.FLOAT,
                                           ["B", HEADS, SEQ, DIM])
    inits = [numpy_helper.from_array(bank, "bank"),
             numpy_helper.from_array(np.array(np.sqrt(DIM), np.float32),
                                     "scale")]
    nodes = [
        helper.make_node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
        helper.make_node("MatMul", ["q", "kt"], ["scores"]),
        helper.make_node("Div", ["scores", "scale"], ["scaled"]),
        helper.make_node("Softmax", ["scaled"], ["probs"], axis=-1),
        helper.make_node("MatMul", ["probs", "v"], ["context"]),
        helper.make_node("MatMul", ["q", "bank"], ["banked"]),
        helper.make_node("Add", ["context", "banked"], ["output"]),
    ]
    graph = helper.make_graph(nodes, "attention", inputs, [output], inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def reference(q, k, v, bank):
    scores = np.matmul(q, np.swapaxes(k, -1, -2)) / np.float32(np.sqrt(DIM))
    scores = scores - scores.max(axis=-1, keepdims=True)
    probs = np.exp(scores)
    probs /= probs.sum(axis=-1, keepdims=True)
    return (np.matmul(probs, v) + np.matmul(q, bank)).astype(np.float32)


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    rng = np.random.default_rng(0)
    bank = rng.standard_normal((HEADS, DIM, DIM)).astype(np.float32)
    onnx.save(model(bank), os.path.join(outdir, "model.onnx"))
    for batch in (1, 4):
        arrays = {n: rng.standard_normal((batch, HEADS, SEQ, DIM))
                  .astype(np.float32) for n in ("q", "k", "v")}
        for name, array in arrays.items():
            np.save(os.path.join(outdir, "%s_b%d.npy" % (name, batch)), array)
        out = reference(arrays["q"], arrays["k"], arrays["v"], bank)
        np.save(os.path.join(outdir, "output_b%d.npy" % batch), out)


if __name__ == "__main__":
    main()
