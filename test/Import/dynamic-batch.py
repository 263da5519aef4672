# Graph inputs: a symbolic batch shared by several inputs and an unknown
# leading dim stay dynamic; two distinct symbols, an unknown inner dim or two
# dynamic dims in one input are errors pointing at --input-shape; a missing
# shape needs --input-shape; non-float inputs are rejected.
# RUN: %python %s shared %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=SHARED
# RUN: %python %s unknown %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=UNKNOWN
# RUN: %python %s two_symbols %t3.onnx
# RUN: not rectify-import %t3.onnx 2>&1 | FileCheck %s --check-prefix=TWO
# RUN: rectify-import %t3.onnx --input-shape mask=8x4 | FileCheck %s --check-prefix=TWO-FIXED
# RUN: %python %s inner %t4.onnx
# RUN: not rectify-import %t4.onnx 2>&1 | FileCheck %s --check-prefix=INNER
# RUN: %python %s no_shape %t5.onnx
# RUN: not rectify-import %t5.onnx 2>&1 | FileCheck %s --check-prefix=NOSHAPE
# RUN: rectify-import %t5.onnx --input-shape x=?x4 | FileCheck %s --check-prefix=UNKNOWN
# RUN: %python %s int_input %t6.onnx
# RUN: not rectify-import %t6.onnx 2>&1 | FileCheck %s --check-prefix=INT

# SHARED: func.func @main(%{{.*}}: tensor<?x4xf32> {rect.name = "x"}, %{{.*}}: tensor<?x4xf32> {rect.name = "y"}) -> (tensor<?x4xf32> {rect.name = "z"})

# UNKNOWN: func.func @main(%{{.*}}: tensor<?x4xf32> {rect.name = "x"}) -> (tensor<?x4xf32> {rect.name = "y"})

# TWO: error: the inputs have 2 distinct symbolic dimensions (batch, rows); the compiled model supports one dynamic (batch) dimension: fix the others with --input-shape NAME=DIMS
# TWO-FIXED: func.func @main(%{{.*}}: tensor<?x4xf32> {rect.name = "x"}, %{{.*}}: tensor<8x4xf32> {rect.name = "mask"})

# INNER: error: dimension 1 of input 'x' is unknown; only a leading (batch) dimension may stay dynamic: fix it with --input-shape x=DIMS

# NOSHAPE: error: input 'x' has no declared shape; give one with --input-shape x=DIMS

# INT: error: input 'ids' has element type INT64; only float32 inputs are supported

from onnx import TensorProto

from onnx_models import *


def relu(inputs):
    return make([node("Relu", [inputs[0].name], ["y"])], inputs,
                [output("y")])


main({
    "shared": lambda: make([node("Add", ["x", "y"], ["z"])],
                           [value("x", ["N", 4]), value("y", ["N", 4])],
                           [output("z")]),
    "unknown": lambda: relu([value("x", [None, 4])]),
    "two_symbols": lambda: make(
        [node("Relu", ["x"], ["y"]), node("Relu", ["mask"], ["z"])],
        [value("x", ["batch", 4]), value("mask", ["rows", 4])],
        [output("y"), output("z")]),
    "inner": lambda: relu([value("x", [1, None])]),
    "no_shape": lambda: relu([value("x", None)]),
    "int_input": lambda: relu([value("ids", [2], TensorProto.INT64)]),
})
