"""Small ONNX models of the tensor-manipulation, reduction and normalization
ops, built with onnx.helper at test time, and their expected outputs computed
with numpy (an oracle independent of Rectify).

usage: tensor_models.py NAME OUT_DIR
writes OUT_DIR/model.onnx, x_b{1,3}.npy and <output>_b{1,3}.npy, and prints
the rectify-run arguments for each batch on one line each.
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def ints(name, values):
    return numpy_helper.from_array(np.asarray(values, dtype=np.int64), name)


def floats(name, values):
    return numpy_helper.from_array(np.asarray(values, dtype=np.float32), name)


def node(op, inputs, outputs, **attrs):
    return helper.make_node(op, inputs, outputs, **attrs)


def reflect_pad(a, before, after, axis):
    pads = [(0, 0)] * a.ndim
    pads[axis] = (before, after)
    return np.pad(a, pads, mode="reflect")


def movement():
    """x: [N, 4, 6]."""
    rng = np.random.default_rng(1)
    row = rng.standard_normal((1, 6)).astype(np.float32)
    cond = np.array([True, False, True, True, False, False])
    nodes = [
        node("Mul", ["x", "two"], ["x2"]),
        node("Concat", ["x", "x2"], ["concat"], axis=2),
        node("Slice", ["x", "st", "en", "ax", "steps"], ["slice"]),
        node("Pad", ["x", "pads_r"], ["pad_reflect"], mode="reflect"),
        node("Pad", ["x", "pads_e"], ["pad_edge"], mode="edge"),
        node("Pad", ["x", "pads_c", "pv"], ["pad_const"]),
        node("Gather", ["x", "idx"], ["gather"], axis=2),
        node("Tile", ["x", "reps"], ["tile"]),
        node("Expand", ["row", "eshape"], ["rows"]),
        node("Add", ["x", "rows"], ["expand"]),
        node("Where", ["cond", "x", "pv"], ["where"]),
        node("Split", ["x", "parts"], ["split0", "split1"], axis=1),
        node("Unsqueeze", ["x", "uax"], ["u"]),
        node("Squeeze", ["u", "uax"], ["sq"]),
        node("Neg", ["sq"], ["squeeze"]),
    ]
    inits = [floats("two", 2.0), ints("st", [-1, 100]),
             ints("en", [-100, -100]), ints("ax", [1, 2]),
             ints("steps", [-1, -2]), ints("pads_r", [0, 1, 2, 0, 2, 3]),
             ints("pads_e", [0, 2, 1, 0, 1, 2]),
             ints("pads_c", [0, 0, 1, 0, 3, 0]), floats("pv", 0.5),
             ints("idx", [-1, 0, 3]), ints("reps", [1, 2, 1]),
             floats("row", row), ints("eshape", [4, 6]),
             numpy_helper.from_array(cond, "cond"), ints("parts", [1, 3]),
             ints("uax", [1, 3])]

    def expect(x):
        return {
            "concat": np.concatenate([x, 2 * x], axis=2),
            "slice": x[:, ::-1, ::-2],
            "pad_reflect": reflect_pad(reflect_pad(x, 1, 2, 1), 2, 3, 2),
            "pad_edge": np.pad(x, [(0, 0), (2, 1), (1, 2)], mode="edge"),
            "pad_const": np.pad(x, [(0, 0), (0, 3), (1, 0)],
                                constant_values=0.5),
            "gather": x[:, :, [5, 0, 3]],
            "tile": np.tile(x, (1, 2, 1)),
            "expand": x + np.broadcast_to(row, (4, 6)),
            "where": np.where(cond, x, np.float32(0.5)),
            "split0": x[:, :1], "split1": x[:, 1:],
            "squeeze": -x,
        }
    return nodes, inits, [4, 6], expect, 13


def reduce11():
    """Opset 11: axes attributes, LogSoftmax flattening at axis 1, math."""
    nodes = [
        node("ReduceMean", ["x"], ["mean"], axes=[-1]),
        node("ReduceSum", ["x"], ["sum"], axes=[1, 2], keepdims=0),
        node("ReduceMax", ["x"], ["max"], axes=[1]),
        node("ReduceMin", ["x"], ["min"], axes=[2], keepdims=0),
        node("LogSoftmax", ["x"], ["logsoftmax"]),
        node("Abs", ["x"], ["ax"]),
        node("Add", ["ax", "one"], ["ax1"]),
        node("Log", ["ax1"], ["log"]),
        node("Reciprocal", ["ax1"], ["reciprocal"]),
        node("Pow", ["x", "three"], ["pow"]),
        node("Sqrt", ["ax1"], ["sqrt"]),
        node("Sum", ["x", "ax", "ax1"], ["sum3"]),
    ]
    inits = [floats("one", 1.0), ints("three", 3)]

    def expect(x):
        flat = x.reshape(x.shape[0], -1).astype(np.float64)
        shifted = flat - flat.max(axis=1, keepdims=True)
        logsm = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        ax1 = np.abs(x) + 1
        return {
            "mean": x.mean(axis=-1, keepdims=True),
            "sum": x.sum(axis=(1, 2)),
            "max": x.max(axis=1, keepdims=True),
            "min": x.min(axis=2),
            "logsoftmax": logsm.reshape(x.shape),
            "log": np.log(ax1), "reciprocal": 1 / ax1,
            "pow": x.astype(np.float64) ** 3, "sqrt": np.sqrt(ax1),
            "sum3": x + np.abs(x) + ax1,
        }
    return nodes, inits, [4, 6], expect, 11


def norm17():
    """Opset 17: LayerNormalization, LogSoftmax per axis, ReduceSum axes
    input, and a decomposed layer norm the graph pass recognizes."""
    rng = np.random.default_rng(2)
    scale = rng.standard_normal(6).astype(np.float32)
    bias = rng.standard_normal(6).astype(np.float32)
    scale2 = rng.standard_normal((4, 6)).astype(np.float32)
    nodes = [
        node("LayerNormalization", ["x", "scale", "bias"], ["ln"],
             epsilon=1e-5),
        node("LayerNormalization", ["x", "scale2"], ["ln2"], axis=1),
        node("LogSoftmax", ["x"], ["logsoftmax"], axis=1),
        node("ReduceSum", ["x", "rax"], ["rsum"]),
        # (x - mean) / sqrt(var + eps) * scale + bias, as exporters spell it.
        node("ReduceMean", ["x"], ["m"], axes=[-1]),
        node("Sub", ["x", "m"], ["d"]),
        node("Pow", ["d", "twof"], ["d2"]),
        node("ReduceMean", ["d2"], ["v"], axes=[-1]),
        node("Add", ["v", "eps"], ["ve"]),
        node("Sqrt", ["ve"], ["sd"]),
        node("Div", ["d", "sd"], ["n"]),
        node("Mul", ["n", "scale"], ["ns"]),
        node("Add", ["ns", "bias"], ["decomposed"]),
    ]
    inits = [floats("scale", scale), floats("bias", bias),
             floats("scale2", scale2), ints("rax", [0, 2]),
             floats("twof", 2.0), floats("eps", 1e-5)]

    def layer_norm(x, axes, s, b, eps):
        x = x.astype(np.float64)
        mean = x.mean(axis=axes, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
        return (x - mean) / np.sqrt(var + eps) * s + b

    def expect(x):
        x64 = x.astype(np.float64)
        shifted = x64 - x64.max(axis=1, keepdims=True)
        ln = layer_norm(x, (2,), scale, bias, 1e-5)
        return {
            "ln": ln,
            "ln2": layer_norm(x, (1, 2), scale2, 0.0, 1e-5),
            "logsoftmax": shifted - np.log(np.exp(shifted).sum(
                axis=1, keepdims=True)),
            "rsum": x.sum(axis=(0, 2), keepdims=True),
            "decomposed": ln,
        }
    return nodes, inits, [4, 6], expect, 17


def shapes():
    """The shape sub-graph of view(N, -1) and view(N, 4, 3, 2) with the batch
    read from Shape(x), and a Shape -> Slice -> Concat target."""
    nodes = [
        node("Shape", ["x"], ["s"]),
        node("Gather", ["s", "zero"], ["n"], axis=0),
        node("Unsqueeze", ["n", "ax0"], ["n1"]),
        node("Concat", ["n1", "minus1"], ["t1"], axis=0),
        node("Reshape", ["x", "t1"], ["flat"]),
        node("Slice", ["s", "one", "two"], ["d1"]),
        node("Concat", ["n1", "d1", "c32"], ["t2"], axis=0),
        node("Reshape", ["x", "t2"], ["r"]),
        node("Cast", ["r"], ["split"], to=TensorProto.FLOAT),
    ]
    inits = [ints("zero", 0), ints("ax0", [0]), ints("minus1", [-1]),
             ints("one", [1]), ints("two", [2]), ints("c32", [3, 2])]

    def expect(x):
        return {"flat": x.reshape(x.shape[0], -1),
                "split": x.reshape(x.shape[0], 4, 3, 2)}
    return nodes, inits, [4, 6], expect, 13


def wide17():
    """Reductions long enough for the CPU's vector chunks and their
    remainders, x: [N, 12, 150]: inner rows of 150 (two 64-lane chunks and
    22 left), collapsed rows of 1800 and a dynamic N * 1800, outer
    reductions over the 12 channels and over the dynamic batch."""
    rng = np.random.default_rng(3)
    scale = rng.standard_normal(150).astype(np.float32)
    nodes = [
        node("ReduceMean", ["x"], ["mean"], axes=[-1], keepdims=0),
        node("Softmax", ["x"], ["softmax"], axis=-1),
        node("LayerNormalization", ["x", "scale"], ["ln"], axis=-1,
             epsilon=1e-5),
        node("ReduceSum", ["x", "rax"], ["rows"], keepdims=0),
        node("ReduceSum", ["x", "all"], ["total"]),
        node("LogSoftmax", ["x"], ["logsoftmax"], axis=1),
        node("ReduceMax", ["x"], ["maxn"], axes=[0], keepdims=0),
        node("ReduceMin", ["x"], ["minc"], axes=[1]),
    ]
    inits = [floats("scale", scale), ints("rax", [1, 2]),
             ints("all", [0, 1, 2])]

    def expect(x):
        x64 = x.astype(np.float64)
        last = x64 - x64.max(axis=-1, keepdims=True)
        chan = x64 - x64.max(axis=1, keepdims=True)
        mean = x64.mean(axis=-1, keepdims=True)
        var = ((x64 - mean) ** 2).mean(axis=-1, keepdims=True)
        return {
            "mean": x64.mean(axis=-1),
            "softmax": np.exp(last) / np.exp(last).sum(axis=-1,
                                                       keepdims=True),
            "ln": (x64 - mean) / np.sqrt(var + 1e-5) * scale,
            "rows": x64.sum(axis=(1, 2)),
            "total": x64.sum(keepdims=True),
            "logsoftmax": chan - np.log(np.exp(chan).sum(axis=1,
                                                         keepdims=True)),
            "maxn": x.max(axis=0),
            "minc": x.min(axis=1, keepdims=True),
        }
    return nodes, inits, [12, 150], expect, 17


def math17():
    """The functions the CPU back end computes with polynomial
    approximations on vectors (exp, log, tanh, erf, and sigmoid and GELU
    built on them), x: [N, 12, 150], each element checked against numpy
    (float64)."""
    from math import erf
    vector_erf = np.vectorize(erf)
    nodes = [
        node("Exp", ["x"], ["exp"]),
        node("Abs", ["x"], ["ax"]),
        node("Add", ["ax", "tenth"], ["pos"]),
        node("Log", ["pos"], ["log"]),
        node("Tanh", ["x"], ["tanh"]),
        node("Erf", ["x"], ["erf"]),
        node("Sigmoid", ["x"], ["sigmoid"]),
        node("Div", ["x", "sqrt2"], ["xs"]),
        node("Erf", ["xs"], ["exs"]),
        node("Add", ["exs", "one"], ["e1"]),
        node("Mul", ["x", "e1"], ["xe"]),
        node("Mul", ["xe", "half"], ["gelu"]),
    ]
    inits = [floats("tenth", 0.1), floats("sqrt2", np.sqrt(2.0)),
             floats("one", 1.0), floats("half", 0.5)]

    def expect(x):
        x64 = x.astype(np.float64)
        return {
            "exp": np.exp(x64),
            "log": np.log(np.abs(x64) + np.float32(0.1)),
            "tanh": np.tanh(x64),
            "erf": vector_erf(x64),
            "sigmoid": 1.0 / (1.0 + np.exp(-x64)),
            "gelu": 0.5 * x64 * (1.0 + vector_erf(x64 / np.sqrt(2.0))),
        }
    return nodes, inits, [12, 150], expect, 17


MODELS = {"movement": movement, "reduce11": reduce11, "norm17": norm17,
          "shapes": shapes, "wide17": wide17, "math17": math17}


def main():
    name, out = sys.argv[1], sys.argv[2]
    nodes, inits, dims, expect, opset = MODELS[name]()
    rng = np.random.default_rng(0)
    sample = expect(np.zeros([1] + dims, dtype=np.float32))
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N"] + dims)],
        [helper.make_tensor_value_info(k, TensorProto.FLOAT, None)
         for k in sample], inits)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    os.makedirs(out, exist_ok=True)
    onnx.save(model, os.path.join(out, "model.onnx"))
    for batch in (1, 3):
        x = rng.uniform(-3, 3, size=[batch] + dims).astype(np.float32)
        np.save(os.path.join(out, "x_b%d.npy" % batch), x)
        args = ["--input", "x=%s" % os.path.join(out, "x_b%d.npy" % batch)]
        for key, want in expect(x).items():
            path = os.path.join(out, "%s_b%d.npy" % (key, batch))
            np.save(path, np.ascontiguousarray(want, dtype=np.float32))
            args += ["--expect", "%s=%s" % (key, path)]
        with open(os.path.join(out, "args_b%d" % batch), "w") as f:
            f.write(" ".join(args))


if __name__ == "__main__":
    main()
