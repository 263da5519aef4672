# --input-shape fixes graph input dims ('?' keeps one dynamic); an unknown
# input name, a rank mismatch or a malformed value is an error.
# RUN: %python %s model %t.onnx
# RUN: rectify-import %t.onnx --input-shape x=1x784 | FileCheck %s --check-prefix=FIXED
# RUN: rectify-import %t.onnx --input-shape x=?x784 | FileCheck %s --check-prefix=KEPT
# RUN: not rectify-import %t.onnx --input-shape input=1x784 2>&1 | FileCheck %s --check-prefix=NAME
# RUN: not rectify-import %t.onnx --input-shape x=1x28x28 2>&1 | FileCheck %s --check-prefix=RANK
# RUN: not rectify-import %t.onnx --input-shape x 2>&1 | FileCheck %s --check-prefix=SYNTAX
# RUN: not rectify-import %t.onnx --input-shape x=1xfoo 2>&1 | FileCheck %s --check-prefix=DIM
# RUN: not rectify-import %t.onnx --input-shape x=1x784 --input-shape x=2x784 2>&1 | FileCheck %s --check-prefix=TWICE

# FIXED: func.func @main(%{{.*}}: tensor<1x784xf32> {rect.name = "x"}) -> (tensor<1x10xf32> {rect.name = "y"})
# FIXED: rect.linear %{{.*}} : (tensor<1x784xf32>, tensor<10x784xf32>) -> tensor<1x10xf32>

# KEPT: func.func @main(%{{.*}}: tensor<?x784xf32> {rect.name = "x"}) -> (tensor<?x10xf32> {rect.name = "y"})

# NAME: error: --input-shape names 'input', which is not a graph input; the inputs are: x
# RANK: error: --input-shape gives input 'x' rank 3 (1x28x28) but the model declares rank 2
# SYNTAX: error: --input-shape 'x' must be NAME=DIMS, e.g. input=1x784 ('?' keeps a dimension dynamic)
# DIM: error: --input-shape 'x=1xfoo': dimension 'foo' is not a positive integer or '?'
# TWICE: error: --input-shape gives input 'x' more than once

import numpy as np
from onnx_models import *


def model():
    return make([node("Gemm", ["x", "w"], ["y"], transB=1)],
                [value("x", ["batch", 784])], [output("y")],
                [const("w", np.zeros((10, 784)))])


main({"model": model})
