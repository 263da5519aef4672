#!/usr/bin/python3
"""Runs the ONNX backend node tests for the ops Rectify imports.

For each selected test under the node test directory (Debian's
libonnx-testdata), converts test_data_set_0's TensorProto inputs and outputs
to .npy, runs `rectify-run model.onnx --input ... --expect ...` (which
compiles the model in-process) and prints one line per test:

    test                                       op            result
    test_relu                                  Relu          pass
    test_add_uint8                             Add           skipped (non-float32 input 'x' (uint8))

followed by `summary: N tests: P pass, F fail, U unsupported, S skipped`.
Results: pass; fail (the worst element, or the run's error); unsupported (the
compiler's first error: the importer's reason); skipped (the reason: a
non-float32 tensor, a non-tensor input, no test data).

Selection: a test is selected when its name is `test_<op>` or starts with
`test_<op>_` (op lower-cased, e.g. test_gemm_alpha for Gemm) and its graph
uses that op, which leaves out e.g. test_constant_pad (Pad) and the
`_expanded` function bodies (other ops).

Inputs ONNX defines as operator parameters (Clip's min/max, Dropout's ratio
and training_mode, Reshape's shape) and every other non-float32 input are
baked into the model as initializers, as exporters emit them: compiled
models take float32 tensors only.

Tolerance: ONNX's backend test default, |got - want| <= 1e-7 + 1e-3 * |want|.

With --check, exits 1 when a test fails or is unsupported without being
listed in the expectations file (one `test_name  reason` per line, `#`
comments), so the lit suite catches regressions.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "python"))

import numpy as np  # noqa: E402
import onnx  # noqa: E402

from rectify import onnx_testdata  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The ops the importer supports.
SUPPORTED_OPS = [
    "MatMul", "Gemm", "Add", "Sub", "Mul", "Div", "Relu", "LeakyRelu",
    "PRelu", "Clip", "Elu", "Selu", "Sigmoid", "Tanh", "Softplus",
    "HardSigmoid", "HardSwish", "Gelu", "Softmax", "Identity", "Dropout",
    "Flatten", "Reshape", "Transpose", "Constant", "Max", "Min", "Exp", "Abs",
    "Neg", "Sqrt", "Erf",
    # Tensor manipulation, shape sub-graphs, reductions, normalization.
    "Concat", "Split", "Slice", "Pad", "Squeeze", "Unsqueeze", "Gather",
    "Expand", "Tile", "Where", "Cast", "Shape", "ConstantOfShape",
    "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "Log", "Reciprocal",
    "Pow", "Sum", "LayerNormalization", "LogSoftmax",
    "RNN",
    # Convolution, pooling and normalization of CNNs.
    "Conv", "ConvTranspose", "BatchNormalization", "MaxPool", "AveragePool",
    "GlobalAveragePool", "GlobalMaxPool", "LRN",
    "Resize", "Upsample",
]

# Node tests named after something other than their op: name prefix -> op.
TEST_PREFIX_OPS = {"test_simple_rnn": "RNN",
                   "test_reduce_mean": "ReduceMean",
                   "test_reduce_sum": "ReduceSum",
                   "test_reduce_max": "ReduceMax",
                   "test_reduce_min": "ReduceMin",
                   "test_layer_normalization": "LayerNormalization",
                   "test_constant_pad": "Pad", "test_edge_pad": "Pad",
                   "test_reflect_pad": "Pad",
                   "test_basic_conv": "Conv",
                   "test_batchnorm": "BatchNormalization"}

# Inputs (by position) that are operator parameters rather than data.
PARAMETER_INPUTS = {"Clip": {1, 2}, "Dropout": {1, 2}, "Reshape": {1},
                    "Pad": {1, 2, 3}, "Resize": {1, 2, 3}, "Upsample": {1}}

RTOL = 1e-3
ATOL = 1e-7
TIMEOUT_S = 300
MAX_JOBS = 2


class Result:
    def __init__(self, test, op, status, detail=""):
        self.test, self.op, self.status, self.detail = test, op, status, detail

    def text(self):
        return self.status + (" (%s)" % self.detail if self.detail else "")


def select_tests(data_dir, pattern):
    """Returns [(test name, op)] in name order."""
    prefixes = {"test_" + op.lower(): op for op in SUPPORTED_OPS}
    prefixes.update(TEST_PREFIX_OPS)
    selected = []
    for name in sorted(os.listdir(data_dir)):
        if pattern and not re.search(pattern, name):
            continue
        op = None
        for prefix, candidate in prefixes.items():
            if name == prefix or name.startswith(prefix + "_"):
                op = candidate
        if op is None:
            continue
        model_path = os.path.join(data_dir, name, "model.onnx")
        if not os.path.exists(model_path):
            continue
        model = onnx.load(model_path)
        if any(node.op_type == op for node in model.graph.node):
            selected.append((name, op))
    return selected


def dtype_name(array):
    return str(np.asarray(array).dtype)


def prepare(data_dir, work_dir, test, op):
    """Writes the model and .npy files; returns (command args, None) or
    (None, Result) for a skipped test."""
    test_dir = os.path.join(data_dir, test)
    if not os.path.isdir(os.path.join(test_dir, "test_data_set_0")):
        return None, Result(test, op, "skipped", "no test data")
    model = onnx.load(os.path.join(test_dir, "model.onnx"))
    for info in onnx_testdata.graph_inputs(model):
        if not onnx_testdata.is_tensor(info):
            return None, Result(test, op, "skipped", "non-tensor input '%s' (%s)"
                                % (info.name, info.type.WhichOneof("value")))
    for info in model.graph.output:
        if not onnx_testdata.is_tensor(info):
            return None, Result(test, op, "skipped",
                                "non-tensor output '%s' (%s)"
                                % (info.name, info.type.WhichOneof("value")))
    model, inputs, outputs = onnx_testdata.load_node_test(test_dir, model)
    if len(outputs) != len(model.graph.output):
        return None, Result(test, op, "skipped", "incomplete test data")

    parameter_names = set()
    for node in model.graph.node:
        for position in PARAMETER_INPUTS.get(node.op_type, ()):
            if position < len(node.input):
                parameter_names.add(node.input[position])
    baked, fed = {}, []
    for name, array in inputs:
        if name in parameter_names or array.dtype != np.float32:
            baked[name] = array
        else:
            fed.append((name, array))
    for name, array in outputs:
        if array.dtype != np.float32:
            return None, Result(test, op, "skipped",
                                "non-float32 output '%s' (%s)"
                                % (name, dtype_name(array)))
    for name, array in baked.items():
        if array.dtype not in (np.float32, np.int64, np.int32, np.bool_):
            return None, Result(test, op, "skipped",
                                "non-float32 input '%s' (%s)"
                                % (name, dtype_name(array)))

    out_dir = os.path.join(work_dir, test)
    os.makedirs(out_dir, exist_ok=True)
    model_path = os.path.join(out_dir, "model.onnx")
    if baked:
        onnx.save(onnx_testdata.bake_inputs(model, baked), model_path)
    else:
        shutil.copyfile(os.path.join(test_dir, "model.onnx"), model_path)
    args = [model_path]
    for index, (name, array) in enumerate(fed):
        path = os.path.join(out_dir, "input_%d.npy" % index)
        np.save(path, np.array(array, order="C"))
        args += ["--input", "%s=%s" % (name, path)]
    for index, (name, array) in enumerate(outputs):
        path = os.path.join(out_dir, "output_%d.npy" % index)
        np.save(path, np.array(array, order="C"))
        args += ["--expect", "%s=%s" % (name, path)]
    args += ["--rtol", str(RTOL), "--atol", str(ATOL)]
    return args, None


def first_error(stderr):
    """The first diagnostic's message, without its location prefix."""
    for line in stderr.splitlines():
        if "error: " in line:
            return line.split("error: ", 1)[1].strip()
    lines = [line for line in stderr.splitlines() if line.strip()]
    return lines[0].strip() if lines else "no message"


