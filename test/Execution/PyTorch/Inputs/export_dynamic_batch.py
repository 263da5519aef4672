"""Exports a recurrent or attention network of export_sequence.py (opset 17,
dynamic batch) with inputs and PyTorch eager outputs (the oracle) for
batches 1 and 3 instead of that script's 1 and 4.

Usage: export_dynamic_batch.py MODEL OUTDIR
Writes OUTDIR/model.onnx and OUTDIR/{input,output}_b{1,3}.npy.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "Sequence", "Inputs"))

import export_sequence  # noqa: E402

if __name__ == "__main__":
    export_sequence.BATCHES = (1, 3)
    export_sequence.main()
