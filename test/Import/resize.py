# Resize (opsets 10, 11, 13, 18, 19) and Upsample (7, 9) become rect.resize
# with the scales, sizes and roi resolved at import: constants, or shape
# sub-graphs whose batch entry keeps the dynamic batch.
# RUN: %python %s v10 %t10.onnx
# RUN: rectify-import %t10.onnx | FileCheck %s --check-prefix=V10
# RUN: %python %s v10mixed %t10m.onnx
# RUN: rectify-import %t10m.onnx | FileCheck %s --check-prefix=V10MIXED
# RUN: %python %s v11 %t11.onnx
# RUN: rectify-import %t11.onnx | FileCheck %s --check-prefix=V11
# RUN: %python %s v13 %t13.onnx
# RUN: rectify-import %t13.onnx | FileCheck %s --check-prefix=V13
# RUN: %python %s v18 %t18.onnx
# RUN: rectify-import %t18.onnx | FileCheck %s --check-prefix=V18
# RUN: %python %s v19 %t19.onnx
# RUN: rectify-import %t19.onnx | FileCheck %s --check-prefix=V19
# RUN: %python %s up7 %tu7.onnx
# RUN: rectify-import %tu7.onnx | FileCheck %s --check-prefix=UP7
# RUN: %python %s up9 %tu9.onnx
# RUN: rectify-import %tu9.onnx | FileCheck %s --check-prefix=UP9

# Errors name the node and the reason.
# RUN: %python %s batch %te1.onnx
# RUN: not rectify-import %te1.onnx 2>&1 | FileCheck %s --check-prefix=BATCH
# RUN: %python %s antialias %te2.onnx
# RUN: not rectify-import %te2.onnx 2>&1 | FileCheck %s --check-prefix=ANTIALIAS
# RUN: %python %s both %te3.onnx
# RUN: not rectify-import %te3.onnx 2>&1 | FileCheck %s --check-prefix=BOTH
# RUN: %python %s runtime %te4.onnx
# RUN: not rectify-import %te4.onnx 2>&1 | FileCheck %s --check-prefix=RUNTIME
# RUN: %python %s upcubic %te5.onnx
# RUN: not rectify-import %te5.onnx 2>&1 | FileCheck %s --check-prefix=UPCUBIC
# RUN: %python %s symmetric18 %te6.onnx
# RUN: not rectify-import %te6.onnx 2>&1 | FileCheck %s --check-prefix=SYMMETRIC18

# Resize-10: asymmetric coordinates, nearest rounds down.
# V10: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<asymmetric>, mode = #rect.resize_mode<linear>, nearest_mode = #rect.nearest_mode<floor>, scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 5.000000e-01>} : tensor<?x3x4x6xf32> -> tensor<?x3x8x3xf32>

# Resize-10 nearest rounds downsampled dims up and upsampled ones down (as
# onnxruntime does): the downsampled dims are resized first.
# V10MIXED: %[[D:.*]] = rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<asymmetric>, mode = #rect.resize_mode<nearest>, nearest_mode = #rect.nearest_mode<ceil>, scales = array<f64: 1.000000e+00, 1.000000e+00, 5.000000e-01, 1.000000e+00>} : tensor<?x3x4x6xf32> -> tensor<?x3x2x6xf32>
# V10MIXED: rect.resize %[[D]] {coordinates = #rect.resize_coordinates<asymmetric>, mode = #rect.resize_mode<nearest>, nearest_mode = #rect.nearest_mode<floor>, scales = array<f64: 1.000000e+00, 1.000000e+00, 1.000000e+00, 2.000000e+00>} : tensor<?x3x2x6xf32> -> tensor<?x3x2x12xf32>

