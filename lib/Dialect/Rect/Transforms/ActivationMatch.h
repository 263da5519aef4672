//===- ActivationMatch.h - Activation ops as #rect.act attributes -*- C++ -*-===//
//
// Shared by the passes that fold an activation op into the op producing its
// input (rect-fuse-activation for rect.linear, rect-fuse-conv for rect.conv).
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_DIALECT_RECT_TRANSFORMS_ACTIVATIONMATCH_H
#define RECTIFY_LIB_DIALECT_RECT_TRANSFORMS_ACTIVATIONMATCH_H

#include "rectify/Dialect/Rect/IR/RectOps.h"

namespace rectify::rect {

/// The `#rect.act<...>` equivalent of `op` when it is an activation op of the
/// family (relu, relu6, leaky_relu, prelu, clip, elu, selu, sigmoid, tanh,
/// gelu, silu, softplus, hard_sigmoid, hard_swish), else null. Float
/// parameters are taken with the fewest digits that round back to the op's
/// f32 value, so the attribute reads as the op did.
ActivationAttr getActivationAttr(mlir::Operation *op);

/// True when `act` is a valid #rect.act: only clip takes infinite bounds, and
/// no parameter is NaN. An op's attribute may hold values the epilogue cannot.
bool isRepresentableActivation(ActivationAttr act);

} // namespace rectify::rect

#endif // RECTIFY_LIB_DIALECT_RECT_TRANSFORMS_ACTIVATIONMATCH_H
