"""Python helpers for Rectify's tests, examples and scripts.

- :mod:`rectify.export`: export PyTorch modules to ONNX and save test cases.
- :mod:`rectify.compare`: the numerical check ``rectify-run --expect`` does.
- :mod:`rectify.onnx_testdata`: read ONNX backend node tests as numpy arrays.
"""
