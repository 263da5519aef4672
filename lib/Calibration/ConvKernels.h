//===- ConvKernels.h - Reference loops for the NCHW ops ----------*- C++ -*-===//
//
// Private to lib/Calibration: the reference evaluator's plain loops for
// rect.conv, max/avg pooling, global pooling, batch_norm and concat, over
// row-major float32 tensors (dot products accumulate in double). Each
// returns an error message instead of a tensor when the operands do not fit.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_CALIBRATION_CONVKERNELS_H
#define RECTIFY_LIB_CALIBRATION_CONVKERNELS_H

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Support/Tensor.h"

#include <string>

namespace rectify::reference {

/// The pre-activation (conv + bias + residual) and output of `op`.
struct ConvResult {
  FloatTensor pre, out;
};

/// rect.conv on `x` with weight `w`; `bias`, `residual` and `slope` may be
/// null. Fails with `error` set.
mlir::FailureOr<ConvResult> conv2d(rect::ConvOp op, const FloatTensor &x,
                                   const FloatTensor &w, const FloatTensor *bias,
                                   const FloatTensor *residual,
                                   const FloatTensor *slope, std::string &error);

/// rect.max_pool / rect.avg_pool; the output's spatial extents come from the
/// op's result type.
mlir::FailureOr<FloatTensor> pool2d(mlir::Operation *op, const FloatTensor &x,
                                    std::string &error);

/// rect.global_max_pool (max) / rect.global_avg_pool over dims 2 and up.
FloatTensor globalPool(const FloatTensor &x, bool max);

/// rect.batch_norm along dim 1.
mlir::FailureOr<FloatTensor> batchNorm(rect::BatchNormOp op, const FloatTensor &x,
                                       const FloatTensor &scale,
                                       const FloatTensor &bias,
                                       const FloatTensor &mean,
                                       const FloatTensor &var, std::string &error);

/// rect.concat of `inputs` along `axis`.
mlir::FailureOr<FloatTensor> concat(llvm::ArrayRef<const FloatTensor *> inputs,
                                    int64_t axis, std::string &error);

} // namespace rectify::reference

#endif // RECTIFY_LIB_CALIBRATION_CONVKERNELS_H
