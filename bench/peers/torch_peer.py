"""PyTorch eager peer: rebuilds a benchmark model from its saved module and
times it on random inputs; prints latency statistics as JSON.

usage: torch_peer.py MODULE.pt THREADS RUNS WARMUP DxD... (one shape per input)
Thread counts are fixed through the environment by the caller
(OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, MKL_NUM_THREADS) before torch loads.
"""
import json
import statistics
import sys
import time

import torch


def main():
    module_path, threads, runs, warmup, *shapes = sys.argv[1:]
    torch.set_num_threads(int(threads))
    model = torch.load(module_path).eval()
    inputs = [torch.sin(torch.arange(int(torch.tensor([int(d) for d in s.split("x")]).prod()),
                                     dtype=torch.float32)).reshape([int(d) for d in s.split("x")]) * 0.5
              for s in shapes]
    with torch.no_grad():
        for _ in range(int(warmup)):
            model(*inputs)
        times = []
        for _ in range(int(runs)):
            start = time.perf_counter()
            model(*inputs)
            times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    print(json.dumps({"median_ms": statistics.median(times), "min_ms": times[0],
                      "max_ms": times[-1]}))


if __name__ == "__main__":
    main()
