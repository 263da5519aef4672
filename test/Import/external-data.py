# Initializers stored as external data (location/offset/length relative to the
# model's directory) import as dense_resource blobs; a missing or short data
# file is an error naming it. Opset 21 models skip libonnx's checker, so the
# importer's own checks report the same problems.
# RUN: rm -rf %t && mkdir -p %t/a %t/b
# RUN: %python %s model13 %t/a/model.onnx
# RUN: rectify-import %t/a/model.onnx | FileCheck %s
# RUN: cd %t && rectify-import a/model.onnx | FileCheck %s
# RUN: %python %s model21 %t/b/model.onnx
# RUN: rectify-import %t/b/model.onnx | FileCheck %s
# RUN: rm %t/a/weights/fc.bin %t/b/weights/fc.bin
# RUN: not rectify-import %t/a/model.onnx 2>&1 | FileCheck %s --check-prefix=MISSING13
# RUN: not rectify-import %t/b/model.onnx 2>&1 | FileCheck %s --check-prefix=MISSING21
# RUN: %python %s short %t/b/short.onnx
# RUN: not rectify-import %t/b/short.onnx 2>&1 | FileCheck %s --check-prefix=SHORT

# CHECK-DAG: %[[W:.*]] = rect.constant dense_resource<fc.weight> : tensor<3x4xf32>
# CHECK-DAG: %[[B:.*]] = rect.constant dense_resource<fc.bias> : tensor<3xf32>
# CHECK: rect.linear %{{.*}}, %[[W]] bias(%[[B]])
# CHECK: fc.weight: "0x040000000000000000008040000000410000404100008041
# CHECK: fc.bias: "0x04000000000080BF000000C0000040C0"

# MISSING13: model.onnx: error: the ONNX checker rejects the model: {{.*}}weights/fc.bin{{.*}}
# MISSING21: model.onnx: node 'fc': error: external data file '{{.*}}weights/fc.bin' of tensor 'fc.weight' cannot be read: No such file or directory
# SHORT: short.onnx: node 'fc': error: tensor 'fc.weight' has 8 bytes of data in '{{.*}}short.bin' but its shape [3x4] of FLOAT needs 48

import os
import sys

import numpy as np
import onnx

from onnx_models import *


def graph(opset):
    w = const("fc.weight", np.arange(12).reshape(3, 4) * 4)
    b = const("fc.bias", [-1, -2, -3])
    return make([node("Gemm", ["x", "fc.weight", "fc.bias"], ["y"], name="fc",
                      transB=1)],
                [value("x", ["N", 4])], [output("y")], [w, b], opset=opset)


def save_external(model, path):
    """Writes both initializers to weights/fc.bin next to the model."""
    directory = os.path.dirname(path)
    os.makedirs(os.path.join(directory, "weights"), exist_ok=True)
    offset = 0
    with open(os.path.join(directory, "weights", "fc.bin"), "wb") as f:
        for tensor in model.graph.initializer:
            data = tensor.raw_data
            f.write(data)
            tensor.ClearField("raw_data")
            tensor.data_location = onnx.TensorProto.EXTERNAL
            for key, val in [("location", "weights/fc.bin"),
                             ("offset", str(offset)),
                             ("length", str(len(data)))]:
                entry = tensor.external_data.add()
                entry.key, entry.value = key, val
            offset += len(data)
    save(model, path)


if __name__ == "__main__":
    case, path = sys.argv[1], sys.argv[2]
    if case == "short":
        model = graph(21)
        with open(os.path.join(os.path.dirname(path), "short.bin"), "wb") as f:
            f.write(b"\0" * 8)
        for tensor in model.graph.initializer:
            tensor.ClearField("raw_data")
            tensor.data_location = onnx.TensorProto.EXTERNAL
            entry = tensor.external_data.add()
            entry.key, entry.value = "location", "short.bin"
        save(model, path)
    else:
        save_external(graph(13 if case == "model13" else 21), path)
