"""Builds a recurrent or attention network with random weights (fixed seed),
exports it to ONNX (opset 17, dynamic batch) and saves inputs and PyTorch
eager outputs (the oracle).

Usage: export_sequence.py MODEL OUTDIR
Writes OUTDIR/model.onnx and, for each batch B in 1, 4, OUTDIR/input_bB.npy
and OUTDIR/output_bB.npy. The graph input is named `input` ([B, T, F],
batch first) and the output `output`.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "..", "python"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from rectify.export import eager_outputs, save_npy  # noqa: E402

BATCHES = (1, 4)
SEQ_LENGTH = 10
FEATURES = 8
HIDDEN = 16
CLASSES = 5


class RNNClassifier(nn.Module):
    """nn.RNN over the sequence, then nn.Linear on the last step's output."""

    def __init__(self, num_layers=1, bidirectional=False):
        super().__init__()
        self.rnn = nn.RNN(FEATURES, HIDDEN, num_layers=num_layers,
                          nonlinearity="relu", batch_first=True,
                          bidirectional=bidirectional)
        directions = 2 if bidirectional else 1
        self.fc = nn.Linear(directions * HIDDEN, CLASSES)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.fc(y[:, -1, :])


def transformer():
    return nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64,
                                      dropout=0.1, activation="relu",
                                      batch_first=True)


# name -> (factory, sequence length, features)
MODELS = {
    "rnn_relu": (lambda: RNNClassifier(), SEQ_LENGTH, FEATURES),
    "rnn_relu_2layer": (lambda: RNNClassifier(num_layers=2), SEQ_LENGTH,
                        FEATURES),
    "rnn_relu_bidirectional": (lambda: RNNClassifier(bidirectional=True),
                               SEQ_LENGTH, FEATURES),
    "transformer": (transformer, 8, 32),
}


def export(module, example, path):
    # Exported with autograd enabled: in eval mode under no_grad, PyTorch
    # 1.13 routes TransformerEncoderLayer through a fused kernel
    # (_transformer_encoder_layer_fwd) that has no ONNX export.
    torch.onnx.export(module, (example,), path, opset_version=17,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"},
                                    "output": {0: "batch"}},
                      do_constant_folding=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", choices=sorted(MODELS))
    parser.add_argument("outdir")
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)

    factory, length, features = MODELS[args.model]
    torch.manual_seed(0)
    module = factory()
    module.eval()
    export(module, torch.zeros(2, length, features),
           os.path.join(args.outdir, "model.onnx"))
    rng = np.random.default_rng(1)
    for batch in BATCHES:
        x = rng.standard_normal((batch, length, features)).astype(np.float32)
        save_npy(args.outdir, "input_b%d" % batch, x)
        save_npy(args.outdir, "output_b%d" % batch, eager_outputs(module, x))


if __name__ == "__main__":
    main()
