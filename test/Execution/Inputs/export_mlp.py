"""Builds a PyTorch MLP with a fixed seed, exports it to ONNX (opset 17,
dynamic batch) and saves inputs and PyTorch eager outputs (the oracle).

Usage: export_mlp.py MODEL OUTDIR [--batches B ...]
Writes OUTDIR/model.onnx and, for each batch B (default 1, 7, 64),
OUTDIR/input_bB.npy and OUTDIR/logits_bB.npy. The graph input is named
`input` and the output `logits`.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "python"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from rectify.export import eager_outputs, export_onnx, save_npy  # noqa: E402

BATCHES = (1, 7, 64)


def prelu_channel(width):
    act = nn.PReLU(num_parameters=width)
    with torch.no_grad():
        act.weight.uniform_(0.05, 0.5)  # distinct per-channel slopes
    return act


def prelu_single(width):
    act = nn.PReLU(num_parameters=1)
    with torch.no_grad():
        act.weight.uniform_(0.05, 0.5)  # one slope per layer, all different
    return act


# name -> (layer widths, activation factory taking the layer width)
MODELS = {
    "relu": ((32, 64, 64, 10), lambda w: nn.ReLU()),
    "leaky_relu": ((32, 64, 64, 10), lambda w: nn.LeakyReLU(0.1)),
    "prelu_channel": ((32, 64, 64, 10), prelu_channel),
    "prelu_single": ((32, 64, 64, 10), prelu_single),
    "gelu": ((32, 64, 64, 10), lambda w: nn.GELU()),
    "sigmoid": ((32, 64, 64, 10), lambda w: nn.Sigmoid()),
    "tanh": ((32, 64, 64, 10), lambda w: nn.Tanh()),
    "mlp784": ((784, 512, 512, 10), lambda w: nn.ReLU()),
    # A first layer deep enough (x: 128 x 3072, 1.5 MiB) to be split along K.
    "deep": ((3072, 96, 10), lambda w: nn.ReLU()),
}


def build(name):
    widths, activation = MODELS[name]
    torch.manual_seed(0)
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(widths[:-1], widths[1:])):
        layers.append(nn.Linear(fan_in, fan_out))
        if i + 2 < len(widths):
            layers.append(activation(fan_out))
    return nn.Sequential(*layers), widths[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", choices=sorted(MODELS))
    parser.add_argument("outdir")
    parser.add_argument("--batches", type=int, nargs="+", default=BATCHES)
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)

    module, features = build(args.model)
    module.eval()
    export_onnx(module, torch.zeros(2, features),
                os.path.join(args.outdir, "model.onnx"))
    rng = np.random.default_rng(1)
    for batch in args.batches:
        x = rng.standard_normal((batch, features)).astype(np.float32)
        save_npy(args.outdir, "input_b%d" % batch, x)
        save_npy(args.outdir, "logits_b%d" % batch, eager_outputs(module, x))


if __name__ == "__main__":
    main()
