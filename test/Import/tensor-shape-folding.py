# Shape sub-graphs are folded at import time: Shape -> Gather -> Unsqueeze ->
# Concat -> Reshape gives the Reshape a constant target that keeps the
# dynamic batch (`?`), also next to an explicit -1 and through integer
# arithmetic; Shape -> Slice, ConstantOfShape and Cast of constants fold too.
# RUN: %python %s batch %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=BATCH
# RUN: %python %s static %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=STATIC
# RUN: %python %s constant_of_shape %t3.onnx
# RUN: rectify-import %t3.onnx | FileCheck %s --check-prefix=COS
# RUN: %python %s runtime_cast %t4.onnx
# RUN: not rectify-import %t4.onnx 2>&1 | FileCheck %s --check-prefix=CAST
# RUN: %python %s batch_cos %t5.onnx
# RUN: rectify-import %t5.onnx | FileCheck %s --check-prefix=BCOS
# RUN: %python %s batch_cos_int %t6.onnx
# RUN: not rectify-import %t6.onnx 2>&1 | FileCheck %s --check-prefix=BCOSINT

# x: [N, 4, 6]. view(N, 24), view(N, -1, 2), view(N * 4, 6), view(-1, 3, N)
# is unsupported (two unknowns are fine only as one batch entry and one -1).
# BATCH: func.func @main(%[[X:.*]]: tensor<?x4x6xf32> {rect.name = "x"})
# BATCH-NOT: rect.constant
# BATCH: %[[A:.*]] = rect.reshape %[[X]] : tensor<?x4x6xf32> -> tensor<?x24xf32>
# BATCH: %[[B:.*]] = rect.reshape %[[X]] : tensor<?x4x6xf32> -> tensor<?x12x2xf32>
# BATCH: %[[C:.*]] = rect.reshape %[[X]] : tensor<?x4x6xf32> -> tensor<?x6xf32>
# BATCH: return %[[A]], %[[B]], %[[C]]

# STATIC: func.func @main(%[[X:.*]]: tensor<2x4x6xf32> {rect.name = "x"})
# STATIC: %[[A:.*]] = rect.reshape %[[X]] : tensor<2x4x6xf32> -> tensor<8x6xf32>
# STATIC: return %[[A]]

# COS: %[[C:.*]] = rect.constant dense_resource<twos> : tensor<3x4xf32>
# COS: %[[T:.*]] = rect.constant dense<3.000000e+00> : tensor<f32>
# COS: %[[S:.*]] = rect.add %{{.*}}, %[[C]] : tensor<?x3x4xf32>, tensor<3x4xf32> -> tensor<?x3x4xf32>
# COS: %[[M:.*]] = rect.mul %[[S]], %[[T]] : tensor<?x3x4xf32>, tensor<f32> -> tensor<?x3x4xf32>
# COS: return %[[M]]
# COS: twos: "0x04000000000000400000004000000040000000400000004000000040000000400000004000000040000000400000004000000040"

# CAST: error: Cast of the run-time value 'x' to data type 7 is not supported; only float32 data flows at run time
# A float ConstantOfShape of a shape holding the batch is a rect.fill sized
# after the graph input's batch; an integer one (shape arithmetic) is not
# supported.
# BCOS: func.func @main(%[[X:.*]]: tensor<?x3xf32> {rect.name = "x"})
# BCOS: %[[Z:.*]] = rect.fill %[[X]] {source_dim = 0 : i64, value = 0.000000e+00 : f32} : tensor<?x3xf32> -> tensor<?x3xf32>
# BCOS: rect.add %[[X]], %[[Z]]
# BCOSINT: error: ConstantOfShape: an integer tensor whose shape depends on the dynamic batch is not supported

import numpy as np
from onnx import TensorProto, helper

from onnx_models import *


def ints(name, values):
    return const(name, values, dtype=np.int64)


