# Constant nodes: value (tensor), value_float(s) and value_int(s), used as data
# (materialised as rect.constant at first use) and as shapes (never
# materialised). A Constant whose value is a string is an error.
# RUN: %python %s model %t.onnx
# RUN: rectify-import %t.onnx | FileCheck %s
# RUN: %python %s strings %ts.onnx
# RUN: not rectify-import %ts.onnx 2>&1 | FileCheck %s --check-prefix=STRINGS

# CHECK: func.func @main(%[[X:.*]]: tensor<2x3xf32> {rect.name = "x"})
# CHECK-DAG: %[[T:.*]] = rect.constant dense_resource<t> : tensor<2x3xf32>
# CHECK-DAG: %[[F:.*]] = rect.constant dense<5.000000e-01> : tensor<f32>
# CHECK-DAG: %[[FS:.*]] = rect.constant dense_resource<fs> : tensor<3xf32>
# CHECK: %[[A:.*]] = rect.add %[[X]], %[[T]]
# CHECK: %[[B:.*]] = rect.mul %[[A]], %[[F]]
# CHECK: %[[C:.*]] = rect.sub %[[B]], %[[FS]]
# CHECK: %[[D:.*]] = rect.reshape %[[C]] : tensor<2x3xf32> -> tensor<3x2xf32>
# CHECK: %[[E:.*]] = rect.reshape %[[D]] : tensor<3x2xf32> -> tensor<6xf32>
# CHECK: return %[[E]]
# CHECK: t: "0x04000000
# CHECK: fs: "0x04000000

# STRINGS: node 'Constant#0': error: Constant with attribute 'value_string' is not supported (value, value_float(s) and value_int(s) are)

import numpy as np
from onnx import numpy_helper

from onnx_models import *


def model():
    tensor = numpy_helper.from_array(
        np.arange(6, dtype=np.float32).reshape(2, 3))
    return make([node("Constant", [], ["t"], value=tensor),
                 node("Constant", [], ["f"], value_float=0.5),
                 node("Constant", [], ["fs"], value_floats=[1.0, 2.0, 3.0]),
                 node("Constant", [], ["shape"], value_ints=[3, 2]),
                 node("Constant", [], ["flat"], value_int=-1),
                 node("Add", ["x", "t"], ["a"]),
                 node("Mul", ["a", "f"], ["b"]),
                 node("Sub", ["b", "fs"], ["c"]),
                 node("Reshape", ["c", "shape"], ["d"]),
                 node("Constant", [], ["flat1"], value_ints=[-1]),
                 node("Reshape", ["d", "flat1"], ["e"])],
                [value("x", [2, 3])], [output("e")], opset=13)


main({"model": model,
      "strings": lambda: make(
          [node("Constant", [], ["s"], value_string="hi")],
          [value("x", [1])], [output("x")], opset=13)})
