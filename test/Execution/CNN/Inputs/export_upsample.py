"""Exports the resampling network of the upsample execution test.

Usage: export_upsample.py OUT_DIR [--batches 1,4]

A conv + ReLU feeding five resampling heads, each its own output:
nn.Upsample(scale_factor=2, mode='nearest'), F.interpolate bilinear with
align_corners False and True, bilinear to a fixed size (11, 7) (exported as
a Shape/Slice/Concat sizes sub-graph around the dynamic batch) and bicubic.
Writes OUT_DIR/model.onnx (torch.onnx.export, opset 17, dynamic batch), and
for each batch B OUT_DIR/input_bB.npy and OUT_DIR/<head>_bB.npy, the PyTorch
eager outputs (the oracle). Weights are random with a fixed seed.
"""

import argparse
import os
import sys

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..",
                                "python"))
from rectify.export import save_npy  # noqa: E402

HEADS = ["nearest", "bilinear", "aligned", "sized", "bicubic"]


class UpsampleNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")

    def forward(self, x):
        y = torch.relu(self.conv(x))
        return (self.up(y),
                F.interpolate(y, scale_factor=2, mode="bilinear",
                              align_corners=False),
                F.interpolate(y, scale_factor=2, mode="bilinear",
                              align_corners=True),
                F.interpolate(y, size=(11, 7), mode="bilinear",
                              align_corners=False),
                F.interpolate(y, scale_factor=2, mode="bicubic",
                              align_corners=False))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--batches", default="1,4")
    args = parser.parse_args()

    torch.manual_seed(0)
    model = UpsampleNet().eval()
    example = torch.randn(1, 3, 6, 5)
    dynamic = {"input": {0: "batch"}}
    dynamic.update({head: {0: "batch"} for head in HEADS})
    with torch.no_grad():
        torch.onnx.export(model, (example,), os.path.join(args.out, "model.onnx"),
                          opset_version=17, input_names=["input"],
                          output_names=HEADS, dynamic_axes=dynamic,
                          do_constant_folding=True)

    rng = np.random.default_rng(2)
    for batch in (int(b) for b in args.batches.split(",")):
        x = rng.standard_normal((batch, 3, 6, 5)).astype(np.float32)
        save_npy(args.out, "input_b%d" % batch, x)
        with torch.no_grad():
            outputs = model(torch.from_numpy(x))
        for head, out in zip(HEADS, outputs):
            save_npy(args.out, "%s_b%d" % (head, batch),
                     out.numpy().astype(np.float32))


if __name__ == "__main__":
    main()
