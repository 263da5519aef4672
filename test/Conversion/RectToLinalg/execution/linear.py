# rect.linear with every epilogue, lowered and run, against PyTorch (float64).
#
# RUN: %python %s gen > %t.mlir
# RUN: rectify-opt %t.mlir -convert-rect-to-linalg -o %t.linalg.mlir
# RUN: %mlir_opt %t.linalg.mlir %lower_linalg_to_llvm -o %t.llvm.mlir
# RUN: %mlir_runner %t.llvm.mlir -e main -entry-point-result=void -shared-libs=%mlir_runner_libs > %t.out
# RUN: %python %s check < %t.out | FileCheck %s
# CHECK: 0 of {{[0-9]+}} cases failed

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "Inputs"))
from harness import Case, main, tensor_type  # noqa: E402

rng = np.random.default_rng(11)
M, K, N = 5, 7, 6
x = rng.uniform(-2.0, 2.0, size=(M, K)).astype(np.float32)
w = rng.uniform(-1.0, 1.0, size=(N, K)).astype(np.float32)
b = rng.uniform(-1.0, 1.0, size=(N,)).astype(np.float32)
slope = rng.uniform(-0.5, 0.5, size=(N,)).astype(np.float32)


def t(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float64))


def hard_sigmoid(v, alpha, beta):
    return torch.clamp(alpha * v + beta, 0.0, 1.0)


# (name, #rect.act text, reference on x W^T + b)
activations = [
    ("none", "none", lambda v: v),
    ("relu", "relu", F.relu),
    ("relu6", "relu6", F.relu6),
    ("leaky_relu", "leaky_relu alpha = 0.2", lambda v: F.leaky_relu(v, 0.2)),
    ("clip", "clip min = -0.5, max = 1.0", lambda v: torch.clamp(v, -0.5, 1.0)),
    ("clip_max_only", "clip max = 1.0", lambda v: torch.clamp(v, max=1.0)),
    ("elu", "elu alpha = 0.7", lambda v: F.elu(v, 0.7)),
    ("selu", "selu", F.selu),
    ("sigmoid", "sigmoid", torch.sigmoid),
    ("tanh", "tanh", torch.tanh),
    ("gelu", "gelu", F.gelu),
    ("gelu_tanh", "gelu_tanh", lambda v: F.gelu(v, approximate="tanh")),
    ("silu", "silu", F.silu),
    ("softplus", "softplus", F.softplus),
    ("hard_sigmoid", "hard_sigmoid", lambda v: hard_sigmoid(v, 0.2, 0.5)),
    ("hard_swish", "hard_swish", F.hardswish),
]

cases = []
xt, wt, bt = t(x), t(w), t(b)
for name, act, reference in activations:
    kernel = (
        "func.func @linear_%s(%%x: tensor<?x%dxf32>, %%w: tensor<%dx%dxf32>, "
        "%%b: tensor<%dxf32>) -> tensor<?x%dxf32> {\n"
        "  %%y = rect.linear %%x, %%w bias(%%b) {activation = #rect.act<%s>} : "
        "(tensor<?x%dxf32>, tensor<%dx%dxf32>, tensor<%dxf32>) -> "
        "tensor<?x%dxf32>\n"
        "  return %%y : tensor<?x%dxf32>\n}"
        % (name, K, N, K, N, N, act, K, N, K, N, N, N))
    cases.append(Case("linear_" + name, kernel, [x, w, b],
                      reference(F.linear(xt, wt, bt)).numpy(),
                      dynamic=[(0,), (), ()]))

# No bias, no activation: the bare matmul.
cases.append(Case(
    "linear_plain",
    "func.func @linear_plain(%%x: tensor<%dx%dxf32>, %%w: tensor<%dx%dxf32>) "
    "-> tensor<%dx%dxf32> {\n"
    "  %%y = rect.linear %%x, %%w : (tensor<%dx%dxf32>, tensor<%dx%dxf32>) -> "
    "tensor<%dx%dxf32>\n  return %%y : tensor<%dx%dxf32>\n}"
    % (M, K, N, K, M, N, M, K, N, K, M, N, M, N),
    [x, w], F.linear(xt, wt).numpy()))

# prelu with a per-feature slope, and with a scalar bias.
cases.append(Case(
    "linear_prelu",
    "func.func @linear_prelu(%%x: tensor<%dx%dxf32>, %%w: tensor<%dx%dxf32>, "
    "%%b: tensor<f32>, %%s: tensor<%dxf32>) -> tensor<%dx%dxf32> {\n"
    "  %%y = rect.linear %%x, %%w bias(%%b) slope(%%s) "
    "{activation = #rect.act<prelu>} : (tensor<%dx%dxf32>, tensor<%dx%dxf32>, "
    "tensor<f32>, tensor<%dxf32>) -> tensor<%dx%dxf32>\n"
    "  return %%y : tensor<%dx%dxf32>\n}"
    % (M, K, N, K, N, M, N, M, K, N, K, N, M, N, M, N),
    [x, w, np.float32(0.25), slope],
    F.prelu(F.linear(xt, wt) + 0.25, t(slope)).numpy()))

# Rank-3 input with a dynamic batch, bias of shape [1].
x3 = rng.uniform(-2.0, 2.0, size=(2, 3, K)).astype(np.float32)
b1 = np.array([0.5], dtype=np.float32)
cases.append(Case(
    "linear_rank3",
    "func.func @linear_rank3(%%x: tensor<?x3x%dxf32>, %%w: tensor<%dx%dxf32>, "
    "%%b: tensor<1xf32>) -> tensor<?x3x%dxf32> {\n"
    "  %%y = rect.linear %%x, %%w bias(%%b) {activation = #rect.act<silu>} : "
    "(tensor<?x3x%dxf32>, tensor<%dx%dxf32>, tensor<1xf32>) -> "
    "tensor<?x3x%dxf32>\n  return %%y : tensor<?x3x%dxf32>\n}"
    % (K, N, K, N, K, N, K, N, N),
    [x3, w, b1], F.silu(F.linear(t(x3), wt) + 0.5).numpy(),
    dynamic=[(0,), (), ()]))

# Rank-1 input.
x1 = x[0]
cases.append(Case(
    "linear_rank1",
    "func.func @linear_rank1(%%x: tensor<%dxf32>, %%w: tensor<%dx%dxf32>, "
    "%%b: tensor<%dxf32>) -> tensor<%dxf32> {\n"
    "  %%y = rect.linear %%x, %%w bias(%%b) {activation = #rect.act<tanh>} : "
    "(tensor<%dxf32>, tensor<%dx%dxf32>, tensor<%dxf32>) -> tensor<%dxf32>\n"
    "  return %%y : tensor<%dxf32>\n}"
    % (K, N, K, N, N, K, N, K, N, N, N),
    [x1, w, b], torch.tanh(F.linear(t(x1), wt, bt)).numpy()))

if __name__ == "__main__":
    sys.exit(main(cases))
