# Old exporters list initializers among the graph inputs: those are constants,
# not function arguments. Outputs may be graph inputs or initializers directly.
# RUN: %python %s model %t.onnx
# RUN: rectify-import %t.onnx | FileCheck %s

# CHECK: func.func @main(%[[X:.*]]: tensor<1x4xf32> {rect.name = "x"}) -> (tensor<1x3xf32> {rect.name = "y"}, tensor<1x4xf32> {rect.name = "x_out"}, tensor<3xf32> {rect.name = "b"})
# CHECK-DAG: %[[W:.*]] = rect.constant dense_resource<w> : tensor<3x4xf32>
# CHECK-DAG: %[[B:.*]] = rect.constant dense_resource<b> : tensor<3xf32>
# CHECK: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]])
# CHECK: return %[[Y]], %[[X]], %[[B]]

import numpy as np
from onnx_models import *


def model():
    return make([node("Gemm", ["x", "w", "b"], ["y"], transB=1),
                 node("Identity", ["x"], ["x_out"])],
                [value("x", [1, 4]), value("w", [3, 4]), value("b", [3])],
                [output("y"), output("x_out"), output("b")],
                [const("w", np.ones((3, 4))), const("b", [1, 2, 3])],
                opset=9, ir_version=3)


main({"model": model})