def batch():
    nodes = [
        node("Shape", ["x"], ["shape"]),
        node("Gather", ["shape", "zero"], ["n"], axis=0),
        node("Unsqueeze", ["n"], ["n1"], axes=[0]),
        # view(N, 24)
        node("Concat", ["n1", "c24"], ["t1"], axis=0),
        node("Reshape", ["x", "t1"], ["a"]),
        # view(N, -1, 2)
        node("Concat", ["n1", "minus1", "c2"], ["t2"], axis=0),
        node("Reshape", ["x", "t2"], ["b"]),
        # view(N * 4, 6) with the product computed from the shape, and the 6
        # read back through Shape -> Slice.
        node("Mul", ["n", "four"], ["n4"]),
        node("Unsqueeze", ["n4"], ["n41"], axes=[0]),
        node("Slice", ["shape", "s2", "s3"], ["last"]),
        node("Concat", ["n41", "last"], ["t3"], axis=0),
        node("Reshape", ["x", "t3"], ["c"]),
    ]
    inits = [ints("zero", 0), ints("c24", [24]), ints("minus1", [-1]),
             ints("c2", [2]), ints("four", 4), ints("s2", [2]),
             ints("s3", [3])]
    return make(nodes, [value("x", ["N", 4, 6])],
                [output("a"), output("b"), output("c")], inits, opset=11)


def static():
    # Shape of a static input, sliced with a negative start, cast through
    # float and back, multiplied, concatenated.
    nodes = [
        node("Shape", ["x"], ["shape"]),
        node("Slice", ["shape", "m2", "big"], ["tail"]),
        node("Cast", ["tail"], ["tailf"], to=TensorProto.FLOAT),
        node("Cast", ["tailf"], ["taili"], to=TensorProto.INT64),
        node("ReduceMin", ["taili"], ["dummy"], keepdims=0),
        node("Gather", ["shape", "zero"], ["n"], axis=0),
        node("Gather", ["taili", "zero"], ["four"], axis=0),
        node("Mul", ["n", "four"], ["rows"]),
        node("Unsqueeze", ["rows", "axes0"], ["rows1"]),
        node("Concat", ["rows1", "minus1"], ["target"], axis=0),
        node("Reshape", ["x", "target"], ["a"]),
    ]
    inits = [ints("m2", [-2]), ints("big", [1 << 62]), ints("zero", 0),
             ints("axes0", [0]), ints("minus1", [-1])]
    # ReduceMin of an int constant is not folded: keep it out of the graph.
    nodes = [n for n in nodes if n.op_type != "ReduceMin"]
    return make(nodes, [value("x", [2, 4, 6])], [output("a")], inits,
                opset=13)


def constant_of_shape():
    value_attr = helper.make_tensor("v", TensorProto.FLOAT, [1], [2.0])
    nodes = [
        node("ConstantOfShape", ["shape"], ["twos"], value=value_attr),
        node("Add", ["x", "twos"], ["s"]),
        node("Cast", ["three_i"], ["three"], to=TensorProto.FLOAT),
        node("Mul", ["s", "three"], ["m"]),
    ]
    return make(nodes, [value("x", ["N", 3, 4])], [output("m")],
                [ints("shape", [3, 4]), ints("three_i", 3)], opset=13)


def runtime_cast():
    return make([node("Cast", ["x"], ["y"], to=TensorProto.INT64)],
                [value("x", ["N", 3])],
                [helper.make_tensor_value_info("y", TensorProto.INT64, None)],
                opset=13)


def batch_cos():
    return make([node("Shape", ["x"], ["s"]),
                 node("ConstantOfShape", ["s"], ["z"]),
                 node("Add", ["x", "z"], ["y"])],
                [value("x", ["N", 3])], [output("y")], opset=13)


def batch_cos_int():
    one = helper.make_tensor("one", TensorProto.INT64, [1], [1])
    return make([node("Shape", ["x"], ["s"]),
                 node("ConstantOfShape", ["s"], ["z"], value=one),
                 node("Shape", ["z"], ["y"])],
                [value("x", ["N", 3])], [output("y")], opset=13)


main({"batch": batch, "static": static,
      "constant_of_shape": constant_of_shape, "runtime_cast": runtime_cast,
      "batch_cos": batch_cos, "batch_cos_int": batch_cos_int})
