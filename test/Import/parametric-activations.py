# Activations with parameters: defaults (elided when printed) and explicit
# attributes; PRelu with a
# per-channel slope.
# RUN: %python %s model %t.onnx
# RUN: rectify-import %t.onnx | FileCheck %s

# CHECK: func.func @main(%[[X:.*]]: tensor<?x3x4xf32> {rect.name = "x"})
# CHECK-DAG: %[[SLOPE:.*]] = rect.constant dense_resource<slope> : tensor<3x1xf32>
# CHECK: %[[L0:.*]] = rect.leaky_relu %[[X]] : tensor<?x3x4xf32>
# CHECK: %[[L1:.*]] = rect.leaky_relu %[[L0]] {alpha = 2.000000e-01 : f32} : tensor<?x3x4xf32>
# CHECK: %[[E0:.*]] = rect.elu %[[L1]] : tensor<?x3x4xf32>
# CHECK: %[[E1:.*]] = rect.elu %[[E0]] {alpha = 5.000000e-01 : f32} : tensor<?x3x4xf32>
# CHECK: %[[S0:.*]] = rect.selu %[[E1]] : tensor<?x3x4xf32>
# CHECK: %[[S1:.*]] = rect.selu %[[S0]] {alpha = 2.000000e+00 : f32, gamma = 3.000000e+00 : f32} : tensor<?x3x4xf32>
# CHECK: %[[H0:.*]] = rect.hard_sigmoid %[[S1]] : tensor<?x3x4xf32>
# CHECK: %[[H1:.*]] = rect.hard_sigmoid %[[H0]] {alpha = 0.166666672 : f32} : tensor<?x3x4xf32>
# CHECK: %[[P:.*]] = rect.prelu %[[H1]], %[[SLOPE]] : tensor<?x3x4xf32>, tensor<3x1xf32> -> tensor<?x3x4xf32>
# CHECK: return %[[P]]

from onnx_models import *


def model():
    nodes = [
        node("LeakyRelu", ["x"], ["l0"]),
        node("LeakyRelu", ["l0"], ["l1"], alpha=0.2),
        node("Elu", ["l1"], ["e0"]),
        node("Elu", ["e0"], ["e1"], alpha=0.5),
        node("Selu", ["e1"], ["s0"]),
        node("Selu", ["s0"], ["s1"], alpha=2.0, gamma=3.0),
        node("HardSigmoid", ["s1"], ["h0"]),
        node("HardSigmoid", ["h0"], ["h1"], alpha=1.0 / 6),
        node("PRelu", ["h1", "slope"], ["y"]),
    ]
    return make(nodes, [value("x", ["batch", 3, 4])], [output("y")],
                [const("slope", [[0.1], [0.2], [0.3]])], opset=16)


main({"model": model})
