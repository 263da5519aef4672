"""Reading ONNX backend node tests (Debian's libonnx-testdata).

A test directory holds ``model.onnx`` and ``test_data_set_0/input_<i>.pb`` /
``output_<i>.pb``: serialized TensorProtos matched by position to the graph's
inputs (initializers excluded) and outputs.
"""

import glob
import os

import numpy as np
import onnx
from onnx import numpy_helper

NODE_TESTS_DIR = "/usr/include/onnx/backend/test/data/node"


def _read_tensors(data_dir, prefix):
    paths = sorted(glob.glob(os.path.join(data_dir, prefix + "_*.pb")),
                   key=lambda p: int(p.rsplit("_", 1)[1].split(".")[0]))
    arrays = []
    for path in paths:
        tensor = onnx.TensorProto()
        with open(path, "rb") as f:
            tensor.ParseFromString(f.read())
        arrays.append(numpy_helper.to_array(tensor))
    return arrays


def graph_inputs(model):
    """The graph inputs that are not initializers, in order."""
    initializers = {init.name for init in model.graph.initializer}
    return [i for i in model.graph.input if i.name not in initializers]


def is_tensor(value_info):
    return value_info.type.WhichOneof("value") == "tensor_type"


def load_node_test(test_dir, model=None):
    """Returns (model, inputs, outputs): the ModelProto and lists of
    (name, numpy array) for data set 0. Only tensor-typed inputs and outputs
    can be read (see is_tensor)."""
    if model is None:
        model = onnx.load(os.path.join(test_dir, "model.onnx"))
    data_dir = os.path.join(test_dir, "test_data_set_0")
    inputs = list(zip([i.name for i in graph_inputs(model)],
                      _read_tensors(data_dir, "input")))
    outputs = list(zip([o.name for o in model.graph.output],
                       _read_tensors(data_dir, "output")))
    return model, inputs, outputs


def bake_inputs(model, names_to_arrays):
    """Returns a copy of ``model`` where the given graph inputs are
    initializers holding the given arrays."""
    baked = onnx.ModelProto()
    baked.CopyFrom(model)
    if baked.ir_version >= 4:  # Before IR 4, initializers must be inputs.
        keep = [i for i in baked.graph.input if i.name not in names_to_arrays]
        del baked.graph.input[:]
        baked.graph.input.extend(keep)
    for name, array in names_to_arrays.items():
        baked.graph.initializer.append(
            numpy_helper.from_array(np.asarray(array), name))
    return baked
