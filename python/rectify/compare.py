"""The numerical check of ``rectify-run --expect``, in numpy.

Elementwise: ``|got - want| <= atol + rtol * |want|``; whole tensor:
``max |got - want| <= max_rel * max |want|``. NaN matches only NaN and an
infinity only the same infinity.
"""

import numpy as np


def compare(got, want, atol=None, rtol=None, max_rel=None):
    """Returns a dict: passed, mismatches, max_abs_error, max_abs_expected,
    worst_index (a tuple, or None), worst_got, worst_expected."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        raise ValueError("shape mismatch: got %s, expected %s"
                         % (got.shape, want.shape))
    if atol is None and rtol is None and max_rel is None:
        atol, rtol = 1e-5, 1e-5
    finite = np.isfinite(got) & np.isfinite(want)
    nonfinite_ok = np.where(np.isnan(want), np.isnan(got), got == want)
    with np.errstate(invalid="ignore"):
        error = np.where(finite, np.abs(got - want), np.inf)
    error = np.where(~finite & nonfinite_ok, 0.0, error)
    bad = ~finite & ~nonfinite_ok
    max_abs_expected = float(np.max(np.abs(want[finite]), initial=0.0))
    if atol is not None or rtol is not None:
        bound = (atol or 0.0) + (rtol or 0.0) * np.abs(want)
        bad |= finite & (error > bound)
    if max_rel is not None:
        bad |= finite & (error > max_rel * max_abs_expected)
    result = {
        "passed": not bad.any(),
        "mismatches": int(bad.sum()),
        "max_abs_error": float(np.max(error[finite], initial=0.0)),
        "max_abs_expected": max_abs_expected,
        "worst_index": None, "worst_got": None, "worst_expected": None,
    }
    if got.size:
        scores = np.where(bad, error, -1.0) if bad.any() else \
            np.where(finite, error, -1.0)
        index = np.unravel_index(int(np.argmax(scores)), got.shape)
        result.update(worst_index=tuple(int(i) for i in index),
                      worst_got=float(got[index]),
                      worst_expected=float(want[index]))
    return result
