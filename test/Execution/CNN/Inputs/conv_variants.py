"""Compiles and runs one-layer convolution models against PyTorch eager.

Usage: conv_variants.py OUT_DIR [rectify-compile flags...]

Every variant is Conv2d (+ BatchNorm2d) (+ a residual input) + ReLU with its
own shape, chosen to reach each path of the in-place convolution schedule
(ConvImplicitGemm.cpp, rectify-cpu-tile-and-vectorize): RGB stems with fewer
input channels than the K unroll, input channels that leave a remainder,
filter counts that leave a channel remainder, output widths the row tile
does not divide, strides 2 and 3, dilation, unequal padding,
residual epilogues, a dynamic batch; 1x1 convs on wide rows, which
iterate the output rows with the pixels in the lanes (ConvPointwise.cpp;
names ending in _rows: 32-lane tiles with a 16-lane remainder, 16-lane
tiles with an 8-lane one); 3x3 unit-stride convs with 16 or more input
channels, which take F(4, 3) along the rows (ConvWinograd.cpp; names
ending in _winograd, plus the _residual ones): whole and partial tiles of
4 rows, unequal padding, 256 channels, a stride-1 ConvTranspose; two
shapes that take the GEMM
over a window matrix instead (the names ending in _gemm); and mobilenet_v2
blocks (names starting with ir_): pixels in the lanes on 56-wide rows, the
GEMM and its copy into the padded input on 28- and 13-wide planes, the
in-place conv on 7x7, stride 1 and 2. In the _fused ones the threaded
build runs the expand conv's filter blocks, the copy, the border fill and
the depthwise conv as one loop (28-wide) or the fill and the depthwise
conv as one (13-wide); the others' border fills are too small to run on
threads, so their loops stay apart. Prints one line per variant:
NAME: PASS or NAME: FAIL with rectify-run's output.
"""

import os
import subprocess
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..",
                                "python"))
from rectify.export import eager_outputs, export_onnx, save_npy  # noqa: E402


class ConvBlock(nn.Module):
    def __init__(self, c, f, k, stride=1, padding=0, dilation=1, norm=False,
                 residual=False):
        super().__init__()
        self.conv = nn.Conv2d(c, f, k, stride=stride, padding=padding,
                              dilation=dilation)
        self.norm = nn.BatchNorm2d(f) if norm else nn.Identity()
        self.residual = residual

    def forward(self, x):
        y = self.norm(self.conv(x))
        if self.residual:
            y = y + x
        return torch.relu(y)


class TransposeBlock(nn.Module):
    """ConvTranspose2d + ReLU: a stride-1 transposed 3x3 conv is a 3x3 conv
    of the padded input by the flipped weight, so it takes F(4, 3) too."""

    def __init__(self, c, f, k, padding=0):
        super().__init__()
        self.conv = nn.ConvTranspose2d(c, f, k, padding=padding)
        self.norm = nn.Identity()

    def forward(self, x):
        return torch.relu(self.conv(x))


class InvertedResidual(nn.Module):
    """mobilenet_v2's block: 1x1 expand + ReLU6, 3x3 depthwise + ReLU6, 1x1
    project (+ the input): the expand conv's filter blocks, the border fill
    and copy of the depthwise conv's padded input and the depthwise conv run
    as one parallel loop (rectify-cpu-fuse-parallel-loops)."""

    def __init__(self, c, expanded, f, stride=1):
        super().__init__()
        self.expand = nn.Conv2d(c, expanded, 1)
        self.depthwise = nn.Conv2d(expanded, expanded, 3, stride=stride,
                                   padding=1, groups=expanded)
        self.project = nn.Conv2d(expanded, f, 1)
        self.residual = stride == 1 and c == f
        self.norm = nn.Identity()

    def forward(self, x):
        y = torch.clamp(self.expand(x), 0, 6)
        y = torch.clamp(self.depthwise(y), 0, 6)
        y = self.project(y)
        return y + x if self.residual else y


