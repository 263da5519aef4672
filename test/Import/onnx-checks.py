# libonnx's checker runs on models of the opsets it knows (<= 17) and its
# failures are errors; its shape inference only warns, since the rect ops'
# inference decides the types. Newer opsets skip both.
# RUN: %python %s bad_attr13 %t13.onnx
# RUN: not rectify-import %t13.onnx 2>&1 | FileCheck %s --check-prefix=CHECKER
# RUN: %python %s bad_attr19 %t19.onnx
# RUN: rectify-import %t19.onnx | FileCheck %s --check-prefix=SKIPPED
# RUN: %python %s bad_output %tout.onnx
# RUN: rectify-import %tout.onnx 2>&1 | FileCheck %s --check-prefix=INFERENCE

# CHECKER: error: the ONNX checker rejects the model: Unrecognized attribute: bogus for operator Relu
# SKIPPED: rect.relu %{{.*}} : tensor<2xf32>

# INFERENCE: warning: ONNX shape inference failed ({{.*}}); using the importer's own shape inference
# INFERENCE: -> (tensor<4xf32> {rect.name = "y"})

from onnx_models import *


def bad_attr(opset):
    return make([node("Relu", ["x"], ["y"], bogus=1)], [value("x", [2])],
                [output("y")], opset=opset)


def bad_output():
    return make([node("Relu", ["x"], ["y"])], [value("x", [4])],
                [value("y", [5])])


main({"bad_attr13": lambda: bad_attr(13), "bad_attr19": lambda: bad_attr(19),
      "bad_output": bad_output})
