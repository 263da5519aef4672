"""Exports the convolutional networks of the CNN execution tests.

Usage: export_cnn.py MODEL OUT_DIR [--size S] [--batches 1,4]

Writes OUT_DIR/model.onnx (torch.onnx.export, opset 17, dynamic batch,
BatchNormalization nodes kept), and for each batch B OUT_DIR/input_bB.npy and
OUT_DIR/logits_bB.npy, the PyTorch eager output (the oracle). Weights are
random with a fixed seed; BatchNorm statistics and affine parameters are
randomised too, so folding them is visible in the numbers. Torchvision models
are built without pretrained weights.
"""

import argparse
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..",
                                "python"))
from rectify.export import eager_outputs, save_npy  # noqa: E402


class CNN28(nn.Module):
    """Conv-BN-ReLU-MaxPool x 2, then Linear, for 1x28x28 inputs."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
            nn.MaxPool2d(2))
        self.classifier = nn.Linear(16 * 7 * 7, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class AutoEncoder(nn.Module):
    """Convolutional autoencoder for 1x28x28 inputs: ReLU inside, Sigmoid out."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU())
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1),
            nn.ReLU(),
            nn.ConvTranspose2d(8, 1, 3, stride=2, padding=1, output_padding=1),
            nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


def build(name):
    if name == "cnn28":
        return CNN28(), 1
    if name == "autoencoder":
        return AutoEncoder(), 1
    import torchvision.models as models
    if name == "resnet18":
        return models.resnet18(weights=None), 3
    if name == "mobilenet_v2":
        return models.mobilenet_v2(weights=None), 3
    if name == "squeezenet1_1":
        return models.squeezenet1_1(weights=None), 3
    raise SystemExit("unknown model " + name)


def randomise_batch_norms(module, generator):
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            c = m.num_features
            with torch.no_grad():
                m.weight.copy_(torch.rand(c, generator=generator) + 0.5)
                m.bias.copy_(torch.randn(c, generator=generator) * 0.1)
                m.running_mean.copy_(torch.randn(c, generator=generator) * 0.1)
                m.running_var.copy_(torch.rand(c, generator=generator) + 0.5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("out")
    parser.add_argument("--size", type=int, default=None)
    parser.add_argument("--batches", default="1,4")
    args = parser.parse_args()

    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(1)
    model, channels = build(args.model)
    randomise_batch_norms(model, generator)
    model.eval()
    size = args.size or (28 if channels == 1 else 224)

    example = torch.randn(1, channels, size, size, generator=generator)
    path = os.path.join(args.out, "model.onnx")
    with torch.no_grad():
        torch.onnx.export(
            model, (example,), path, opset_version=17,
            input_names=["input"], output_names=["logits"],
            dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
            training=torch.onnx.TrainingMode.PRESERVE,
            do_constant_folding=True)

    rng = np.random.default_rng(2)
    for batch in (int(b) for b in args.batches.split(",")):
        x = rng.standard_normal((batch, channels, size, size)).astype(np.float32)
        save_npy(args.out, "input_b%d" % batch, x)
        save_npy(args.out, "logits_b%d" % batch, eager_outputs(model, x))


if __name__ == "__main__":
    main()
