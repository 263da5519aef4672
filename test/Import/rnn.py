# RNN -> rect.rnn: activations (default Tanh, per direction, with
# activation_alpha/beta consumed in order), directions, optional B and
# initial_h, clip, layout 1 (transposes in and out), sequence_lens equal to
# the sequence length; errors name the node and the reason.
# RUN: %python %s forward %t1.onnx
# RUN: rectify-import %t1.onnx | FileCheck %s --check-prefix=FORWARD
# RUN: %python %s defaults %t2.onnx
# RUN: rectify-import %t2.onnx | FileCheck %s --check-prefix=DEFAULTS
# RUN: %python %s bidirectional %t3.onnx
# RUN: rectify-import %t3.onnx | FileCheck %s --check-prefix=BIDIR
# RUN: %python %s layout1 %t4.onnx
# RUN: rectify-import %t4.onnx | FileCheck %s --check-prefix=LAYOUT1
# RUN: %python %s parameters %t5.onnx
# RUN: rectify-import %t5.onnx | FileCheck %s --check-prefix=PARAMS
# RUN: %python %s full_lengths %t6.onnx
# RUN: rectify-import %t6.onnx | FileCheck %s --check-prefix=FULLLENS
# RUN: %python %s opset21 %t7.onnx
# RUN: rectify-import %t7.onnx | FileCheck %s --check-prefix=OPSET21
# RUN: %python %s short_lengths %t8.onnx
# RUN: not rectify-import %t8.onnx 2>&1 | FileCheck %s --check-prefix=SHORT
# RUN: %python %s affine %t9.onnx
# RUN: not rectify-import %t9.onnx 2>&1 | FileCheck %s --check-prefix=AFFINE
# RUN: %python %s hidden_mismatch %t10.onnx
# RUN: not rectify-import %t10.onnx 2>&1 | FileCheck %s --check-prefix=HIDDEN
# RUN: %python %s activation_count %t11.onnx
# RUN: not rectify-import %t11.onnx 2>&1 | FileCheck %s --check-prefix=COUNT
# RUN: %python %s bad_direction %t12.onnx
# RUN: not rectify-import %t12.onnx 2>&1 | FileCheck %s --check-prefix=DIRECTION

# FORWARD: func.func @main(%[[X:.*]]: tensor<5x?x3xf32>
# FORWARD-DAG: %[[W:.*]] = rect.constant dense_resource<W> : tensor<1x4x3xf32>
# FORWARD-DAG: %[[R:.*]] = rect.constant dense_resource<R> : tensor<1x4x4xf32>
# FORWARD-DAG: %[[B:.*]] = rect.constant dense_resource<B> : tensor<1x8xf32>
# FORWARD: %[[Y:.*]], %[[YH:.*]] = rect.rnn %[[X]], %[[W]], %[[R]] bias(%[[B]]) {activations = [#rect.act<relu>], direction = #rect.direction<forward>} : (tensor<5x?x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<1x8xf32>) -> (tensor<5x1x?x4xf32>, tensor<1x?x4xf32>)
# FORWARD-NEXT: return %[[Y]], %[[YH]]

# DEFAULTS: rect.rnn %{{[^ ]*}}, %{{[^ ]*}}, %{{[^ ]*}} {activations = [#rect.act<tanh>], direction = #rect.direction<forward>} : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
# DEFAULTS-NOT: rect.transpose

# BIDIR: func.func @main(%[[X:.*]]: tensor<5x?x3xf32> {{.*}}, %[[H0:.*]]: tensor<2x?x4xf32>
# BIDIR: rect.rnn %[[X]], %{{[^ ]*}}, %{{[^ ]*}} bias(%{{[^ ]*}}) initial_h(%[[H0]]) {activations = [#rect.act<relu>, #rect.act<sigmoid>], clip = 3.000000e+00 : f32, direction = #rect.direction<bidirectional>} : (tensor<5x?x3xf32>, tensor<2x4x3xf32>, tensor<2x4x4xf32>, tensor<2x8xf32>, tensor<2x?x4xf32>) -> (tensor<5x2x?x4xf32>, tensor<2x?x4xf32>)

