"""Exporting PyTorch modules to ONNX and saving test cases as .npy files."""

import os

import numpy as np


def export_onnx(module, example, path, input_name="input", output_name="logits",
                opset=17, dynamic_batch=True):
    """Exports ``module`` (in eval mode) to ``path``.

    ``example`` is one example input tensor. With ``dynamic_batch`` the first
    axis of the input and the output is named ``batch`` (dynamic).
    """
    import torch

    module.eval()
    dynamic_axes = None
    if dynamic_batch:
        dynamic_axes = {input_name: {0: "batch"}, output_name: {0: "batch"}}
    with torch.no_grad():
        torch.onnx.export(module, (example,), path, opset_version=opset,
                          input_names=[input_name], output_names=[output_name],
                          dynamic_axes=dynamic_axes, do_constant_folding=True)


def eager_outputs(module, inputs):
    """Runs ``module`` eagerly on a float32 numpy array; returns float32."""
    import torch

    module.eval()
    with torch.no_grad():
        out = module(torch.from_numpy(np.ascontiguousarray(inputs)))
    return out.numpy().astype(np.float32)


def save_npy(directory, name, array):
    """Saves ``array`` as C-order ``directory/name.npy``; returns the path."""
    path = os.path.join(directory, name + ".npy")
    np.save(path, np.array(array, order="C"))
    return path
