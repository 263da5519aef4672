# Every unsupported node is listed in one error (name, op type, domain,
# opset), unnamed nodes as <op_type>#<index>; an op older than its first
# supported version (Add before 7) is unsupported; opsets above 21 are errors.
# RUN: %python %s several %t1.onnx
# RUN: not rectify-import %t1.onnx 2>&1 | FileCheck %s
# RUN: %python %s old %t2.onnx
# RUN: not rectify-import %t2.onnx 2>&1 | FileCheck %s --check-prefix=OLD
# RUN: %python %s new %t3.onnx
# RUN: not rectify-import %t3.onnx 2>&1 | FileCheck %s --check-prefix=NEW

# CHECK: error: 3 unsupported ONNX nodes:
# CHECK-NEXT: node 'd2s': DepthToSpace (domain ai.onnx, opset 13)
# CHECK-NEXT: node 'fused': FusedGemm (domain com.microsoft, opset 1)
# CHECK-NEXT: node 'LSTM#3': LSTM (domain ai.onnx, opset 13)
# CHECK-NOT: Relu

# OLD: error: 1 unsupported ONNX node:
# OLD-NEXT: node 'Add#0': Add (domain ai.onnx, opset 6)
# NEW: error: the model uses opset 22 of the default ONNX domain; supported opsets are 1 to 21

from onnx_models import *


def several():
    return make([node("DepthToSpace", ["x"], ["c"], name="d2s", blocksize=1),
                 node("Relu", ["c"], ["r"]),
                 node("FusedGemm", ["r", "w"], ["f"], name="fused",
                      domain="com.microsoft"),
                 node("LSTM", ["f", "w", "w"], ["y"])],
                [value("x", [1, 3, 8, 8]), value("w", [3, 3, 3, 3])],
                [output("y")], extra_opsets=[("com.microsoft", 1)])


def relu(opset):
    return make([node("Relu", ["x"], ["y"])], [value("x", [2])],
                [output("y")], opset=opset)


def add(opset):
    return make([node("Add", ["x", "x"], ["y"])], [value("x", [2])],
                [output("y")], opset=opset)


main({"several": several, "old": lambda: add(6), "new": lambda: relu(22)})