FAIL_LINE = re.compile(r"output '(.*)': .*FAIL \(.*\): (\d+) of (\d+) elements "
                       r"mismatch; worst at (.*)$")


def classify(test, op, proc):
    if proc.returncode == 0:
        return Result(test, op, "pass")
    if proc.returncode == 2:
        for line in proc.stdout.splitlines():
            match = FAIL_LINE.search(line)
            if match:
                name, bad, total, worst = match.groups()
                return Result(test, op, "fail", "output '%s': %s of %s "
                              "mismatch, worst at %s" % (name, bad, total,
                                                         worst))
        return Result(test, op, "fail", "mismatch")
    if proc.returncode < 0:
        return Result(test, op, "fail", "crashed with signal %d"
                      % -proc.returncode)
    if "cannot compile" in proc.stderr:
        return Result(test, op, "unsupported", first_error(proc.stderr))
    return Result(test, op, "fail", "error: " + first_error(proc.stderr))


def run_test(rectify_run, data_dir, work_dir, test, op):
    try:
        args, skipped = prepare(data_dir, work_dir, test, op)
    except Exception as error:  # Unreadable test data is a skip, not a crash.
        return Result(test, op, "skipped", "cannot read test data: %s" % error)
    if skipped:
        return skipped
    try:
        proc = subprocess.run([rectify_run] + args, capture_output=True,
                              text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return Result(test, op, "fail", "timed out after %d s" % TIMEOUT_S)
    return classify(test, op, proc)


def read_expectations(path):
    expected = {}
    if not path or not os.path.exists(path):
        return expected
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, reason = line.partition(" ")
                expected[name] = reason.strip()
    return expected


def write_expectations(path, results):
    with open(path, "w") as f:
        f.write("# ONNX backend node tests that are expected not to pass, one\n"
                "# `test_name  reason` per line; scripts/conformance.py --check\n"
                "# fails on any other test that fails or is unsupported.\n"
                "# Regenerate: scripts/conformance.py --update-expectations\n")
        for r in results:
            if r.status in ("fail", "unsupported"):
                f.write("%-44s %s\n" % (r.test, r.text()))


def print_row(test, op, result):
    print("%-44s %-13s %s" % (test, op, result), flush=True)


def find_rectify_run(given):
    if given:
        return shutil.which(given) or given
    for candidate in (shutil.which("rectify-run"),
                      os.path.join(ROOT, "build", "bin", "rectify-run")):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("conformance: rectify-run not found; build it or pass "
             "--rectify-run")


def main():
    parser = argparse.ArgumentParser(
        description="Run the ONNX backend node tests for Rectify's ops.")
    parser.add_argument("--rectify-run", help="rectify-run binary (default: "
                        "PATH, then build/bin)")
    parser.add_argument("--data-dir", default=onnx_testdata.NODE_TESTS_DIR,
                        help="node test directory (default: %(default)s)")
    parser.add_argument("--filter", help="only tests whose name matches this "
                        "regular expression")
    parser.add_argument("--jobs", "-j", type=int, default=2,
                        help="parallel runs, at most 2 (default: 2)")
    parser.add_argument("--work-dir", help="keep models and .npy files here "
                        "(default: a temporary directory, removed)")
    parser.add_argument("--expectations",
                        default=os.path.join(ROOT, "test", "Conformance",
                                             "expected-unsupported.txt"),
                        help="tests expected not to pass (default: "
                        "test/Conformance/expected-unsupported.txt)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 on an unexpected fail or unsupported")
    parser.add_argument("--update-expectations", action="store_true",
                        help="rewrite the expectations file from this run")
    parser.add_argument("--list", action="store_true",
                        help="only list the selected tests and their ops")
    args = parser.parse_args()

    selected = select_tests(args.data_dir, args.filter)
    print_row("test", "op", "result")
    if args.list:
        for test, op in selected:
            print_row(test, op, "selected")
        print("summary: %d tests selected" % len(selected))
        return 0

    rectify_run = find_rectify_run(args.rectify_run)
    jobs = max(1, min(args.jobs, MAX_JOBS))
    work_dir = args.work_dir or tempfile.mkdtemp(prefix="rectify-conformance-")
    os.makedirs(work_dir, exist_ok=True)
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(run_test, rectify_run, args.data_dir,
                                   work_dir, test, op)
                       for test, op in selected]
            results = []
            for future in futures:  # In selection order, as they finish.
                result = future.result()
                results.append(result)
                print_row(result.test, result.op, result.text())
    finally:
        if not args.work_dir:
            shutil.rmtree(work_dir, ignore_errors=True)

    counts = {s: 0 for s in ("pass", "fail", "unsupported", "skipped")}
    for r in results:
        counts[r.status] += 1
    print("summary: %d tests: %d pass, %d fail, %d unsupported, %d skipped"
          % (len(results), counts["pass"], counts["fail"],
             counts["unsupported"], counts["skipped"]))

    if args.update_expectations:
        write_expectations(args.expectations, results)
        print("wrote %s" % args.expectations)
    if not args.check:
        return 0
    expected = read_expectations(args.expectations)
    unexpected = [r for r in results if r.status in ("fail", "unsupported")
                  and r.test not in expected]
    stale = [r.test for r in results if r.status == "pass"
             and r.test in expected]
    if stale:
        print("note: now passing, remove from %s: %s"
              % (os.path.basename(args.expectations), ", ".join(stale)))
    if unexpected:
        print("check: FAILED: %d unexpected (not in %s):"
              % (len(unexpected), os.path.basename(args.expectations)))
        for r in unexpected:
            print("  %s: %s" % (r.test, r.text()))
        return 1
    print("check: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
