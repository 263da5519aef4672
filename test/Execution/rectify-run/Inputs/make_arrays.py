"""Writes the .npy files the rectify-run tests use into OUTDIR.

x.npy      4x3 float32, 0..11          y.npy     2 * x
ybad.npy   2 * x with [2, 1] off by 0.5
xnan.npy   x with NaN at [1, 0]        ynan.npy  2 * xnan
x2.npy     4x2 float32 (wrong width)   x64.npy   x as float64
xfortran.npy  x saved in Fortran order  yt.npy   (2 * x).T (3x4)
a.npy, b.npy  3x2 float32 for the two-input model; b5.npy 5x2
notnpy.npy a text file
"""

import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def save(name, array):
    np.save(os.path.join(out, name + ".npy"), array)


x = np.arange(12, dtype=np.float32).reshape(4, 3)
save("x", x)
save("y", 2 * x)
bad = 2 * x
bad[2, 1] += 0.5
save("ybad", bad)
xnan = x.copy()
xnan[1, 0] = np.nan
save("xnan", xnan)
save("ynan", 2 * xnan)
save("x2", np.ones((4, 2), dtype=np.float32))
save("x64", x.astype(np.float64))
save("xfortran", np.asfortranarray(x))
save("yt", np.ascontiguousarray((2 * x).T))
save("a", np.arange(6, dtype=np.float32).reshape(3, 2))
save("b", np.full((3, 2), 10, dtype=np.float32))
save("b5", np.ones((5, 2), dtype=np.float32))
with open(os.path.join(out, "notnpy.npy"), "w") as f:
    f.write("not a numpy file\n")
