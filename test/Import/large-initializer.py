# A 64 MiB initializer imports as one dense_resource blob (a copy of the bytes,
# not one attribute per element); the test only checks that it finishes and
# that the blob has the right size (no timing is asserted).
# RUN: %python %s model %t.onnx
# RUN: rectify-import %t.onnx -o %t.mlir
# RUN: head -c 2000 %t.mlir | FileCheck %s
# RUN: grep -c "big: \"0x04000000" %t.mlir | FileCheck %s --check-prefix=BLOB
# RUN: wc -c %t.mlir | FileCheck %s --check-prefix=SIZE

# CHECK: func.func @main(%{{.*}}: tensor<?x4096xf32> {rect.name = "x"})
# CHECK: rect.constant dense_resource<big> : tensor<4096x4096xf32>
# CHECK: rect.linear

# BLOB: 1
# 4096 * 4096 * 4 bytes as hex: at least 134217728 characters.
# SIZE: {{^1342[0-9]{5} }}

import numpy as np
from onnx_models import *


def model():
    rows = np.arange(4096, dtype=np.float32)
    weight = np.broadcast_to(rows[:, None], (4096, 4096))
    return make([node("Gemm", ["x", "big"], ["y"], transB=1)],
                [value("x", ["N", 4096])], [output("y")],
                [const("big", weight)])


main({"model": model})
