# Gemm -> rect.linear(A', W, bias): transB=1 keeps B, transB=0 transposes it,
# transA transposes A, alpha scales W, beta scales C; C broadcasting along N
# (scalar, [1], [N], [1,N]) is the bias, C varying along M ([M,N], [M,1]) is
# a rect.add after the linear; no C and beta=0 give no bias.
# RUN: %python %s transb %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=TRANSB
# RUN: %python %s plain %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=PLAIN
# RUN: %python %s biases %t3.onnx
# RUN: rectify-import %t3.onnx | FileCheck %s --check-prefix=BIASES
# RUN: %python %s full %t4.onnx
# RUN: rectify-import %t4.onnx | FileCheck %s --check-prefix=FULL
# RUN: %python %s nobias %t5.onnx
# RUN: rectify-import %t5.onnx | FileCheck %s --check-prefix=NOBIAS
# RUN: %python %s badbias %t6.onnx
# RUN: not rectify-import %t6.onnx 2>&1 | FileCheck %s --check-prefix=BADBIAS

# TRANSB: func.func @main(%[[X:.*]]: tensor<?x4xf32>
# TRANSB-DAG: %[[W:.*]] = rect.constant dense_resource<W> : tensor<3x4xf32>
# TRANSB-DAG: %[[B:.*]] = rect.constant dense_resource<b> : tensor<3xf32>
# TRANSB: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[B]]) : (tensor<?x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<?x3xf32>
# TRANSB-NEXT: return %[[Y]]

# transA=1, transB=0, alpha=2, beta=0.5, C of shape [1, N].
# PLAIN: func.func @main(%[[A:.*]]: tensor<4x?xf32>
# PLAIN-DAG: %[[B:.*]] = rect.constant dense_resource<B> : tensor<4x3xf32>
# PLAIN-DAG: %[[C:.*]] = rect.constant dense_resource<C> : tensor<1x3xf32>
# PLAIN: %[[X:.*]] = rect.transpose %[[A]] {permutation = array<i64: 1, 0>} : tensor<4x?xf32> -> tensor<?x4xf32>
# PLAIN: %[[WT:.*]] = rect.transpose %[[B]] {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
# PLAIN: %[[ALPHA:.*]] = rect.constant dense<2.000000e+00> : tensor<f32>
# PLAIN: %[[W:.*]] = rect.mul %[[WT]], %[[ALPHA]] : tensor<3x4xf32>, tensor<f32> -> tensor<3x4xf32>
# PLAIN: %[[BETA:.*]] = rect.constant dense<5.000000e-01> : tensor<f32>
# PLAIN: %[[CB:.*]] = rect.mul %[[C]], %[[BETA]] : tensor<1x3xf32>, tensor<f32> -> tensor<1x3xf32>
# PLAIN: %[[BIAS:.*]] = rect.reshape %[[CB]] : tensor<1x3xf32> -> tensor<3xf32>
# PLAIN: %[[Y:.*]] = rect.linear %[[X]], %[[W]] bias(%[[BIAS]]) : (tensor<?x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<?x3xf32>
# PLAIN-NEXT: return %[[Y]]

# BIASES-DAG: %[[S:.*]] = rect.constant dense<5.000000e-01> : tensor<f32>
# BIASES-DAG: %[[ONE:.*]] = rect.constant dense<2.500000e-01> : tensor<1xf32>
# BIASES-DAG: %[[N:.*]] = rect.constant dense_resource<bias_n> : tensor<3xf32>
# BIASES: rect.linear %{{.*}}, %{{.*}} bias(%[[S]]) : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<f32>) -> tensor<2x3xf32>
# BIASES: rect.linear %{{.*}}, %{{.*}} bias(%[[ONE]]) : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<1xf32>) -> tensor<2x3xf32>
# BIASES: rect.linear %{{.*}}, %{{.*}} bias(%[[N]]) : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
# BIASES: %[[R:.*]] = rect.reshape %{{.*}} : tensor<1x1xf32> -> tensor<1xf32>
# BIASES: rect.linear %{{.*}}, %{{.*}} bias(%[[R]]) : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<1xf32>) -> tensor<2x3xf32>

# FULL-DAG: %[[MN:.*]] = rect.constant dense_resource<c_mn> : tensor<2x3xf32>
# FULL-DAG: %[[M1:.*]] = rect.constant dense_resource<c_m1> : tensor<2x1xf32>
# FULL: %[[L1:.*]] = rect.linear %{{[^ ]*}}, %{{[^ ]*}} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
# FULL: rect.add %[[L1]], %[[MN]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
# FULL: %[[L2:.*]] = rect.linear %{{[^ ]*}}, %{{[^ ]*}} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
# FULL: rect.add %[[L2]], %[[M1]] : tensor<2x3xf32>, tensor<2x1xf32> -> tensor<2x3xf32>

# NOBIAS-NOT: bias(
# NOBIAS-NOT: rect.add
# NOBIAS: rect.linear %{{[^ ]*}}, %{{[^ ]*}} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
# NOBIAS: rect.linear %{{[^ ]*}}, %{{[^ ]*}} : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>

# BADBIAS: node 'gemm': error: Gemm: C of shape [5] does not broadcast to [2x3]

import numpy as np
from onnx_models import *

W = np.arange(12, dtype=np.float32).reshape(3, 4)


def transb():
    return make([node("Gemm", ["x", "W", "b"], ["y"], transB=1)],
                [value("x", ["N", 4])], [output("y")],
                [const("W", W), const("b", [1, 2, 3])])


def plain():
    return make([node("Gemm", ["a", "B", "C"], ["y"], transA=1, alpha=2.0,
                      beta=0.5)],
                [value("a", [4, "N"])], [output("y")],
                [const("B", W.T), const("C", [[1, 2, 3]])], opset=11)


def gemms(biases, opset=13, **attrs):
    nodes = [node("Gemm", ["x", "W"] + ([c] if c else []), ["y%d" % i],
                  transB=1, **attrs) for i, c in enumerate(biases)]
    outputs = [output("y%d" % i) for i in range(len(biases))]
    inits = [const("W", W), const("bias_s", 0.5), const("bias_1", [0.25]),
             const("bias_n", [1, 2, 3]), const("bias_11", [[7]]),
             const("c_mn", np.ones((2, 3))), const("c_m1", [[1], [2]]),
             const("bias_5", np.ones(5))]
    return make(nodes, [value("x", [2, 4])], outputs, inits, opset=opset)


def badbias():
    return make([node("Gemm", ["x", "W", "bias_5"], ["y"], name="gemm",
                      transB=1)],
                [value("x", [2, 4])], [output("y")],
                [const("W", W), const("bias_5", np.ones(5))])


main({"transb": transb, "plain": plain,
      "biases": lambda: gemms(["bias_s", "bias_1", "bias_n", "bias_11"]),
      "full": lambda: gemms(["c_mn", "c_m1"], opset=9),
      "nobias": lambda: gemms([None, "bias_n"], beta=0.0),
      "badbias": badbias})
