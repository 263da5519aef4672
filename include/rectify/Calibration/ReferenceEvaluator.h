//===- ReferenceEvaluator.h - Run rect MLPs on the host ---------*- C++ -*-===//
//
// A small reference interpreter of the `rect` ops that MLPs are made of, used
// to run a model on calibration samples before code generation: constants,
// rect.linear with its activation attribute (prelu slope included), the
// elementwise activation ops, neg/abs/exp/erf/sqrt/log, add/sub/mul/div/
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

/// Called after every rect.linear with its pre-activation (x W^T + b) and
/// its output (the activation applied), both shaped like the op's result.
using LinearObserver =
    llvm::function_ref<void(rect::LinearOp op, const FloatTensor &preActivation,
                            const FloatTensor &output)>;

/// Emits an error on the first op of `func` the evaluator cannot run and
/// fails; succeeds when every op is supported.
mlir::LogicalResult checkEvaluable(mlir::func::FuncOp func);

/// Runs `func` on `inputs` (one per argument, each matching the argument's
/// rank and static extents) and returns the values it returns. Errors are
/// emitted on the op or function concerned.
mlir::FailureOr<llvm::SmallVector<FloatTensor>>
evaluateFunction(mlir::func::FuncOp func, llvm::ArrayRef<FloatTensor> inputs,
                 LinearObserver observer = nullptr);

} // namespace rectify

#endif // RECTIFY_CALIBRATION_REFERENCEEVALUATOR_H
