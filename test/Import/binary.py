# Add/Sub/Mul/Div with numpy broadcasting, Max/Min with two inputs (and a
# variadic Max folded left to right); a shape mismatch names the node.
# RUN: %python %s model %t.onnx
# RUN: rectify-import %t.onnx | FileCheck %s
# RUN: %python %s mismatch %tm.onnx
# RUN: not rectify-import %tm.onnx 2>&1 | FileCheck %s --check-prefix=MISMATCH

# CHECK: func.func @main(%[[X:.*]]: tensor<?x4xf32> {rect.name = "x"}, %[[Y:.*]]: tensor<4xf32> {rect.name = "y"})
# CHECK-DAG: %[[TWO:.*]] = rect.constant dense<2.000000e+00> : tensor<f32>
# CHECK-DAG: %[[ROW:.*]] = rect.constant dense_resource<row> : tensor<1x4xf32>
# CHECK: %[[A:.*]] = rect.add %[[X]], %[[Y]] : tensor<?x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
# CHECK: %[[S:.*]] = rect.sub %[[A]], %[[ROW]] : tensor<?x4xf32>, tensor<1x4xf32> -> tensor<?x4xf32>
# CHECK: %[[M:.*]] = rect.mul %[[S]], %[[TWO]] : tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
# CHECK: %[[D:.*]] = rect.div %[[M]], %[[Y]] : tensor<?x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
# CHECK: %[[MX:.*]] = rect.max %[[D]], %[[X]] : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x4xf32>
# CHECK: %[[MN:.*]] = rect.min %[[MX]], %[[Y]] : tensor<?x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
# CHECK: %[[V1:.*]] = rect.max %[[MN]], %[[X]] : tensor<?x4xf32>, tensor<?x4xf32> -> tensor<?x4xf32>
# CHECK: %[[V2:.*]] = rect.max %[[V1]], %[[Y]] : tensor<?x4xf32>, tensor<4xf32> -> tensor<?x4xf32>
# CHECK: return %[[V2]]

# MISMATCH: node 'bad_add': error: {{.*}}shapes [?x4] and [3] do not broadcast

from onnx_models import *


def model():
    return make([node("Add", ["x", "y"], ["a"]),
                 node("Sub", ["a", "row"], ["s"]),
                 node("Mul", ["s", "two"], ["m"]),
                 node("Div", ["m", "y"], ["d"]),
                 node("Max", ["d", "x"], ["mx"]),
                 node("Min", ["mx", "y"], ["mn"]),
                 node("Max", ["mn", "x", "y"], ["z"])],
                [value("x", ["N", 4]), value("y", [4])], [output("z")],
                [const("two", 2.0), const("row", [[1, 2, 3, 4]])])


def mismatch():
    return make([node("Add", ["x", "y"], ["z"], name="bad_add")],
                [value("x", ["N", 4]), value("y", [3])], [output("z")])


main({"model": model, "mismatch": mismatch})
