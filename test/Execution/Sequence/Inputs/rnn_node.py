"""Writes a single-node ONNX RNN model and its numpy reference (the oracle).

Usage: rnn_node.py CASE OUTDIR
Cases exercise what the PyTorch exports do not: `reverse_clip` (reverse
direction, Tanh, clip, initial_h, no bias) and `bidirectional_layout1`
(Sigmoid forward, LeakyRelu reverse, bias, initial_h, layout 1). The graph
inputs are X and H0 (batch dynamic); the outputs Y and Y_h. Writes
OUTDIR/model.onnx and, for B in 1, 4, OUTDIR/{X,H0,Y,Y_h}_bB.npy.
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

T, I, H = 6, 5, 7


def act(name, x):
    if name == "Tanh":
        return np.tanh(x)
    if name == "Sigmoid":
        return 1.0 / (1.0 + np.exp(-x))
    if name == "LeakyRelu":
        return np.where(x >= 0, x, 0.125 * x)
    raise ValueError(name)


def reference(x, w, r, b, h0, activations, reverse_dirs, clip):
    """x [T, B, I], h0 [D, B, H]: returns Y [T, D, B, H], Y_h [D, B, H]."""
    d_count = w.shape[0]
    y = np.zeros((T, d_count, x.shape[1], H), np.float64)
    for d in range(d_count):
        h = h0[d].astype(np.float64)
        steps = range(T - 1, -1, -1) if reverse_dirs[d] else range(T)
        for t in steps:
            pre = x[t] @ w[d].T + h @ r[d].T + b[d, :H] + b[d, H:]
            if clip is not None:
                pre = np.clip(pre, -clip, clip)
            h = act(activations[d], pre)
            y[t, d] = h
    last = [0 if reverse_dirs[d] else T - 1 for d in range(d_count)]
    y_h = np.stack([y[last[d], d] for d in range(d_count)])
    return y.astype(np.float32), y_h.astype(np.float32)


CASES = {
    # direction, activations, reverse per direction, clip, bias, layout
    "reverse_clip": ("reverse", ["Tanh"], [True], 1.5, False, 0),
    "bidirectional_layout1": ("bidirectional", ["Sigmoid", "LeakyRelu"],
                              [False, True], None, True, 1),
}


def main():
    case, outdir = sys.argv[1], sys.argv[2]
    direction, activations, reverse_dirs, clip, has_bias, layout = CASES[case]
    os.makedirs(outdir, exist_ok=True)
    d_count = len(activations)
    rng = np.random.default_rng(3)
    w = (rng.standard_normal((d_count, H, I)) * 0.5).astype(np.float32)
    r = (rng.standard_normal((d_count, H, H)) * 0.5).astype(np.float32)
    b = (rng.standard_normal((d_count, 2 * H)) * 0.5).astype(np.float32)
    if not has_bias:
        b = np.zeros_like(b)

    x_dims = ["B", T, I] if layout else [T, "B", I]
    h_dims = ["B", d_count, H] if layout else [d_count, "B", H]
    y_dims = ["B", T, d_count, H] if layout else [T, d_count, "B", H]
    attrs = dict(hidden_size=H, direction=direction, activations=activations)
    if clip is not None:
        attrs["clip"] = clip
    if "LeakyRelu" in activations:
        attrs["activation_alpha"] = [0.125]
    if layout:
        attrs["layout"] = 1
    inputs = ["X", "W", "R", "B" if has_bias else "", "", "H0"]
    node = helper.make_node("RNN", inputs, ["Y", "Y_h"], **attrs)
    inits = [numpy_helper.from_array(w, "W"), numpy_helper.from_array(r, "R")]
    if has_bias:
        inits.append(numpy_helper.from_array(b, "B"))
    graph = helper.make_graph(
        [node], case,
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, x_dims),
         helper.make_tensor_value_info("H0", TensorProto.FLOAT, h_dims)],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, y_dims),
         helper.make_tensor_value_info("Y_h", TensorProto.FLOAT, h_dims)],
        inits)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(outdir, "model.onnx"))

    for batch in (1, 4):
        x = rng.standard_normal((T, batch, I)).astype(np.float32)
        h0 = rng.standard_normal((d_count, batch, H)).astype(np.float32)
        y, y_h = reference(x, w, r, b, h0, activations, reverse_dirs, clip)
        if layout:
            x, h0 = x.transpose(1, 0, 2), h0.transpose(1, 0, 2)
            y, y_h = y.transpose(2, 0, 1, 3), y_h.transpose(1, 0, 2)
        for name, array in (("X", x), ("H0", h0), ("Y", y), ("Y_h", y_h)):
            np.save(os.path.join(outdir, "%s_b%d.npy" % (name, batch)),
                    np.ascontiguousarray(array))


if __name__ == "__main__":
    main()
