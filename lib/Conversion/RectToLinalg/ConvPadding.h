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
/// [top, left, bottom, right] copies of `padValue`: a linalg.fill of the
/// padded shape and a copyInto its interior. Unlike padSpatial, every access
/// is contiguous, so both parts vectorize. Returns `input` without pads.
mlir::Value padByCopy(mlir::OpBuilder &builder, mlir::Location loc,
                      mlir::Value input, llvm::ArrayRef<int64_t> pads,
                      double padValue);

/// Appends one input per window tap, row-major over the [kh, kw] `kernel`, to
/// a 4-D generic over the output positions (n, c, y, x), y and x within
/// `outputSize`, of `padded`
/// ([N, C, Hp, Wp]): the view of `padded` starting at (i * dilation[0],
/// j * dilation[1]) and spanning the positions the tap reads, read at
/// (n, c, y * stride[0], x * stride[1]).
/// Affine reads, unlike tensor.extract, keep the generic vectorizable (the
/// CPU back end vectorizes unit-stride taps). The tap offset lives in the view
/// rather than as a constant in the map: tiling sizes an operand slice by
/// applying the map to the tile's last index, which counts such constants
/// twice and would reach past the padding.
void appendWindowTaps(mlir::OpBuilder &builder, mlir::Location loc,
                      mlir::Value padded, llvm::ArrayRef<int64_t> outputSize,
                      llvm::ArrayRef<int64_t> kernel,
                      llvm::ArrayRef<int64_t> strides,
                      llvm::ArrayRef<int64_t> dilations,
                      llvm::SmallVectorImpl<mlir::Value> &inputs,
                      llvm::SmallVectorImpl<mlir::AffineMap> &maps);

} // namespace rectify::rect_to_linalg

#endif // RECTIFY_LIB_CONVERSION_RECTTOLINALG_CONVPADDING_H