# Resize-11: sizes from Shape -> Slice -> Concat keep the batch (-1); a cubic
# resize with its kernel parameter and exclude_outside.
# V11: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<tf_half_pixel_for_nn>, mode = #rect.resize_mode<nearest>, scales = array<f64: 1.000000e+00, 1.000000e+00, 1.250000e+00, 1.5{{0*}}e+00>, sizes = array<i64: -1, 3, 5, 9>} : tensor<?x3x4x6xf32> -> tensor<?x3x5x9xf32>
# V11: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<align_corners>, cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = true, mode = #rect.resize_mode<cubic>, scales = array<f64: 1.000000e+00, 1.000000e+00, 5.000000e-01, 2.000000e+00>} : tensor<?x3x4x6xf32> -> tensor<?x3x2x12xf32>

# Resize-13: tf_crop_and_resize over all dims (batch and channels whole).
# V13: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<tf_crop_and_resize>, extrapolation_value = 1.000000e+01 : f32, mode = #rect.resize_mode<nearest>, nearest_mode = #rect.nearest_mode<round_prefer_ceil>, roi = array<f64: 0.000000e+00, 0.000000e+00, 2.500000e-01, 0.000000e+00, 1.000000e+00, 1.000000e+00, 7.500000e-01, 1.000000e+00>, scales = array<f64: 1.000000e+00, 1.000000e+00, 7.500000e-01, 5.000000e-01>, sizes = array<i64: -1, 3, 3, 3>} : tensor<?x3x4x6xf32> -> tensor<?x3x3x3xf32>
# V13: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<pytorch_half_pixel>, mode = #rect.resize_mode<linear>, scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : tensor<?x3x4x6xf32> -> tensor<?x3x8x12xf32>

# Resize-18: `axes`; keep_aspect_ratio_policy not_larger takes the smaller
# scale (8/6) for both axes and rounds the sizes (5.33 -> 5, 8).
# V18: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<half_pixel>, mode = #rect.resize_mode<linear>, scales = array<f64: 1.000000e+00, 1.000000e+00, 1.3333333333333333, 1.3333333333333333>, sizes = array<i64: -1, 3, 5, 8>} : tensor<?x3x4x6xf32> -> tensor<?x3x5x8xf32>
# V18: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<half_pixel>, mode = #rect.resize_mode<nearest>, scales = array<f64: 1.000000e+00, 1.000000e+00, 3.000000e+00, 2.000000e+00>} : tensor<?x3x4x6xf32> -> tensor<?x3x12x12xf32>

# V19: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<half_pixel_symmetric>, mode = #rect.resize_mode<linear>, scales = array<f64: 1.000000e+00, 1.000000e+00, 1.500000e+00, 5.000000e-01>} : tensor<?x3x4x6xf32> -> tensor<?x3x6x3xf32>

# Upsample-7 (scales attribute) and -9 (scales input).
# UP7: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<asymmetric>, mode = #rect.resize_mode<nearest>, nearest_mode = #rect.nearest_mode<floor>, scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00>} : tensor<?x3x4x6xf32> -> tensor<?x3x8x18xf32>
# UP9: rect.resize %{{.*}} {coordinates = #rect.resize_coordinates<asymmetric>, mode = #rect.resize_mode<linear>, nearest_mode = #rect.nearest_mode<floor>, scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : tensor<?x3x4x6xf32> -> tensor<?x3x8x12xf32>

# BATCH: node 'Resize#0': error: Resize: cannot resize dim 0, whose size is only known at run time (scale 2.000000e+00)
# ANTIALIAS: error: Resize: antialias=1 is not supported when downsampling
# BOTH: error: Resize: only one of scales and sizes may be given
# RUNTIME: error: Resize: scales (input 'scales') must be a float constant
# UPCUBIC: error: Upsample: mode "cubic" is not supported
# SYMMETRIC18: error: Resize: coordinate_transformation_mode "half_pixel_symmetric" is not defined at opset 18

import numpy as np

from onnx_models import *

X = value("x", ["N", 3, 4, 6])


def f(name, values):
    return const(name, values)


def i(name, values):
    return const(name, values, dtype=np.int64)


def resize(inputs, output, **attrs):
    return node("Resize", ["x"] + inputs, [output], **attrs)