# LAYOUT1: func.func @main(%[[X:.*]]: tensor<?x5x3xf32> {{.*}}, %[[H0:.*]]: tensor<?x1x4xf32>
# LAYOUT1: %[[XT:.*]] = rect.transpose %[[X]] {permutation = array<i64: 1, 0, 2>} : tensor<?x5x3xf32> -> tensor<5x?x3xf32>
# LAYOUT1: %[[HT:.*]] = rect.transpose %[[H0]] {permutation = array<i64: 1, 0, 2>} : tensor<?x1x4xf32> -> tensor<1x?x4xf32>
# LAYOUT1: %[[Y:.*]], %[[YH:.*]] = rect.rnn %[[XT]], %{{[^ ]*}}, %{{[^ ]*}} initial_h(%[[HT]])
# LAYOUT1: %[[YT:.*]] = rect.transpose %[[Y]] {permutation = array<i64: 2, 0, 1, 3>} : tensor<5x1x?x4xf32> -> tensor<?x5x1x4xf32>
# LAYOUT1: %[[YHT:.*]] = rect.transpose %[[YH]] {permutation = array<i64: 1, 0, 2>} : tensor<1x?x4xf32> -> tensor<?x1x4xf32>
# LAYOUT1: return %[[YT]], %[[YHT]]

# PARAMS: activations = [#rect.act<leaky_relu alpha = 2.500000e-01>, #rect.act<hard_sigmoid alpha = 3.750000e-01, beta = 6.250000e-01>]

# FULLLENS: rect.rnn
# FULLLENS-SAME: -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)

# OPSET21: rect.rnn {{.*}}direction = #rect.direction<reverse>

# SHORT: node 'rnn': error: RNN: sequence_lens [5x3] must all equal the sequence length 5; shorter sequences are not supported
# AFFINE: node 'rnn': error: RNN: activation 'Affine' is not supported (supported: Relu, Tanh, Sigmoid, LeakyRelu, HardSigmoid, Elu, Softplus)
# HIDDEN: node 'rnn': error: RNN: hidden_size 6 differs from W's shape [1x4x3]
# COUNT: node 'rnn': error: RNN: needs one activation per direction (2), got 1
# DIRECTION: node 'rnn': error: RNN: direction 'sideways' is not one of forward, reverse, bidirectional

import numpy as np
from onnx_models import *

rng = np.random.default_rng(0)


def weights(directions=1, hidden=4, features=3):
    return [const("W", rng.standard_normal((directions, hidden, features))),
            const("R", rng.standard_normal((directions, hidden, hidden))),
            const("B", rng.standard_normal((directions, 2 * hidden)))]


def rnn(inputs, outputs=("Y", "Y_h"), opset=14, x_shape=(5, "N", 3),
        extra_inputs=(), directions=1, extra_inits=(), **attrs):
    return make([node("RNN", list(inputs), list(outputs), name="rnn",
                      hidden_size=4, **attrs)],
                [value("X", list(x_shape))] + list(extra_inputs),
                [output(o) for o in outputs if o],
                weights(directions) + list(extra_inits), opset=opset)


def forward():
    return rnn(["X", "W", "R", "B"], opset=7, activations=["Relu"])


def defaults():
    return rnn(["X", "W", "R"], outputs=("", "Y_h"), x_shape=(5, 2, 3))


def bidirectional():
    return rnn(["X", "W", "R", "B", "", "H0"], directions=2,
               extra_inputs=[value("H0", [2, "N", 4])],
               direction="bidirectional", activations=["Relu", "Sigmoid"],
               clip=3.0)


def layout1():
    return rnn(["X", "W", "R", "", "", "H0"], x_shape=("N", 5, 3),
               extra_inputs=[value("H0", ["N", 1, 4])], layout=1,
               activations=["Relu"])


def parameters():
    return rnn(["X", "W", "R"], directions=2, direction="bidirectional",
               activations=["LeakyRelu", "HardSigmoid"],
               activation_alpha=[0.25, 0.375], activation_beta=[0.625])


def lengths(values, **kw):
    return rnn(["X", "W", "R", "B", "lens"], x_shape=(5, 2, 3),
               extra_inits=[const("lens", values, dtype=np.int32)], **kw)


main({"forward": forward, "defaults": defaults,
      "bidirectional": bidirectional, "layout1": layout1,
      "parameters": parameters,
      "full_lengths": lambda: lengths([5, 5]),
      "opset21": lambda: rnn(["X", "W", "R"], opset=21, direction="reverse"),
      "short_lengths": lambda: lengths([5, 3]),
      "affine": lambda: rnn(["X", "W", "R"], activations=["Affine"]),
      "hidden_mismatch": lambda: make(
          [node("RNN", ["X", "W", "R"], ["Y"], name="rnn", hidden_size=6)],
          [value("X", [5, 2, 3])], [output("Y")], weights()),
      "activation_count": lambda: rnn(["X", "W", "R"], directions=2,
                                      direction="bidirectional",
                                      activations=["Relu"]),
      "bad_direction": lambda: rnn(["X", "W", "R"], direction="sideways")})
