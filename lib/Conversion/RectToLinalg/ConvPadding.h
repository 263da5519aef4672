//===- ConvPadding.h - Padding and zero insertion for windows ---*- C++ -*-===//
//
// Internal to the RectToLinalg lowering of convolutions, pooling and LRN.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_CONVERSION_RECTTOLINALG_CONVPADDING_H
#define RECTIFY_LIB_CONVERSION_RECTTOLINALG_CONVPADDING_H

#include "mlir/IR/Builders.h"

namespace rectify::rect_to_linalg {

/// `input` with `stride[d] - 1` copies of `padValue` inserted between
/// neighbouring elements of each dim d, then `low[d]`/`high[d]` copies of
/// `padValue` added before/after (negative amounts crop). Built as one
/// all-parallel linalg.generic that reads `input` with tensor.extract at
/// clamped indices and selects `padValue` outside it, so bufferization needs
/// no strided copies. Dim 0 (the batch, possibly dynamic) must have no
/// padding and stride 1. Returns `input` when there is nothing to do.
mlir::Value padAndDilate(mlir::OpBuilder &builder, mlir::Location loc,
                         mlir::Value input, llvm::ArrayRef<int64_t> low,
                         llvm::ArrayRef<int64_t> high,
                         llvm::ArrayRef<int64_t> stride, double padValue);

/// padAndDilate of the two spatial dims of an NCHW tensor with pads
/// [top, left, bottom, right] and no zero insertion.
mlir::Value padSpatial(mlir::OpBuilder &builder, mlir::Location loc,
                       mlir::Value input, llvm::ArrayRef<int64_t> pads,
                       double padValue);

/// `input` copied into `dest` (same shape) by an all-parallel generic with
/// identity maps: the form the CPU back end tiles and vectorizes.
mlir::Value copyInto(mlir::OpBuilder &builder, mlir::Location loc,
                     mlir::Value input, mlir::Value dest);

/// `input` (any rank >= 2, the last two dims spatial) padded with
/// [top, left, bottom, right] copies of `padValue`: a copyInto the interior,
/// then linalg.fills of the border (the border rows, and the side columns as
/// one fill of adjacent right/left runs when there are border rows), so
/// every element is written about once. Unlike padSpatial, the copy's
/// accesses are contiguous, so it vectorizes. Returns `input` without pads.
mlir::Value padByCopy(mlir::OpBuilder &builder, mlir::Location loc,
                      mlir::Value input, llvm::ArrayRef<int64_t> pads,
                      double padValue);

} // namespace rectify::rect_to_linalg

#endif // RECTIFY_LIB_CONVERSION_RECTTOLINALG_CONVPADDING_H
