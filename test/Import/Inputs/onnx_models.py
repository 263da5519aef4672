"""Helpers for the importer's lit tests: build small ONNX models at test time.

Each test is a Python file whose RUN lines call it to write a model, then run
rectify-import on it. Models of opsets newer than the installed onnx package
knows (18-21) are written without running onnx.checker.
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def value(name, dims, elem_type=TensorProto.FLOAT):
    """A tensor value info; dims entries are ints, symbols (str) or None
    (unknown). dims=None gives no shape at all."""
    return helper.make_tensor_value_info(name, elem_type, dims)


def output(name):
    """A float output with no declared shape: the importer infers it."""
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, None)


def const(name, array, dtype=np.float32):
    """An initializer holding `array`."""
    return numpy_helper.from_array(np.asarray(array, dtype=dtype), name)


def node(op_type, inputs, outputs, name=None, domain=None, **attrs):
    return helper.make_node(op_type, inputs, outputs, name=name, domain=domain,
                            **attrs)


def make(nodes, inputs, outputs, initializers=(), opset=13, name="test",
         ir_version=8, extra_opsets=()):
    """A ModelProto importing `opset` of the default domain."""
    graph = helper.make_graph(list(nodes), name, list(inputs), list(outputs),
                              list(initializers))
    opsets = [helper.make_opsetid("", opset)]
    opsets += [helper.make_opsetid(d, v) for d, v in extra_opsets]
    model = helper.make_model(graph, opset_imports=opsets,
                              producer_name="rectify-tests")
    model.ir_version = ir_version
    return model


def save(model, path):
    with open(path, "wb") as f:
        f.write(model.SerializeToString())


def main(cases):
    """Runs `cases[argv[1]]()` and saves the model it returns to argv[2]."""
    if len(sys.argv) != 3 or sys.argv[1] not in cases:
        sys.exit("usage: %s {%s} OUT.onnx" % (sys.argv[0], ",".join(cases)))
    save(cases[sys.argv[1]](), sys.argv[2])
