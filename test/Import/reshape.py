# Reshape with a constant shape: -1 infers, 0 copies the input dim (a copied
# or inferred dynamic batch stays dynamic), allowzero (opset 14) keeps a 0; the
# shape may come from a Constant node. A static result from a dynamic input is
# an error naming the node; a shape fed as a graph input is rejected.
# RUN: %python %s model %t.onnx
# RUN: rectify-import %t.onnx | FileCheck %s
# RUN: %python %s allowzero %tz.onnx
# RUN: rectify-import %tz.onnx | FileCheck %s --check-prefix=ALLOWZERO
# RUN: %python %s static %ts.onnx
# RUN: not rectify-import %ts.onnx 2>&1 | FileCheck %s --check-prefix=STATIC
# RUN: rectify-import %ts.onnx --input-shape x=1x1x28x28 | FileCheck %s --check-prefix=FIXED
# RUN: %python %s dynamic_shape %td.onnx
# RUN: not rectify-import %td.onnx 2>&1 | FileCheck %s --check-prefix=DYNSHAPE

# CHECK: func.func @main(%[[X:.*]]: tensor<?x1x28x28xf32> {rect.name = "x"})
# CHECK-NOT: rect.constant
# CHECK: %[[A:.*]] = rect.reshape %[[X]] : tensor<?x1x28x28xf32> -> tensor<?x784xf32>
# CHECK: %[[B:.*]] = rect.reshape %[[X]] : tensor<?x1x28x28xf32> -> tensor<?x28x28xf32>
# CHECK: %[[C:.*]] = rect.reshape %[[A]] : tensor<?x784xf32> -> tensor<?x16x49xf32>
# CHECK: return %[[A]], %[[B]], %[[C]]

# ALLOWZERO: rect.reshape %{{.*}} : tensor<3x0xf32> -> tensor<0x3xf32>
# ALLOWZERO: rect.reshape %{{.*}} : tensor<3x4xf32> -> tensor<3x4xf32>

# STATIC: node 'flat': error: Reshape: cannot reshape [?x1x28x28] to the static shape [1x784]: the dynamic dimension has no place in it (fix it with --input-shape)
# FIXED: rect.reshape %{{.*}} : tensor<1x1x28x28xf32> -> tensor<1x784xf32>

# DYNSHAPE: error: input 'shape' has element type INT64; only float32 inputs are supported

import numpy as np
from onnx_models import *


def model():
    return make([node("Reshape", ["x", "flat"], ["a"]),
                 node("Constant", [], ["keep"], value_ints=[0, 28, 28]),
                 node("Reshape", ["x", "keep"], ["b"]),
                 node("Reshape", ["a", "split"], ["c"])],
                [value("x", ["N", 1, 28, 28])],
                [output("a"), output("b"), output("c")],
                [const("flat", [-1, 784], np.int64),
                 const("split", [0, 16, -1], np.int64)])


def allowzero():
    return make([node("Reshape", ["x", "shape"], ["a"], allowzero=1),
                 node("Reshape", ["y", "copy"], ["b"], allowzero=0)],
                [value("x", [3, 0]), value("y", [3, 4])],
                [output("a"), output("b")],
                [const("shape", [0, 3], np.int64),
                 const("copy", [0, 4], np.int64)], opset=14)


def static():
    return make([node("Reshape", ["x", "shape"], ["y"], name="flat")],
                [value("x", ["N", 1, 28, 28])], [output("y")],
                [const("shape", [1, 784], np.int64)])


def dynamic_shape():
    return make([node("Reshape", ["x", "shape"], ["y"])],
                [value("x", [2, 3]), value("shape", [2], TensorProto.INT64)],
                [output("y")])


main({"model": model, "allowzero": allowzero, "static": static,
      "dynamic_shape": dynamic_shape})
