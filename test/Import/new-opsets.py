# Models of opsets 18-21, newer than libonnx 1.12 knows: its checker and shape
# inference are skipped and the rect ops' own inference types the graph.
# RUN: %python %s 18 %t18.onnx
# RUN: rectify-import %t18.onnx | FileCheck %s
# RUN: %python %s 19 %t19.onnx
# RUN: rectify-import %t19.onnx | FileCheck %s
# RUN: %python %s 21 %t21.onnx
# RUN: rectify-import %t21.onnx | FileCheck %s

# CHECK: func.func @main(%[[X:.*]]: tensor<?x1x8x8xf32> {rect.name = "image"}) -> (tensor<?x10xf32> {rect.name = "probs"})
# CHECK: %[[F:.*]] = rect.reshape %[[X]] : tensor<?x1x8x8xf32> -> tensor<?x64xf32>
# CHECK: %[[H:.*]] = rect.linear %[[F]], %{{.*}} bias(%{{.*}}) : (tensor<?x64xf32>, tensor<32x64xf32>, tensor<32xf32>) -> tensor<?x32xf32>
# CHECK: %[[C:.*]] = rect.clip %[[H]] {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<?x32xf32>
# CHECK: %[[L:.*]] = rect.linear %[[C]], %{{.*}} bias(%{{.*}}) : (tensor<?x32xf32>, tensor<10x32xf32>, tensor<10xf32>) -> tensor<?x10xf32>
# CHECK: %[[S:.*]] = rect.softmax %[[L]] : tensor<?x10xf32>
# CHECK: return %[[S]]

import sys

import numpy as np
from onnx_models import *


def model(opset):
    inits = [const("shape", [0, -1], np.int64),
             const("w1", np.ones((32, 64))), const("b1", np.zeros(32)),
             const("w2", np.ones((10, 32))), const("b2", np.zeros(10)),
             const("lo", 0.0), const("hi", 6.0)]
    return make([node("Reshape", ["image", "shape"], ["flat"]),
                 node("Gemm", ["flat", "w1", "b1"], ["h"], transB=1),
                 node("Clip", ["h", "lo", "hi"], ["c"]),
                 node("Gemm", ["c", "w2", "b2"], ["logits"], transB=1),
                 node("Softmax", ["logits"], ["probs"])],
                [value("image", ["N", 1, 8, 8])], [output("probs")], inits,
                opset=opset, ir_version=8 if opset < 21 else 10)


save(model(int(sys.argv[1])), sys.argv[2])
