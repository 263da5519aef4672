"""Writes a small CNN with provably dead ReLU channels and its PyTorch oracle.

Usage: make_dead_cnn.py OUT_DIR

The model (input `input` [N, 3, 12, 12], per-channel box c0 in [0, 1],
c1 in [-1, 0], c2 in [0, 0.5]) is Conv(3->8, 3x3, pad 1) + ReLU, MaxPool 2,
Conv(8->6, 3x3) + ReLU, Flatten, Linear(96->10). Channels 1, 4 and 6 of the
first conv are dead on the box (weights that are <= 0 on the box, bias < 0;
channel 6 all-zero); channels 2 (all-zero) and 5 (negative weights on the
non-negative pooled ReLU outputs) of the second conv are dead too. Writes
OUT_DIR/model.onnx (opset 17, dynamic batch), OUT_DIR/input.npy (the two
extreme corners of the box, four random corners and ten random points) and
OUT_DIR/expected.npy, the eager PyTorch outputs of the unpruned model.
"""

import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..",
                                "python"))
from rectify.export import eager_outputs, save_npy  # noqa: E402

LOW = np.array([0.0, -1.0, 0.0], dtype=np.float32)
HIGH = np.array([1.0, 0.0, 0.5], dtype=np.float32)


def main():
    out = sys.argv[1]
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 6, 3), nn.ReLU(), nn.Flatten(), nn.Linear(96, 10))
    conv1, conv2 = model[0], model[3]
    with torch.no_grad():
        # Negative on the box: -|w| on the non-negative channels, +|w| on the
        # non-positive one.
        sign = torch.tensor([-1.0, 1.0, -1.0]).view(1, 3, 1, 1)
        for c in (1, 4):
            conv1.weight[c] = conv1.weight[c].abs() * sign[0]
            conv1.bias[c] = -0.05
        conv1.weight[6] = 0.0
        conv1.bias[6] = -0.3
        conv2.weight[2] = 0.0
        conv2.bias[2] = -0.1
        conv2.weight[5] = -conv2.weight[5].abs()
        conv2.bias[5] = -0.01
    model.eval()

    rng = np.random.default_rng(1)
    shape = (1, 3, 12, 12)
    low = np.broadcast_to(LOW.reshape(1, 3, 1, 1), shape)
    high = np.broadcast_to(HIGH.reshape(1, 3, 1, 1), shape)
    samples = [low, high]
    for _ in range(4):
        samples.append(np.where(rng.random(shape) < 0.5, low, high))
    for _ in range(10):
        samples.append(low + rng.random(shape) * (high - low))
    x = np.concatenate(samples).astype(np.float32)

    path = os.path.join(out, "model.onnx")
    with torch.no_grad():
        torch.onnx.export(
            model, (torch.from_numpy(x[:1]),), path, opset_version=17,
            input_names=["input"], output_names=["logits"],
            dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    save_npy(out, "input", x)
    save_npy(out, "expected", eager_outputs(model, x))


if __name__ == "__main__":
    main()
