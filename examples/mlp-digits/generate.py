"""Generates the bundled example: a 64-128-64-10 ReLU MLP trained on
scikit-learn's 8x8 digits (shipped with python3-sklearn, no download).

Writes, next to this script:
  model.onnx    the trained model (opset 17, input `input` [batch, 64],
                output `logits` [batch, 10], dynamic batch)
  input.npy     16 held-out digits, float32 [16, 64], pixels scaled to [0, 1]
  expected.npy  PyTorch eager logits for input.npy, float32 [16, 10]
  labels.npy    the true digits of input.npy, int64 [16]

Run with /usr/bin/python3 (torch, onnx, numpy, sklearn). Deterministic
(fixed seeds); re-running rewrites the files.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from torch import nn  # noqa: E402

from rectify.export import eager_outputs, export_onnx, save_npy  # noqa: E402

NUM_EXAMPLES = 16


def main():
    torch.manual_seed(0)
    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    y = digits.target.astype(np.int64)
    order = np.random.default_rng(0).permutation(len(x))
    train, test = order[:1500], order[1500:]

    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64),
                          nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    xt, yt = torch.from_numpy(x[train]), torch.from_numpy(y[train])
    for _ in range(150):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(xt), yt)
        loss.backward()
        optimizer.step()

    model.eval()
    held_out = eager_outputs(model, x[test]).argmax(axis=1)
    print("held-out accuracy: %.3f on %d digits"
          % ((held_out == y[test]).mean(), len(test)))

    export_onnx(model, torch.zeros(2, 64), os.path.join(HERE, "model.onnx"))
    examples = x[test[:NUM_EXAMPLES]]
    save_npy(HERE, "input", examples)
    save_npy(HERE, "expected", eager_outputs(model, examples))
    save_npy(HERE, "labels", y[test[:NUM_EXAMPLES]])


if __name__ == "__main__":
    main()
