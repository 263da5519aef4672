"""Builds small rect programs, and checks what mlir-runner printed for them.

A test script describes cases: a rect kernel (MLIR text of one function), its
inputs (numpy arrays, optionally passed with dynamic dims) and the expected
result computed independently with numpy or PyTorch. `gen` prints the MLIR
program whose @main calls every kernel on constant inputs and prints each
result with printMemrefF32; `check` reads what mlir-runner printed and compares
it with the expected arrays, case by case.
"""

import re
import sys

import numpy as np


def tensor_type(shape, dynamic=()):
    dims = ["?" if i in dynamic else str(d) for i, d in enumerate(shape)]
    return "tensor<" + "".join(d + "x" for d in dims) + "f32>"


def dense(array):
    array = np.asarray(array, dtype=np.float32)

    def fmt(v):
        v = float(v)
        if np.isnan(v):
            return "0x7FC00000"
        if np.isinf(v):
            return "0x7F800000" if v > 0 else "0xFF800000"
        return "%.9e" % v

    if array.ndim == 0:
        return "dense<%s>" % fmt(array)
    def nested(a):
        if a.ndim == 1:
            return "[" + ", ".join(fmt(v) for v in a) + "]"
        return "[" + ", ".join(nested(s) for s in a) + "]"

    return "dense<%s>" % nested(array)


class Case:
    def __init__(self, name, kernel, inputs, expected, dynamic=None,
                 rtol=1e-5, atol=1e-6):
        self.name = name
        self.kernel = kernel
        self.inputs = [np.asarray(x, dtype=np.float32) for x in inputs]
        self.expected = np.asarray(expected, dtype=np.float64)
        # dynamic[i]: the dims of input i passed as `?`.
        self.dynamic = dynamic or [()] * len(inputs)
        self.rtol = rtol
        self.atol = atol


def kernel_signature(kernel):
    m = re.search(r"func\.func @(\w+)\((.*?)\)\s*->\s*(tensor<[^>]*>)", kernel,
                  re.S)
    assert m, "kernel needs `func.func @name(args) -> tensor<...>`"
    arg_types = re.findall(r"tensor<[^>]*>", m.group(2))
    return m.group(1), arg_types, m.group(3)


def generate(cases):
    out = ["func.func private @printMemrefF32(memref<*xf32>) "
           "attributes {llvm.emit_c_interface}", ""]
    body = []
    for c_index, case in enumerate(cases):
        out.append(case.kernel.strip())
        out.append("")
        name, arg_types, result_type = kernel_signature(case.kernel)
        assert len(arg_types) == len(case.inputs), case.name
        args = []
        for i, (x, arg_type) in enumerate(zip(case.inputs, arg_types)):
            static_type = tensor_type(x.shape)
            value = "%%c%d_%d" % (c_index, i)
            body.append("  %s = arith.constant %s : %s" %
                        (value, dense(x), static_type))
            if arg_type != static_type:
                cast = value + "_cast"
                body.append("  %s = tensor.cast %s : %s to %s" %
                            (cast, value, static_type, arg_type))
                value = cast
            args.append(value)
        result = "%%r%d" % c_index
        body.append("  %s = func.call @%s(%s) : (%s) -> %s" %
                    (result, name, ", ".join(args), ", ".join(arg_types),
                     result_type))
        memref_type = "memref" + result_type[len("tensor"):]
        body.append("  %s_m = bufferization.to_buffer %s : %s to %s" %
                    (result, result, result_type, memref_type))
        body.append("  %s_u = memref.cast %s_m : %s to memref<*xf32>" %
                    (result, result, memref_type))
        body.append("  func.call @printMemrefF32(%s_u) : (memref<*xf32>) -> ()"
                    % result)
    out.append("func.func @main() {")
    out.extend(body)
    out.append("  return")
    out.append("}")
    return "\n".join(out) + "\n"


_NUMBER = re.compile(r"-?nan|-?inf|[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")


def parse_printed(text):
    """Returns the (sizes, values) of every printMemrefF32 output in `text`."""
    results = []
    chunks = re.split(r"Unranked Memref base@", text)[1:]
    for chunk in chunks:
        header, _, data = chunk.partition("data =")
        sizes = [int(s) for s in
                 re.search(r"sizes = \[([^\]]*)\]", header).group(1)
                 .replace(" ", "").split(",") if s]
        values = []
        for token in _NUMBER.findall(data):
            if "nan" in token:
                values.append(float("nan"))
            else:
                values.append(float(token))
        results.append((sizes, np.array(values, dtype=np.float64)))
    return results


def check(cases, text):
    printed = parse_printed(text)
    failures = 0
    if len(printed) != len(cases):
        print("expected %d printed results, got %d" % (len(cases), len(printed)))
        return 1
    for case, (sizes, values) in zip(cases, printed):
        expected = case.expected
        if list(expected.shape) != sizes:
            print("FAIL %s: shape %s, expected %s" %
                  (case.name, sizes, list(expected.shape)))
            failures += 1
            continue
        got = values.reshape(expected.shape)
        ok = np.allclose(got, expected, rtol=case.rtol, atol=case.atol,
                         equal_nan=True)
        if not ok:
            failures += 1
            diff = np.abs(got - expected)
            print("FAIL %s: max abs error %g\n got %s\n expected %s" %
                  (case.name, np.nanmax(diff), got.ravel()[:16],
                   expected.ravel()[:16]))
        else:
            print("PASS %s" % case.name)
    print("%d of %d cases failed" % (failures, len(cases)))
    return 1 if failures else 0


def main(cases):
    mode = sys.argv[1]
    if mode == "gen":
        sys.stdout.write(generate(cases))
        return 0
    if mode == "check":
        return check(cases, sys.stdin.read())
    raise SystemExit("usage: %s gen|check" % sys.argv[0])
