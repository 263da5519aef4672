#!/usr/bin/python3
"""Rectify's benchmark suite: fused linear layers and whole networks against
onnxruntime, PyTorch eager and oneDNN, all measured in the same run.

Every workload is measured by each peer in turn, repeated --repeats times
(interleaved, so drift in machine load hits all peers alike); a peer's figure
is the median over repeats of its per-repeat median latency, with the min and
max single-run latency as the spread. Ratios compare figures from this run
only. Run through bench/run.sh, which installs and builds what is needed.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))

LAYERS = [(1, 784, 512), (64, 784, 512), (256, 1024, 1024), (1024, 1024, 1024),
          (128, 4096, 4096), (1, 4096, 4096)]
MLPS = [("mlp 784-512-512-10", [784, 512, 512, 10], [1, 64]),
        ("wide mlp 1024-4096-4096-1024", [1024, 4096, 4096, 1024], [1, 128])]
# Multiply-adds x 2 per image at 224x224 (torchvision's published figures).
CNNS = [("resnet18", 1), ("mobilenet_v2", 1), ("squeezenet1_1", 1), ("resnet18", 8)]
CNN_GFLOPS = {"resnet18": 3.64, "mobilenet_v2": 0.60, "squeezenet1_1": 0.70}
# Compile time and peak compiler memory, .onnx to .so (targets: 30 s, 90 s).
COMPILE_MODELS = ["resnet18", "resnet50"]
THREADS = [1, 2]


def run_json(cmd, env=None):
    merged = dict(os.environ)
    merged.update(env or {})
    out = subprocess.run(cmd, capture_output=True, text=True, env=merged)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out.stderr.strip()[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def thread_env(threads):
    t = str(threads)
    return {"OMP_NUM_THREADS": t, "OPENBLAS_NUM_THREADS": t, "MKL_NUM_THREADS": t}


class Peers:
    """Builds and runs the peers; each returns {median_ms, min_ms, max_ms}."""

    def __init__(self, work, build):
        self.work = work
        self.bin = os.path.join(build, "bin")
        self.onednn = os.path.join(work, "onednn_linear")
        self._compile(["clang++-22", "-O2", "-std=c++17", "-o", self.onednn,
                       os.path.join(HERE, "peers", "onednn_linear.cpp"), "-ldnnl"])
        self.bandwidth = os.path.join(work, "read_bandwidth")
        self._compile(["clang-22", "-O3", "-march=native", "-fopenmp", "-o", self.bandwidth,
                       os.path.join(HERE, "peers", "read_bandwidth.c")])
        self.fma = os.path.join(work, "fma_peak")
        self._compile(["clang-22", "-O2", "-march=native", "-o", self.fma,
                       os.path.join(HERE, "peers", "fma_peak.c")])

    @staticmethod
    def _compile(cmd):
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"cannot build a peer: {' '.join(cmd)}\n{out.stderr}")

    def read_bandwidth(self, threads):
        return run_json([self.bandwidth, str(threads)])["gbytes_per_s"]

    def peak_gflops(self):
        return run_json([self.fma])["gflops"]

    def is_stale(self, lib_path):
        # A library built by an older compiler measures the old code generation.
        compiler = os.path.join(self.bin, "rectify-compile")
        return (not os.path.exists(lib_path)
                or os.path.getmtime(lib_path) < os.path.getmtime(compiler))

    def rectify_compile(self, onnx_path, lib_path, threads, shapes=()):
        cmd = [os.path.join(self.bin, "rectify-compile"), onnx_path, "-o", lib_path,
               f"--threads={threads}"]
        for name, shape in shapes:
            cmd.append(f"--input-shape={name}={'x'.join(map(str, shape))}")
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr else "failed")

    def rectify(self, lib, inputs, threads, runs, warmup):
        cmd = [os.path.join(self.bin, "rectify-run"), lib, "--benchmark", str(runs),
               "--warmup", str(warmup), "--threads", str(threads)]
        for name, path in inputs:
            cmd += ["--input", f"{name}={path}"]
        out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **thread_env(threads)})
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip()[-500:])
        for line in out.stdout.splitlines():
            if line.startswith("benchmark:"):
                fields = line.replace(",", "").split()
                get = lambda key: float(fields[fields.index(key) + 1])
                return {"median_ms": get("median"), "min_ms": get("min"), "max_ms": get("max")}
        raise RuntimeError("rectify-run printed no benchmark line")

    def ort(self, model, shapes, threads, runs, warmup):
        specs = [f"{n}={'x'.join(map(str, s))}" for n, s in shapes]
        return run_json(["node", os.path.join(HERE, "peers", "ort_peer.js"), model,
                         str(threads), str(runs), str(warmup)] + specs)

    def torch(self, module, shapes, threads, runs, warmup):
        return run_json(["/usr/bin/python3", os.path.join(HERE, "peers", "torch_peer.py"), module,
                         str(threads), str(runs), str(warmup)] +
                        ["x".join(map(str, s)) for _, s in shapes], env=thread_env(threads))

    def onednn_linear(self, m, k, n, threads, runs, warmup):
        return run_json([self.onednn, str(m), str(k), str(n), str(runs), str(warmup)],
                        env=thread_env(threads))


def runs_for(flops, quick):
    """Runs per measurement: about 0.3 s at 100 GFLOP/s, within [5, 200]."""
    runs = int(min(200, max(5, 0.3 * 100e9 / max(flops, 1))))
    return max(3, runs // 4) if quick else runs


def measure(peers_to_run, repeats):
    """peers_to_run: {label: thunk}. Interleaves repeats across peers."""
    samples = {label: [] for label in peers_to_run}
    for _ in range(repeats):
        for label, thunk in peers_to_run.items():
            try:
                samples[label].append(thunk())
            except RuntimeError as error:
                samples[label].append({"error": str(error)})
    result = {}
    for label, runs in samples.items():
        errors = [r["error"] for r in runs if "error" in r]
        if errors:
            result[label] = {"error": errors[0]}
            continue
        result[label] = {"median_ms": statistics.median(r["median_ms"] for r in runs),
                         "min_ms": min(r["min_ms"] for r in runs),
                         "max_ms": max(r["max_ms"] for r in runs)}
    return result


def export_linear_layer(work, k, n):
    import torch
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(k, n), torch.nn.ReLU()).eval()
    return export(work, f"linear_{k}x{n}", model, [("input", [1, k])])


def export_mlp(work, sizes):
    import torch
    torch.manual_seed(0)
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers).eval()
    return export(work, "mlp_" + "-".join(map(str, sizes)), model, [("input", [1, sizes[0]])])


def export_cnn(work, name):
    import torch
    import torchvision
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)(weights=None).eval()
    return export(work, name, model, [("input", [1, 3, 224, 224])])


def export(work, stem, model, inputs):
    import torch
    onnx_path = os.path.join(work, stem + ".onnx")
    module_path = os.path.join(work, stem + ".pt")
    if not os.path.exists(onnx_path):
        args = tuple(torch.randn(*shape) for _, shape in inputs)
        names = [n for n, _ in inputs]
        torch.onnx.export(model, args, onnx_path, input_names=names, output_names=["output"],
                          dynamic_axes={n: {0: "batch"} for n in names + ["output"]},
                          opset_version=17)
        torch.save(model, module_path)
    return onnx_path, module_path


def measure_compile(peers, work, name, onnx_path):
    """Wall time and peak resident memory of one rectify-compile (batch 1)."""
    import time
    lib = os.path.join(work, f"compile_{name}.so")
    cmd = [os.path.join(peers.bin, "rectify-compile"), onnx_path, "-o", lib,
           "--input-shape=input=1x3x224x224"]
    # stderr goes to a file: remarks could fill a pipe that nobody drains.
    with tempfile.TemporaryFile() as log:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        log.seek(0)
        error = log.read().decode().strip().splitlines()[-1:] if status else []
    peak_mb = usage.ru_maxrss / 1024  # Linux reports KiB
    result = {"model": name, "seconds": seconds, "peak_mb": peak_mb}
    if error:
        result["error"] = error[0]
    print(f"compile {name:<28}    {seconds:7.1f} s, peak compiler memory {peak_mb:6.0f} MiB"
          + (f"  ({error[0]})" if error else ""))
    return result


def save_input(work, name, shape):
    path = os.path.join(work, f"{name}_{'x'.join(map(str, shape))}.npy")
    if not os.path.exists(path):
        count = int(np.prod(shape))
        np.save(path, (np.sin(np.arange(count, dtype=np.float32)) * 0.5).reshape(shape))
    return path


def fmt_ms(r):
    if "error" in r:
        return "n/a"
    return f"{r['median_ms']:.3f} ({r['min_ms']:.3f}-{r['max_ms']:.3f})"


def bench_model(peers, work, label, onnx_path, module_path, shapes, flops, args, rows, layer=None):
    if args.filter and args.filter not in label:
        return
    libs = {}
    for threads in args.threads:
        # By default each workload is compiled for the shape it runs (what an
        # AOT compiler is for); --dynamic-batch keeps the exported dynamic batch.
        static = [] if args.dynamic_batch else shapes
        tag = "dyn" if args.dynamic_batch else "_".join("x".join(map(str, s)) for _, s in shapes)
        lib = os.path.join(work, f"lib{os.path.basename(onnx_path)[:-5]}_{tag}_t{threads}.so")
        try:
            if peers.is_stale(lib):
                peers.rectify_compile(onnx_path, lib, threads, static)
            libs[threads] = lib
        except RuntimeError as error:
            libs[threads] = RuntimeError(str(error))
    inputs = [(n, save_input(work, n, s)) for n, s in shapes]
    runs = runs_for(flops, args.quick)
    warmup = max(1, runs // 10)
    for threads in args.threads:
        thunks = {}
        lib = libs[threads]
        if isinstance(lib, RuntimeError):
            thunks["rectify"] = lambda e=lib: (_ for _ in ()).throw(e)
        else:
            thunks["rectify"] = lambda lib=lib, t=threads: peers.rectify(lib, inputs, t, runs, warmup)
        thunks["onnxruntime"] = lambda t=threads: peers.ort(onnx_path, shapes, t, runs, warmup)
        thunks["pytorch"] = lambda t=threads: peers.torch(module_path, shapes, t, runs, warmup)
        if layer:
            thunks["onednn"] = lambda t=threads: peers.onednn_linear(*layer, t, runs, warmup)
        result = measure(thunks, args.repeats)
        rows.append({"workload": label, "threads": threads, "flops": flops, "results": result})
        if layer and layer[0] == 1:
            # A batch-1 layer streams its weights once: memory-bound.
            rows[-1]["weight_bytes"] = 4 * layer[1] * layer[2]
        print_row(rows[-1], args.peak, args.bandwidth)
        sys.stdout.flush()


def print_row(row, peak, bandwidth):
    res = row["results"]
    r = res["rectify"]
    def ratio(peer):
        p = res.get(peer)
        if not p or "error" in p or "error" in r:
            return "   -  "
        return f"{p['median_ms'] / r['median_ms']:6.2f}"
    gflops = "   -  "
    if "error" not in r:
        g = row["flops"] / (r["median_ms"] * 1e-3) * 1e-9
        pct = 100 * g / (peak[row["threads"]] or 1)
        gflops = f"{g:7.1f} ({pct:4.0f}%)"
    print(f"{row['workload']:<34} {row['threads']:>2}  {fmt_ms(r):>24}  {gflops:>15}  "
          f"{ratio('onnxruntime'):>8} {ratio('pytorch'):>8} {ratio('onednn'):>8}")
    if "error" in r:
        print(f"    rectify: {r['error'][:200]}")
    elif "weight_bytes" in row:
        gbs = row["weight_bytes"] / (r["median_ms"] * 1e-3) * 1e-9
        roof = bandwidth[row["threads"]]
        if row["weight_bytes"] < 16 << 20:
            print(f"    weights ({row['weight_bytes'] / 2**20:.1f} MiB) stay cached between "
                  f"calls: read at {gbs:.1f} GB/s, above the memory roofline")
        else:
            print(f"    memory-bound: weights streamed at {gbs:.1f} GB/s = {100 * gbs / roof:.0f}% "
                  f"of the measured read bandwidth of a 64 MiB array ({roof:.1f} GB/s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench"),
                        help="exported models and compiled libraries are cached here")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, nargs="+", default=THREADS)
    parser.add_argument("--only", choices=["layers", "mlps", "cnns", "compile"], nargs="+",
                        default=["layers", "mlps", "cnns", "compile"])
    parser.add_argument("--quick", action="store_true", help="fewer runs (smoke test)")
    parser.add_argument("--filter", help="only the workloads whose name contains this text")
    parser.add_argument("--dynamic-batch", action="store_true",
                        help="compile the models with their dynamic batch instead of "
                             "for each workload's input shape")
    parser.add_argument("--json", help="also write all measurements here")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    peers = Peers(args.work, args.build)

    args.peak = {}
    for threads in args.threads:
        procs = [subprocess.Popen([peers.fma], stdout=subprocess.PIPE, text=True) for _ in range(threads)]
        args.peak[threads] = sum(json.loads(p.communicate()[0])["gflops"] for p in procs)
    args.bandwidth = {t: peers.read_bandwidth(t) for t in args.threads}
    print("machine: " + ", ".join(f"{t} thread{'s' if t > 1 else ''}: FMA peak {p:.0f} GFLOP/s, "
                                 f"read bandwidth {args.bandwidth[t]:.1f} GB/s"
                                 for t, p in args.peak.items()))
    print("time: median ms (min-max); ratio columns: peer time / rectify time (> 1: rectify is faster)")
    print("GFLOP/s counts a convolution's direct multiply-adds; Winograd's F(4,3) does half of"
          " those of a 3x3 conv, so a CNN's peak% can exceed 100")
    print("rectify compiled " + ("with the models' dynamic batch" if args.dynamic_batch
                                 else "for each workload's input shape (--input-shape)"))
    print(f"{'workload':<34} {'T':>2}  {'rectify ms':>24}  {'GFLOP/s (peak%)':>15}  "
          f"{'vs ORT':>8} {'vs torch':>8} {'vs oneDNN':>8}")
    rows = []
    if "layers" in args.only:
        for m, k, n in LAYERS:
            onnx_path, module = export_linear_layer(args.work, k, n)
            bench_model(peers, args.work, f"linear+relu {m}x{k}x{n}", onnx_path, module,
                        [("input", [m, k])], 2.0 * m * k * n, args, rows, layer=(m, k, n))
    if "mlps" in args.only:
        for label, sizes, batches in MLPS:
            onnx_path, module = export_mlp(args.work, sizes)
            flops = sum(2.0 * sizes[i] * sizes[i + 1] for i in range(len(sizes) - 1))
            for batch in batches:
                bench_model(peers, args.work, f"{label} b{batch}", onnx_path, module,
                            [("input", [batch, sizes[0]])], flops * batch, args, rows)
    if "cnns" in args.only:
        for name, batch in CNNS:
            onnx_path, module = export_cnn(args.work, name)
            bench_model(peers, args.work, f"{name} b{batch}", onnx_path, module,
                        [("input", [batch, 3, 224, 224])], CNN_GFLOPS[name] * 1e9 * batch,
                        args, rows)
    compiles = []
    if "compile" in args.only:
        for name in COMPILE_MODELS:
            onnx_path, _ = export_cnn(args.work, name)
            compiles.append(measure_compile(peers, args.work, name, onnx_path))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"peak_gflops": args.peak, "read_gbytes_per_s": args.bandwidth,
                       "rows": rows, "compile": compiles}, f,
                      indent=1)


if __name__ == "__main__":
    main()
