"""Checks rectify.compare against the rules rectify-run applies (the same
cases as test/unit/Support/CompareTest.cpp)."""

import math

import numpy as np

from rectify.compare import compare

nan, inf = math.nan, math.inf

assert compare([1, -2, 3], [1, -2, 3])["passed"]
assert compare([101.4], [100], atol=0.5, rtol=0.01)["passed"]
assert not compare([101.6], [100], atol=0.5, rtol=0.01)["passed"]

r = compare([0, 1.1, 5, 2.5], [0, 1, 2, 2], atol=0.2, rtol=0)
assert r["mismatches"] == 2 and r["worst_index"] == (2,), r
assert r["worst_got"] == 5 and r["worst_expected"] == 2, r

assert compare([nan, 1], [nan, 1], atol=1, rtol=1)["passed"]
assert compare([nan, 1], [0, 1], atol=1, rtol=1)["mismatches"] == 1
assert not compare([0], [nan], atol=1, rtol=1)["passed"]
assert compare([inf, -inf], [inf, -inf], atol=1, rtol=1)["passed"]
assert not compare([-inf], [inf], atol=1, rtol=1)["passed"]

assert compare([10, 0.009], [10, 0], max_rel=1e-3)["passed"]
r = compare([10, 0.02, 0.05], [10, 0, 0], max_rel=1e-3)
assert r["mismatches"] == 2 and r["worst_index"] == (2,), r

r = compare(np.zeros((2, 3)), np.eye(2, 3))
assert r["worst_index"] == (0, 0) and r["mismatches"] == 2, r
try:
    compare(np.zeros((2, 3)), np.zeros((3, 2)))
    raise AssertionError("shape mismatch not detected")
except ValueError as error:
    assert "shape mismatch" in str(error)
print("compare: OK")
