# Unary activations and math ops, each imported as its rect op (opset 14 for
# HardSwish; the others exist from opset 7 on).
# RUN: %python %s opset14 %t14.onnx
# RUN: rectify-import %t14.onnx | FileCheck %s
# RUN: %python %s opset7 %t7.onnx
# RUN: rectify-import %t7.onnx | FileCheck %s --check-prefix=OPSET7

# CHECK: func.func @main(%[[X:.*]]: tensor<2x3xf32> {rect.name = "x"})
# CHECK: %[[A:.*]] = rect.relu %[[X]] : tensor<2x3xf32>
# CHECK: %[[B:.*]] = rect.sigmoid %[[A]] : tensor<2x3xf32>
# CHECK: %[[C:.*]] = rect.tanh %[[B]] : tensor<2x3xf32>
# CHECK: %[[D:.*]] = rect.softplus %[[C]] : tensor<2x3xf32>
# CHECK: %[[E:.*]] = rect.hard_swish %[[D]] : tensor<2x3xf32>
# CHECK: %[[F:.*]] = rect.exp %[[E]] : tensor<2x3xf32>
# CHECK: %[[G:.*]] = rect.abs %[[F]] : tensor<2x3xf32>
# CHECK: %[[H:.*]] = rect.neg %[[G]] : tensor<2x3xf32>
# CHECK: %[[I:.*]] = rect.sqrt %[[H]] : tensor<2x3xf32>
# CHECK: %[[J:.*]] = rect.erf %[[I]] : tensor<2x3xf32>
# CHECK: return %[[J]] : tensor<2x3xf32>

# OPSET7: rect.relu
# OPSET7-NEXT: rect.sigmoid
# OPSET7-NEXT: rect.tanh
# OPSET7-NEXT: rect.softplus
# OPSET7-NEXT: rect.exp
# OPSET7-NEXT: rect.abs
# OPSET7-NEXT: rect.neg
# OPSET7-NEXT: rect.sqrt
# OPSET7-NEXT: return

from onnx_models import *


def chain(ops, opset):
    names = ["x"] + ["t%d" % i for i in range(len(ops) - 1)] + ["y"]
    nodes = [node(op, [names[i]], [names[i + 1]]) for i, op in enumerate(ops)]
    return make(nodes, [value("x", [2, 3])], [output("y")], opset=opset)


main({
    "opset14": lambda: chain(["Relu", "Sigmoid", "Tanh", "Softplus",
                              "HardSwish", "Exp", "Abs", "Neg", "Sqrt", "Erf"],
                             14),
    "opset7": lambda: chain(["Relu", "Sigmoid", "Tanh", "Softplus", "Exp",
                             "Abs", "Neg", "Sqrt"], 7),
})
