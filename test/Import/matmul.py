# MatMul: 2-D with a dynamic batch, batched 3-D with broadcasting, and a
# contracting-dimension mismatch reported at the node by the op's inference.
# RUN: %python %s model %t.onnx
# RUN: rectify-import %t.onnx | FileCheck %s
# RUN: %python %s mismatch %tm.onnx
# RUN: not rectify-import %tm.onnx 2>&1 | FileCheck %s --check-prefix=MISMATCH

# CHECK: func.func @main(%[[X:.*]]: tensor<?x8xf32> {rect.name = "x"}, %[[B:.*]]: tensor<2x3x8xf32> {rect.name = "b"})
# CHECK-DAG: %[[W:.*]] = rect.constant dense_resource<w> : tensor<8x5xf32>
# CHECK: %[[Y:.*]] = rect.matmul %[[X]], %[[W]] : tensor<?x8xf32>, tensor<8x5xf32> -> tensor<?x5xf32>
# CHECK: %[[Z:.*]] = rect.matmul %[[B]], %[[W]] : tensor<2x3x8xf32>, tensor<8x5xf32> -> tensor<2x3x5xf32>
# CHECK: return %[[Y]], %[[Z]] : tensor<?x5xf32>, tensor<2x3x5xf32>

# MISMATCH: node 'proj': error: {{.*}}contracting dimensions differ: lhs [?x8] rhs [7x5]

import numpy as np
from onnx_models import *


def model():
    w = const("w", np.ones((8, 5)))
    return make([node("MatMul", ["x", "w"], ["y"]),
                 node("MatMul", ["b", "w"], ["z"])],
                [value("x", ["N", 8]), value("b", [2, 3, 8])],
                [output("y"), output("z")], [w])


def mismatch():
    w = const("w", np.ones((7, 5)))
    return make([node("MatMul", ["x", "w"], ["y"], name="proj")],
                [value("x", ["N", 8])], [output("y")], [w])


main({"model": model, "mismatch": mismatch})