def model(nodes, inits, opset, outputs=("y",), inputs=(X,)):
    return make(nodes, list(inputs), [output(o) for o in outputs], inits,
                opset=opset, ir_version=8 if opset < 19 else 9)


def batch_sizes(tail):
    """Nodes computing concat(shape(x)[:2], tail) into `sizes`."""
    return [node("Shape", ["x"], ["shape"]),
            node("Slice", ["shape", "start", "end"], ["lead"]),
            node("Concat", ["lead", "tail"], ["sizes"], axis=0)], [
        i("start", [0]), i("end", [2]), i("tail", tail)]


def v10():
    return model([resize(["s"], "y", mode="linear")],
                 [f("s", [1, 1, 2, 0.5])], 10)


def v10mixed():
    return model([resize(["s"], "y")], [f("s", [1, 1, 0.5, 2])], 10)


def v11():
    nodes, inits = batch_sizes([5, 9])
    nodes += [resize(["roi", "empty", "sizes"], "y",
                     coordinate_transformation_mode="tf_half_pixel_for_nn"),
              resize(["roi", "s"], "z", mode="cubic", cubic_coeff_a=-0.5,
                     exclude_outside=1,
                     coordinate_transformation_mode="align_corners")]
    inits += [f("roi", []), f("empty", []), f("s", [1, 1, 0.5, 2])]
    return model(nodes, inits, 11, outputs=("y", "z"))


def v13():
    nodes, inits = batch_sizes([3, 3])
    nodes += [resize(["roi", "", "sizes"], "y",
                     coordinate_transformation_mode="tf_crop_and_resize",
                     extrapolation_value=10.0, nearest_mode="round_prefer_ceil"),
              resize(["", "s"], "z", mode="linear",
                     coordinate_transformation_mode="pytorch_half_pixel")]
    inits += [f("roi", [0, 0, 0.25, 0, 1, 1, 0.75, 1]), f("s", [1, 1, 2, 2])]
    return model(nodes, inits, 13, outputs=("y", "z"))


def v18():
    return model([resize(["", "", "sizes"], "y", mode="linear", axes=[2, 3],
                         keep_aspect_ratio_policy="not_larger"),
                  resize(["", "s"], "z", axes=[3, -2])],
                 [i("sizes", [8, 8]), f("s", [2, 3])], 18,
                 outputs=("y", "z"))


def v19():
    return model([resize(["", "s"], "y", mode="linear",
                         coordinate_transformation_mode="half_pixel_symmetric")],
                 [f("s", [1, 1, 1.5, 0.5])], 19)


def up7():
    return model([node("Upsample", ["x"], ["y"], scales=[1.0, 1.0, 2.0, 3.0])],
                 [], 7)


def up9():
    return model([node("Upsample", ["x", "s"], ["y"], mode="linear")],
                 [f("s", [1, 1, 2, 2])], 9)


def batch():
    return model([resize(["", "s"], "y")], [f("s", [2, 1, 1, 1])], 13)


def antialias():
    return model([resize(["", "s"], "y", mode="linear", antialias=1)],
                 [f("s", [1, 1, 0.5, 0.5])], 18)


def both():
    return model([resize(["", "s", "sizes"], "y")],
                 [f("s", [1, 1, 2, 2]), i("sizes", [1, 3, 8, 12])], 13)


def runtime():
    return model([resize(["", "scales"], "y")], [], 13,
                 inputs=(X, value("scales", [4])))


def upcubic():
    return model([node("Upsample", ["x", "s"], ["y"], mode="cubic")],
                 [f("s", [1, 1, 2, 2])], 9)


def symmetric18():
    return model([resize(["", "s"], "y",
                         coordinate_transformation_mode="half_pixel_symmetric")],
                 [f("s", [1, 1, 2, 2])], 18)


main({"v10": v10, "v10mixed": v10mixed, "v11": v11, "v13": v13, "v18": v18, "v19": v19,
      "up7": up7, "up9": up9, "batch": batch, "antialias": antialias,
      "both": both, "runtime": runtime, "upcubic": upcubic,
      "symmetric18": symmetric18})
