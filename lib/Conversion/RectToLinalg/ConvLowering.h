//===- ConvLowering.h - Shared pieces of the convolution lowerings -*- C++ -*-===//
//
// Internal to the RectToLinalg lowering of rect.conv: the epilogue every
// formulation applies (bias, residual, activation) and the formulations
// themselves, chosen by Conv.cpp from the convolution's groups.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_CONVERSION_RECTTOLINALG_CONVLOWERING_H
#define RECTIFY_LIB_CONVERSION_RECTTOLINALG_CONVLOWERING_H

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"

namespace rectify::rect_to_linalg {

/// What a convolution applies to its sum: act(sum + bias + residual).
/// `bias` and `slope` are per channel (rank 0, [1] or [F]); `residual` has
/// the shape of the sum. Null values are absent.
struct ConvEpilogue {
  mlir::Value bias, residual, slope;
  rect::ActivationAttr activation;

  bool isIdentity() const {
    return !bias && !residual && activation.isIdentity();
  }
};

/// The map of a per-channel operand (rank 0, [1] or [F]) in a loop nest of
/// `rank` dims whose channel dim is `channelDim`.
mlir::AffineMap getChannelMap(mlir::MLIRContext *context, mlir::Value value,
                              unsigned rank, unsigned channelDim);

/// Appends the epilogue's operands (bias, residual, slope: those present, in
/// that order) and their maps in a `rank`-dim loop nest.
void appendEpilogueOperands(const ConvEpilogue &epilogue, unsigned rank,
                            unsigned channelDim,
                            llvm::SmallVectorImpl<mlir::Value> &inputs,
                            llvm::SmallVectorImpl<mlir::AffineMap> &maps);

/// The scalar epilogue of `value`; `args` are the scalars of the operands
/// appendEpilogueOperands added, in its order.
mlir::Value applyEpilogue(mlir::OpBuilder &builder, mlir::Location loc,
                          const ConvEpilogue &epilogue, mlir::Value value,
                          mlir::ValueRange args);

/// acc += lhs * rhs as one generic with `maps` (lhs, rhs, acc) whose last
/// `reductions` dims reduce: the multiply-accumulate form the CPU back end
/// schedules as a window contraction.
mlir::Value buildMultiplyAccumulate(mlir::OpBuilder &builder,
                                    mlir::Location loc, mlir::Value lhs,
                                    mlir::Value rhs, mlir::Value acc,
                                    llvm::ArrayRef<mlir::AffineMap> maps,
                                    unsigned reductions);

/// act(value + bias + residual) as one all-parallel generic over `value`'s
/// dims writing a fresh tensor of `resultSizes` through `resultMap` (also
/// the residual's map), e.g. a transposing write.
mlir::Value buildEpilogueInto(mlir::OpBuilder &builder, mlir::Location loc,
                              mlir::Value value, unsigned channelDim,
                              const ConvEpilogue &epilogue,
                              mlir::AffineMap resultMap,
                              llvm::ArrayRef<mlir::OpFoldResult> resultSizes);

/// buildEpilogueInto for a 4-D accumulator whose dims `nchwDims` (positions
/// of n, c, h, w) are permuted into a fresh NCHW result.
mlir::Value buildEpilogueIntoNCHW(mlir::OpBuilder &builder, mlir::Location loc,
                                  mlir::Value value,
                                  llvm::ArrayRef<unsigned> nchwDims,
                                  const ConvEpilogue &epilogue);

/// act(value + bias + residual) as one all-parallel generic writing a fresh
/// tensor; `value` itself when the epilogue is the identity.
mlir::Value buildChannelEpilogue(mlir::OpBuilder &builder, mlir::Location loc,
                                 mlir::Value value, unsigned channelDim,
                                 const ConvEpilogue &epilogue);

/// Geometry of a 2-D convolution or window: pads are [top, left, bottom,
/// right].
struct WindowGeometry {
  llvm::ArrayRef<int64_t> pads, strides, dilations;
};

/// The constant [F, C, kh, kw] weight as [kh, kw, C, F], transposed at
/// compile time; null when it is not a readable constant.
mlir::Value transposedConstantWeight(mlir::OpBuilder &builder,
                                     mlir::Location loc, mlir::Value weight);

/// An ungrouped 3x3 unit-stride convolution with a constant f32 weight, with
/// its epilogue, by Winograd's minimal filtering along the output rows
/// (ConvWinograd.cpp); null when the convolution is not of that kind.
mlir::Value buildConvAsRowWinograd(mlir::OpBuilder &builder,
                                   mlir::Location loc, mlir::Value input,
                                   mlir::Value weight,
                                   const WindowGeometry &window,
                                   const ConvEpilogue &epilogue,
                                   mlir::RankedTensorType resultType);

/// An ungrouped convolution of NCHW `input` by `weight` [F, C, kh, kw], with
/// its epilogue, as one GEMM over the whole batch (ConvAsMatmul.cpp).
mlir::Value buildConvAsMatmul(mlir::OpBuilder &builder, mlir::Location loc,
                              mlir::Value input, mlir::Value weight,
                              const WindowGeometry &window,
                              const ConvEpilogue &epilogue,
                              mlir::RankedTensorType resultType);

/// An ungrouped convolution with a constant f32 weight, with
/// its epilogue, as one contraction reading the padded input in place
/// (ConvImplicitGemm.cpp); null when the convolution is not of that kind or
/// its shape runs faster as a GEMM (buildConvAsMatmul).
mlir::Value buildConvAsImplicitGemm(mlir::OpBuilder &builder,
                                    mlir::Location loc, mlir::Value input,
                                    mlir::Value weight,
                                    const WindowGeometry &window,
                                    const ConvEpilogue &epilogue,
                                    mlir::RankedTensorType resultType);

/// A 1x1 unit-stride unpadded convolution, with its epilogue, as a GEMM
/// that iterates the output rows and writes NCHW tiles (ConvPointwise.cpp);
/// null when the shape is not of that kind or runs better as one GEMM.
mlir::Value buildPointwiseConv(mlir::OpBuilder &builder, mlir::Location loc,
                               mlir::Value input, mlir::Value weight,
                               const WindowGeometry &window,
                               const ConvEpilogue &epilogue,
                               mlir::RankedTensorType resultType);

/// A depthwise convolution (group = C = F, `weight` [C, 1, kh, kw]), with its
/// epilogue, as one elementwise generic over the window taps
/// (DepthwiseConv.cpp).
mlir::Value buildDepthwiseConv(mlir::OpBuilder &builder, mlir::Location loc,
                               mlir::Value input, mlir::Value weight,
                               const WindowGeometry &window,
                               const ConvEpilogue &epilogue,
                               mlir::RankedTensorType resultType);

} // namespace rectify::rect_to_linalg

#endif // RECTIFY_LIB_CONVERSION_RECTTOLINALG_CONVLOWERING_H
