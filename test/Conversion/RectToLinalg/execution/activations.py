# Activations and unary functions, lowered and run, against PyTorch (float64).
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

rng = np.random.default_rng(7)
# Random values, plus the edges: zero, large magnitudes, tiny ones.
x = np.concatenate([
    rng.uniform(-8.0, 8.0, size=40),
    [0.0, -0.0, 1e-4, -1e-4, 30.0, -30.0, 90.0, -90.0],
]).astype(np.float32).reshape(6, 8)
x_nan = np.array([[np.nan, -1.0, 2.0, 7.0]], dtype=np.float32)


def t(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float64))


def unary(name, op, reference, inputs=x, attrs="", dynamic=False):
    shape = inputs.shape
    dyn = (0,) if dynamic else ()
    ty = tensor_type(shape, dyn)
    kernel = (
        "func.func @%s(%%x: %s) -> %s {\n"
        "  %%0 = rect.%s %%x%s : %s\n"
        "  return %%0 : %s\n}" % (name, ty, ty, op,
                                  " {%s}" % attrs if attrs else "", ty, ty))
    expected = reference(t(inputs)).numpy()
    return Case(name, kernel, [inputs], expected, dynamic=[dyn])


def hard_sigmoid(v, alpha, beta):
    return torch.clamp(alpha * v + beta, 0.0, 1.0)


cases = [
    unary("relu", "relu", F.relu, dynamic=True),
    unary("relu6", "relu6", F.relu6),
    unary("sigmoid", "sigmoid", torch.sigmoid),
    unary("tanh", "tanh", torch.tanh),
    unary("silu", "silu", F.silu, dynamic=True),
    unary("softplus", "softplus", F.softplus),
    unary("hard_swish", "hard_swish", F.hardswish),
    unary("leaky_relu", "leaky_relu", lambda v: F.leaky_relu(v, 0.1),
          attrs="alpha = 0.1 : f32"),
    unary("leaky_relu_default", "leaky_relu", lambda v: F.leaky_relu(v, 0.01)),
    unary("clip", "clip", lambda v: torch.clamp(v, -1.5, 2.5),
          attrs="min = -1.5 : f32, max = 2.5 : f32"),
    unary("clip_min_only", "clip", lambda v: torch.clamp(v, min=-1.5),
          attrs="min = -1.5 : f32"),
    unary("elu", "elu", lambda v: F.elu(v, 0.5), attrs="alpha = 0.5 : f32"),
    unary("selu", "selu", F.selu),
    unary("gelu", "gelu", F.gelu),
    unary("gelu_tanh", "gelu", lambda v: F.gelu(v, approximate="tanh"),
          attrs='approximate = "tanh"'),
    unary("hard_sigmoid", "hard_sigmoid", lambda v: hard_sigmoid(v, 0.2, 0.5)),
    unary("hard_sigmoid_params", "hard_sigmoid",
          lambda v: hard_sigmoid(v, 0.25, 0.375),
          attrs="alpha = 0.25 : f32, beta = 0.375 : f32"),
    unary("exp", "exp", torch.exp,
          inputs=np.clip(x, -20.0, 20.0).astype(np.float32)),
    unary("abs", "abs", torch.abs),
    unary("neg", "neg", torch.neg),
    unary("erf", "erf", torch.erf),
    unary("sqrt", "sqrt", torch.sqrt, inputs=np.abs(x)),
    # NaN propagates through the max/min based kinds, as in PyTorch.
    unary("relu_nan", "relu", F.relu, inputs=x_nan),
    unary("relu6_nan", "relu6", F.relu6, inputs=x_nan),
    unary("clip_nan", "clip", lambda v: torch.clamp(v, 0.0, 1.0),
          inputs=x_nan, attrs="min = 0.0 : f32, max = 1.0 : f32"),
    unary("leaky_relu_nan", "leaky_relu", lambda v: F.leaky_relu(v, 0.01),
          inputs=x_nan),
]

# prelu: a per-channel slope [C, 1] over [N, C, W] with a dynamic batch.
xp = rng.uniform(-4.0, 4.0, size=(2, 3, 5)).astype(np.float32)
slope = np.array([[0.1], [-0.5], [2.0]], dtype=np.float32)
cases.append(Case(
    "prelu",
    "func.func @prelu(%x: tensor<?x3x5xf32>, %s: tensor<3x1xf32>) "
    "-> tensor<?x3x5xf32> {\n"
    "  %0 = rect.prelu %x, %s : tensor<?x3x5xf32>, tensor<3x1xf32> "
    "-> tensor<?x3x5xf32>\n"
    "  return %0 : tensor<?x3x5xf32>\n}",
    [xp, slope],
    torch.where(t(xp) >= 0, t(xp), t(slope) * t(xp)).numpy(),
    dynamic=[(0,), ()]))

if __name__ == "__main__":
    sys.exit(main(cases))
