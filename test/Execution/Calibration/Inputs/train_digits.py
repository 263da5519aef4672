"""Trains a 64-256-256-10 ReLU MLP on scikit-learn's bundled 8x8 digits with a
learning rate high enough that hidden units die, exports it to ONNX (opset 17,
dynamic batch) and saves the data the calibration test needs.

Usage: train_digits.py OUTDIR
Writes OUTDIR/model.onnx; calib.npy, calib_logits.npy (PyTorch eager logits,
the oracle); test.npy, test_labels.npy, test_logits.npy; dead.json with, per
hidden layer, the indices of the units that never fire (output <= 0 on every
calibration sample, computed in PyTorch) and PyTorch's test accuracy.
Deterministic (fixed seeds, one thread); trains in a few seconds.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "..", "python"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from torch import nn  # noqa: E402

from rectify.export import eager_outputs, export_onnx, save_npy  # noqa: E402

WIDTHS = (64, 256, 256, 10)
LEARNING_RATE = 0.03  # Adam; high enough that a share of the ReLUs die
EPOCHS = 30
BATCH = 100


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    torch.set_num_threads(1)
    torch.manual_seed(0)
    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    y = digits.target.astype(np.int64)
    order = np.random.default_rng(0).permutation(len(x))
    train, calib, test = order[:1000], order[1000:1400], order[1400:]

    model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256),
                          nn.ReLU(), nn.Linear(256, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    xt, yt = torch.from_numpy(x[train]), torch.from_numpy(y[train])
    shuffle = torch.Generator().manual_seed(0)
    for _ in range(EPOCHS):
        perm = torch.randperm(len(xt), generator=shuffle)
        for start in range(0, len(xt), BATCH):
            idx = perm[start:start + BATCH]
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(xt[idx]), yt[idx]).backward()
            optimizer.step()
    model.eval()

    # Units that never fire on the calibration set, per hidden layer.
    dead = []
    with torch.no_grad():
        h = torch.from_numpy(x[calib])
        for layer in model:
            h = layer(h)
            if isinstance(layer, nn.ReLU):
                dead.append([int(i) for i in
                             torch.nonzero((h <= 0).all(dim=0)).flatten()])
    total = sum(len(d) for d in dead)
    test_logits = eager_outputs(model, x[test])
    accuracy = float((test_logits.argmax(axis=1) == y[test]).mean())
    print("never firing on calibration: %s, total %d of %d"
          % (" ".join(str(len(d)) for d in dead), total,
             sum(WIDTHS[1:-1])))
    print("pytorch test accuracy: %.4f" % accuracy)
    assert total > 0, "no hidden unit died; raise the learning rate"

    export_onnx(model, torch.zeros(2, 64), os.path.join(outdir, "model.onnx"))
    save_npy(outdir, "calib", x[calib])
    save_npy(outdir, "calib_logits", eager_outputs(model, x[calib]))
    save_npy(outdir, "test", x[test])
    save_npy(outdir, "test_labels", y[test])
    save_npy(outdir, "test_logits", test_logits)
    with open(os.path.join(outdir, "dead.json"), "w") as f:
        json.dump({"dead": dead, "accuracy": accuracy}, f)


if __name__ == "__main__":
    main()
