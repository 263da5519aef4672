//===- ReferenceEvaluator.h - Run rect models on the host -------*- C++ -*-===//
//
// A small reference interpreter of the `rect` ops that MLPs and CNNs are
// made of, used to run a model on calibration samples before code
// generation: constants, rect.linear and rect.conv with their activation
// attribute (prelu slope included; conv with groups, strides, padding,
// dilation and residual), max/avg and global pooling, batch_norm, concat,
// the elementwise activation ops, neg/abs/exp/erf/sqrt/log, add/sub/mul/div/
// max/min with numpy broadcasting, prelu, reshape, flatten, transpose and
// softmax. Values are float32; dot products accumulate in double. Any other
// op is rejected with an error on that op (its location names the ONNX node).
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_CALIBRATION_REFERENCEEVALUATOR_H
#define RECTIFY_CALIBRATION_REFERENCEEVALUATOR_H

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Support/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace rectify {

/// Called after every rect.linear and rect.conv (`layer`) with its
/// pre-activation (x W^T + b; conv + bias + residual) and its output (the
/// activation applied), both shaped like the op's result.
using LayerObserver =
    llvm::function_ref<void(mlir::Operation *layer,
                            const FloatTensor &preActivation,
                            const FloatTensor &output)>;

/// Emits an error on the first op of `func` the evaluator cannot run and
/// fails; succeeds when every op is supported.
mlir::LogicalResult checkEvaluable(mlir::func::FuncOp func);

/// Runs `func` on `inputs` (one per argument, each matching the argument's
/// rank and static extents) and returns the values it returns. Errors are
/// emitted on the op or function concerned.
mlir::FailureOr<llvm::SmallVector<FloatTensor>>
evaluateFunction(mlir::func::FuncOp func, llvm::ArrayRef<FloatTensor> inputs,
                 LayerObserver observer = nullptr);

} // namespace rectify

#endif // RECTIFY_CALIBRATION_REFERENCEEVALUATOR_H
