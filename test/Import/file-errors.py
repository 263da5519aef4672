# Unreadable input files are errors naming the file and the problem: missing,
# empty, garbage bytes, a truncated model, a protobuf without a graph; a failed
# import writes no output file.
# RUN: rm -rf %t && mkdir -p %t
# RUN: not rectify-import %t/missing.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
# RUN: touch %t/empty.onnx
# RUN: not rectify-import %t/empty.onnx 2>&1 | FileCheck %s --check-prefix=EMPTY
# RUN: printf '\377\377\377\377garbage' > %t/garbage.onnx
# RUN: not rectify-import %t/garbage.onnx 2>&1 | FileCheck %s --check-prefix=GARBAGE
# RUN: %python %s model %t/model.onnx
# RUN: head -c 300 %t/model.onnx > %t/truncated.onnx
# RUN: not rectify-import %t/truncated.onnx 2>&1 | FileCheck %s --check-prefix=TRUNCATED
# RUN: %python %s nograph %t/nograph.onnx
# RUN: not rectify-import %t/nograph.onnx 2>&1 | FileCheck %s --check-prefix=NOGRAPH
# RUN: not rectify-import %t/truncated.onnx -o %t/out.mlir
# RUN: not ls %t/out.mlir %t/out.mlir.tmp-*
# RUN: rectify-import %t/model.onnx -o %t/out.mlir
# RUN: FileCheck %s --check-prefix=WRITTEN < %t/out.mlir
# RUN: ls %t | FileCheck %s --check-prefix=NO-TEMP

# MISSING: missing.onnx: error: cannot read the model: No such file or directory
# EMPTY: empty.onnx: error: the file is empty, not an ONNX model
# GARBAGE: garbage.onnx: error: not a valid ONNX model: the protobuf data is malformed or truncated
# TRUNCATED: truncated.onnx: error: not a valid ONNX model: the protobuf data is malformed or truncated
# NOGRAPH: nograph.onnx: error: not an ONNX model: the protobuf holds no graph
# WRITTEN: rect.linear
# NO-TEMP-NOT: tmp-

import numpy as np
import onnx

from onnx_models import *


def model():
    return make([node("Gemm", ["x", "w"], ["y"], transB=1)],
                [value("x", [1, 64])], [output("y")],
                [const("w", np.ones((16, 64)))])


def nograph():
    m = onnx.ModelProto()
    m.ir_version = 8
    m.producer_name = "not a model"
    return m


main({"model": model, "nograph": nograph})
