"""Calls a compiled model's C entry point many times, from several threads at
once, with batches in an order that grows and shrinks every intermediate
buffer, and checks every output against the PyTorch oracle. The compiled code
reuses its freed buffers between calls (BlockCache.c): a block handed to a
larger request, or to two callers at once, shows up as a wrong output.

Usage: repeated_calls.py LIBRARY DIR THREADS ROUNDS
DIR holds input_bB.npy / logits_bB.npy for B in 1, 7, 64 (export_mlp.py).
"""

import ctypes
import sys
import threading

import numpy as np

MAX_RANK = 8
BATCH_ORDER = (64, 1, 7, 64, 7, 1)


class Tensor(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("rank", ctypes.c_int32),
                ("shape", ctypes.c_int64 * MAX_RANK)]


def tensor(array):
    t = Tensor()
    t.data = array.ctypes.data
    t.rank = array.ndim
    for d, extent in enumerate(array.shape):
        t.shape[d] = extent
    return t


def main():
    library, directory, threads, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    model = ctypes.CDLL(library)
    model.rectify_model_run.restype = ctypes.c_int
    cases = {b: (np.load(f"{directory}/input_b{b}.npy"), np.load(f"{directory}/logits_b{b}.npy"))
             for b in set(BATCH_ORDER)}
    failures = []
    calls = [0]
    lock = threading.Lock()

    def worker(offset):
        for r in range(rounds):
            for i in range(len(BATCH_ORDER)):
                batch = BATCH_ORDER[(i + offset + r) % len(BATCH_ORDER)]
                x, want = cases[batch]
                got = np.full_like(want, np.nan)
                error = ctypes.create_string_buffer(256)
                status = model.rectify_model_run(ctypes.byref(tensor(x)), ctypes.byref(tensor(got)),
                                                 error, len(error))
                worst = float(np.max(np.abs(got - want)) / np.max(np.abs(want)))
                with lock:
                    calls[0] += 1
                    if status != 0 or not worst <= 1e-5:
                        failures.append(f"batch {batch}: status {status} {error.value!r}, max-rel {worst}")

    pool = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    for failure in failures[:5]:
        print("FAIL", failure)
    print(f"{calls[0]} calls, {len(failures)} wrong")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