# name: (module, input shape [C, H, W], batches, dynamic batch)
VARIANTS = {
    "rgb_stem_k7_s2": (ConvBlock(3, 64, 7, stride=2, padding=3, norm=True), [3, 38, 38], [1], False),
    "c5_f48_k3": (ConvBlock(5, 48, 3, padding=1), [5, 12, 15], [1], False),
    "c8_f20_gemm": (ConvBlock(8, 20, 3, padding=1), [8, 10, 10], [1], False),
    "c6_f64_k3_s2_w13": (ConvBlock(6, 64, 3, stride=2, padding=1), [6, 26, 26], [1], False),
    "c16_f48_dilation2": (ConvBlock(16, 48, 3, padding=2, dilation=2), [16, 17, 23], [1], False),
    "c12_f32_k1_s2": (ConvBlock(12, 32, 1, stride=2), [12, 16, 16], [1], False),
    "c8_f32_k3_s3_pads_1_2": (ConvBlock(8, 32, 3, stride=3, padding=(1, 2)), [8, 20, 19], [1], False),
    "c16_residual_w11": (ConvBlock(16, 16, 3, padding=1, norm=True, residual=True), [16, 9, 11], [1], False),
    "c32_residual_dynamic_batch": (ConvBlock(32, 32, 3, padding=1, norm=True, residual=True), [32, 14, 14], [1, 3], True),
    "c16_f32_k3_h8_w13_winograd": (ConvBlock(16, 32, 3, padding=1), [16, 8, 13], [1], False),
    "c18_f16_k3_pads_2_1_h7_winograd": (ConvBlock(18, 16, 3, padding=(2, 1)), [18, 5, 9], [1, 2], True),
    "transpose_c16_f32_k3_h9_winograd": (TransposeBlock(16, 32, 3), [16, 7, 10], [1], False),
    "c256_f32_k3_h6_winograd": (ConvBlock(256, 32, 3, padding=1, norm=True), [256, 6, 6], [1], False),
    "c64_f96_k1_w7": (ConvBlock(64, 96, 1), [64, 7, 7], [2], False),
    "c8_f32_k1_w20_gemm": (ConvBlock(8, 32, 1), [8, 20, 20], [1], False),
    "c16_f24_k1_w56_rows": (ConvBlock(16, 24, 1, norm=True), [16, 3, 56], [1], False),
    "c16_residual_k1_w112_rows": (ConvBlock(16, 16, 1, residual=True), [16, 2, 112], [1, 2], True),
    "ir_c24_e144_w56": (InvertedResidual(24, 144, 24), [24, 4, 56], [1], False),
    # The projection's input (144 x 34 x 56, 1.05 MiB per image) gets the
    # input-plane prefetches; batch 2 wraps them from one image into the next.
    "ir_c24_e144_h34_w56_dynamic_batch": (InvertedResidual(24, 144, 24), [24, 34, 56], [1, 2], True),
    "ir_c16_e96_w28_s2_fused": (InvertedResidual(16, 96, 24, stride=2), [16, 28, 28], [1], False),
    "ir_c24_e144_w13_fused": (InvertedResidual(24, 144, 24), [24, 13, 13], [1], False),
    "ir_c32_e192_w7": (InvertedResidual(32, 192, 32), [32, 7, 7], [1], False),
    "ir_c32_e192_w7_dynamic_batch": (InvertedResidual(32, 192, 32), [32, 7, 7], [1, 2], True),
}


def main():
    out = sys.argv[1]
    flags = sys.argv[2:]
    torch.manual_seed(7)
    rng = np.random.default_rng(7)
    for name, (module, shape, batches, dynamic) in VARIANTS.items():
        directory = os.path.join(out, name)
        os.makedirs(directory, exist_ok=True)
        module.eval()
        if isinstance(module.norm, nn.BatchNorm2d):
            with torch.no_grad():
                module.norm.running_mean.uniform_(-0.5, 0.5)
                module.norm.running_var.uniform_(0.5, 2.0)
                module.norm.weight.uniform_(0.5, 1.5)
                module.norm.bias.uniform_(-0.5, 0.5)
        model = os.path.join(directory, "model.onnx")
        example = torch.zeros([batches[0]] + shape)
        export_onnx(module, example, model, dynamic_batch=dynamic)
        library = os.path.join(directory, "libmodel.so")
        subprocess.run(["rectify-compile", model, "-o", library] + flags, check=True)
        for batch in batches:
            x = rng.standard_normal([batch] + shape).astype(np.float32)
            inputs = save_npy(directory, f"input_b{batch}", x)
            expected = save_npy(directory, f"logits_b{batch}", eager_outputs(module, x))
            run = subprocess.run(
                ["rectify-run", library, f"--input=input={inputs}",
                 f"--expect=logits={expected}", "--max-rel=1e-5"],
                capture_output=True, text=True)
            passed = run.returncode == 0 and "PASS" in run.stdout
            label = f"{name} b{batch}"
            print(f"{label}: PASS" if passed else
                  f"{label}: FAIL\n{run.stdout}{run.stderr}")


if __name__ == "__main__":
    main()
