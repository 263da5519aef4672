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

/// Reads window tap (i, j) of `padded` ([N, C, Hp, Wp]) for output position
/// (n, c, y, x) inside a linalg body: tensor.extract at
/// (n, c, y * stride[0] + i * dilation[0], x * stride[1] + j * dilation[1]);
/// `i` and `j` are index values (constants or loop indices).
/// (Strided tensor.extract_slice taps would be simpler IR, but bufferization's
/// subset analysis compares such slices with value bounds, which takes
/// minutes on a whole network.)
mlir::Value readWindowTap(mlir::OpBuilder &builder, mlir::Location loc,
                          mlir::Value padded, mlir::Value n, mlir::Value c,
                          mlir::Value y, mlir::Value x, mlir::Value i,
                          mlir::Value j, llvm::ArrayRef<int64_t> strides,
                          llvm::ArrayRef<int64_t> dilations);

/// Every window tap of `padded` ([N, C, Hp, Wp]), row-major over the
/// [kh, kw] `kernel`, for the output position (n, c, y, x) given by the
/// indices of the enclosing 4-D linalg body.
llvm::SmallVector<mlir::Value>
readWindowTaps(mlir::OpBuilder &builder, mlir::Location loc,
               mlir::Value padded, llvm::ArrayRef<int64_t> kernel,
               llvm::ArrayRef<int64_t> strides,
               llvm::ArrayRef<int64_t> dilations);

} // namespace rectify::rect_to_linalg

#endif // RECTIFY_LIB_CONVERSION_RECTTOLINALG_CONVPADDING_H
