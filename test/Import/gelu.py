# Gelu (opset 20, both approximations) and the Erf-based GELU pattern of older
# exporters, imported op by op for the pattern pass to recognise.
# RUN: %python %s gelu20 %t20.onnx
# RUN: rectify-import %t20.onnx | FileCheck %s --check-prefix=GELU
# RUN: %python %s erf %terf.onnx
# RUN: rectify-import %terf.onnx | FileCheck %s --check-prefix=ERF
# RUN: %python %s gelu17 %t17.onnx
# RUN: not rectify-import %t17.onnx 2>&1 | FileCheck %s --check-prefix=OLD

# GELU: %[[A:.*]] = rect.gelu %{{.*}} : tensor<?x8xf32>
# GELU: %[[B:.*]] = rect.gelu %[[A]] {approximate = "tanh"} : tensor<?x8xf32>
# GELU: return %[[B]]

# ERF-DAG: %[[SQRT2:.*]] = rect.constant dense<1.41421354> : tensor<f32>
# ERF-DAG: %[[ONE:.*]] = rect.constant dense<1.000000e+00> : tensor<f32>
# ERF-DAG: %[[HALF:.*]] = rect.constant dense<5.000000e-01> : tensor<f32>
# ERF: %[[D:.*]] = rect.div %[[X:.*]], %[[SQRT2]] : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
# ERF: %[[E:.*]] = rect.erf %[[D]] : tensor<?x8xf32>
# ERF: %[[P:.*]] = rect.add %[[E]], %[[ONE]] : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
# ERF: %[[M:.*]] = rect.mul %[[X]], %[[P]] : tensor<?x8xf32>, tensor<?x8xf32> -> tensor<?x8xf32>
# ERF: %[[Y:.*]] = rect.mul %[[M]], %[[HALF]] : tensor<?x8xf32>, tensor<f32> -> tensor<?x8xf32>
# ERF: return %[[Y]]

# OLD: error: 1 unsupported ONNX node:
# OLD-NEXT: node 'Gelu#0': Gelu (domain ai.onnx, opset 17)

import math

from onnx_models import *


def gelu(opset):
    return make([node("Gelu", ["x"], ["a"]),
                 node("Gelu", ["a"], ["y"], approximate="tanh")],
                [value("x", ["N", 8])], [output("y")], opset=opset)


def erf():
    return make([node("Div", ["x", "sqrt2"], ["d"]),
                 node("Erf", ["d"], ["e"]),
                 node("Add", ["e", "one"], ["p"]),
                 node("Mul", ["x", "p"], ["m"]),
                 node("Mul", ["m", "half"], ["y"])],
                [value("x", ["N", 8])], [output("y")],
                [const("sqrt2", math.sqrt(2)), const("one", 1.0),
                 const("half", 0.5)], opset=13)


main({"gelu20": lambda: gelu(20), "erf": erf,
      "gelu17": lambda: make([node("Gelu", ["x"], ["y"])],
                             [value("x", [2])], [output("y")], opset=17)})
