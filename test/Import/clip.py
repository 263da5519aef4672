# Clip: opset 7 attributes and opset >= 11 optional constant inputs, each bound
# possibly absent; a non-constant bound is an error naming the node.
# RUN: %python %s opset7 %t7.onnx
# RUN: rectify-import %t7.onnx | FileCheck %s --check-prefix=OPSET7
# RUN: %python %s opset11 %t11.onnx
# RUN: rectify-import %t11.onnx | FileCheck %s --check-prefix=OPSET11
# RUN: %python %s opset13 %t13.onnx
# RUN: rectify-import %t13.onnx | FileCheck %s --check-prefix=OPSET13
# RUN: %python %s dynamic %td.onnx
# RUN: not rectify-import %td.onnx 2>&1 | FileCheck %s --check-prefix=DYNAMIC

# OPSET7: %[[A:.*]] = rect.clip %{{.*}} {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<4xf32>
# OPSET7: %[[B:.*]] = rect.clip %[[A]] {min = -1.000000e+00 : f32} : tensor<4xf32>
# OPSET7: %[[C:.*]] = rect.clip %[[B]] {max = 2.000000e+00 : f32} : tensor<4xf32>
# OPSET7: %[[D:.*]] = rect.clip %[[C]] : tensor<4xf32>
# OPSET7: return %[[D]]

# OPSET11: %[[A:.*]] = rect.clip %{{.*}} {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<4xf32>
# OPSET11: %[[B:.*]] = rect.clip %[[A]] {min = -1.000000e+00 : f32} : tensor<4xf32>
# OPSET11: %[[C:.*]] = rect.clip %[[B]] {max = 2.000000e+00 : f32} : tensor<4xf32>
# OPSET11: %[[D:.*]] = rect.clip %[[C]] : tensor<4xf32>
# OPSET11: return %[[D]]

# OPSET13: rect.clip %{{.*}} {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<4xf32>
# OPSET13-NOT: rect.constant

# DYNAMIC: node 'clip': error: Clip: max (input 'hi') must be a constant (an initializer or a Constant node)

from onnx_models import *


def attrs():
    return make([node("Clip", ["x"], ["a"], min=0.0, max=6.0),
                 node("Clip", ["a"], ["b"], min=-1.0),
                 node("Clip", ["b"], ["c"], max=2.0),
                 node("Clip", ["c"], ["y"])],
                [value("x", [4])], [output("y")], opset=7)


def inputs(opset):
    return make([node("Clip", ["x", "zero", "six"], ["a"]),
                 node("Clip", ["a", "minus_one"], ["b"]),
                 node("Clip", ["b", "", "two"], ["c"]),
                 node("Clip", ["c"], ["y"])],
                [value("x", [4])], [output("y")],
                [const("zero", 0.0), const("six", 6.0),
                 const("minus_one", -1.0), const("two", 2.0)], opset=opset)


def constant_nodes():
    return make([node("Constant", [], ["lo"], value_float=0.0),
                 node("Constant", [], ["hi"], value_float=6.0),
                 node("Clip", ["x", "lo", "hi"], ["y"])],
                [value("x", [4])], [output("y")], opset=13)


def dynamic():
    return make([node("Clip", ["x", "", "hi"], ["y"], name="clip")],
                [value("x", [4]), value("hi", [])], [output("y")], opset=13)


main({"opset7": attrs, "opset11": lambda: inputs(11),
      "opset13": constant_nodes, "dynamic": dynamic})
