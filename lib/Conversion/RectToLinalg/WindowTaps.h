//===- WindowTaps.h - Unit-stride views of a window's taps -------*- C++ -*-===//
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
/// padded[y * sh + i * dh, x * sw + j * dw]. With unit strides a tap is an
/// offset view of the padded input. With larger strides the padded input is
/// first split into its stride phases, [N, C, sh, sw, Hp / sh, Wp / sw] with
/// phase (a, b) holding rows a, a + sh, ... and columns b, b + sw, ..., so
/// that every tap is again a unit-stride view (of phase (i*dh mod sh,
/// j*dw mod sw) at (i*dh div sh, j*dw div sw)): one strided pass over the
/// input instead of one per tap, and vectorizable taps.
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

  bool isStrided() const { return phased; }

private:
  /// The padded input, or its stride phases.
  mlir::Value source;
  bool phased = false;
  int64_t outH, outW;
  llvm::SmallVector<int64_t, 2> strides, dilations;
};

} // namespace rectify::rect_to_linalg

#endif // RECTIFY_LIB_CONVERSION_RECTTOLINALG_WINDOWTAPS_H
