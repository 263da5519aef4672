# An MLP with a symbolic batch: Gemm (transB=1) + Relu, module layout and names.
# RUN: %python %s mlp %t.onnx
# RUN: rectify-import %t.onnx | FileCheck %s
# RUN: rectify-import %t.onnx --mlir-print-debuginfo | FileCheck %s --check-prefix=LOC

# CHECK: module attributes {rect.model_name = "mlp"}
# CHECK: func.func @main(%[[X:.*]]: tensor<?x4xf32> {rect.name = "input"}) -> (tensor<?x3xf32> {rect.name = "logits"})
# CHECK-DAG: %[[W:.*]] = rect.constant dense_resource<fc.weight> : tensor<3x4xf32>
# CHECK-DAG: %[[B:.*]] = rect.constant dense_resource<fc.bias> : tensor<3xf32>
# CHECK: %[[H:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) : (tensor<?x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<?x3xf32>
# CHECK: %[[Y:.*]] = rect.relu %[[H]] : tensor<?x3xf32>
# CHECK: return %[[Y]]
# CHECK: dialect_resources
# CHECK: fc.weight: "0x04000000

# LOC-DAG: #loc = loc("{{.*}}.onnx":0:0)
# LOC-DAG: #loc{{[0-9]+}} = loc("fc"(#loc))
# LOC-DAG: #loc{{[0-9]+}} = loc("Relu#1"(#loc))
# LOC-DAG: #loc{{[0-9]+}} = loc("fc.weight"(#loc))

import numpy as np
from onnx_models import *


def mlp():
    w = const("fc.weight", np.arange(12).reshape(3, 4))
    b = const("fc.bias", [1, 2, 3])
    return make([node("Gemm", ["input", "fc.weight", "fc.bias"], ["h"],
                      name="fc", transB=1),
                 node("Relu", ["h"], ["logits"])],
                [value("input", ["N", 4])], [output("logits")], [w, b],
                name="mlp")


main({"mlp": mlp})
