# BatchNormalization (inference) -> rect.batch_norm at opsets 7 (spatial), 9,
# 14 (training_mode = 0) and 15; errors for spatial = 0, training_mode = 1
# and a used training output (running mean).
# RUN: %python %s opset7 %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=BN
# RUN: %python %s opset9 %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=BN
# RUN: %python %s opset14 %t3.onnx
# RUN: rectify-import %t3.onnx | FileCheck %s --check-prefix=BN
# RUN: %python %s opset15 %t4.onnx
# RUN: rectify-import %t4.onnx | FileCheck %s --check-prefix=BN
# RUN: %python %s spatial0 %t5.onnx
# RUN: not rectify-import %t5.onnx 2>&1 | FileCheck %s --check-prefix=SPATIAL
# RUN: %python %s training %t6.onnx
# RUN: not rectify-import %t6.onnx 2>&1 | FileCheck %s --check-prefix=TRAINING
# RUN: %python %s stats %t7.onnx
# RUN: not rectify-import %t7.onnx 2>&1 | FileCheck %s --check-prefix=STATS

# BN: func.func @main(%[[X:.*]]: tensor<?x3x4x4xf32>
# BN-DAG: %[[S:.*]] = rect.constant dense_resource<s> : tensor<3xf32>
# BN-DAG: %[[B:.*]] = rect.constant dense_resource<b> : tensor<3xf32>
# BN-DAG: %[[M:.*]] = rect.constant dense_resource<m> : tensor<3xf32>
# BN-DAG: %[[V:.*]] = rect.constant dense_resource<v> : tensor<3xf32>
# BN: rect.batch_norm %[[X]], %[[S]], %[[B]], %[[M]], %[[V]] {epsilon = 1.000000e-03 : f32} : tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>

# SPATIAL: node 'bn': error: BatchNormalization: spatial=0 (per-element statistics) is not supported
# TRAINING: node 'bn': error: BatchNormalization: training_mode=1 is not supported (inference only)
# STATS: node 'bn': error: BatchNormalization: output 1 ('mean_out', a training statistic) is used; only inference is supported

from onnx_models import *

INITS = [const("s", [1, 2, 3]), const("b", [0, 1, 0]), const("m", [0.5, 0, 1]),
         const("v", [1, 2, 3])]


def bn(opset, outputs=("y",), graph_outputs=("y",), **attrs):
    return make([node("BatchNormalization", ["x", "s", "b", "m", "v"],
                      list(outputs), name="bn", epsilon=1e-3, **attrs)],
                [value("x", ["N", 3, 4, 4])],
                [output(o) for o in graph_outputs], INITS, opset=opset)


main({"opset7": lambda: bn(7, spatial=1),
      "opset9": lambda: bn(9, momentum=0.8),
      "opset14": lambda: bn(14, training_mode=0),
      "opset15": lambda: bn(15),
      "spatial0": lambda: bn(7, spatial=0),
      "training": lambda: bn(15, training_mode=1),
      "stats": lambda: bn(9, outputs=("y", "mean_out", "var_out", "sm", "sv"),
                          graph_outputs=("y", "mean_out"))})
