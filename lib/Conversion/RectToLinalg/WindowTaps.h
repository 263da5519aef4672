//===- WindowTaps.h - Views of a window's taps ------------------*- C++ -*-===//
//
// Internal to the RectToLinalg lowering of convolutions and pooling.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_CONVERSION_RECTTOLINALG_WINDOWTAPS_H
#define RECTIFY_LIB_CONVERSION_RECTTOLINALG_WINDOWTAPS_H

#include "mlir/IR/Builders.h"

namespace rectify::rect_to_linalg {

/// The window taps of an NCHW input, padded with [top, left, bottom, right]
/// copies of a value, each as an [N, C, OH, OW] view that output position
/// (n, c, y, x) reads at (n, c, y, x): tap (i, j) of output (y, x) is
/// padded[y * sh + i * dh, x * sw + j * dw]: a view of the padded input at
/// (i * dh, j * dw) with strides (sh, sw). No copy is made for the strides:
/// the CPU back end reads a strided row as the contiguous span covering it
/// and keeps every sw-th lane (a stride-phase split of the input measured
/// 1.5-2.8x slower on stride-2 pools and depthwise convs).
class WindowTaps {
public:
  WindowTaps(mlir::OpBuilder &builder, mlir::Location loc, mlir::Value input,
             llvm::ArrayRef<int64_t> pads, double padValue,
             llvm::ArrayRef<int64_t> outputSize,
             llvm::ArrayRef<int64_t> strides,
             llvm::ArrayRef<int64_t> dilations);

  /// The [N, C, OH, OW] view of tap (i, j).
  mlir::Value tap(mlir::OpBuilder &builder, mlir::Location loc, int64_t i,
                  int64_t j) const;

  /// Every tap, row-major over `kernel`.
  llvm::SmallVector<mlir::Value> all(mlir::OpBuilder &builder,
                                     mlir::Location loc,
                                     llvm::ArrayRef<int64_t> kernel) const;

private:
  /// The padded input.
  mlir::Value source;
  int64_t outH, outW;
  llvm::SmallVector<int64_t, 2> strides, dilations;
};

} // namespace rectify::rect_to_linalg

#endif // RECTIFY_LIB_CONVERSION_RECTTOLINALG_WINDOWTAPS_H
