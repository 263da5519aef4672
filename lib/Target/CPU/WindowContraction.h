//===- WindowContraction.h - Recognizing in-place convolutions --*- C++ -*-===//
//
// A window contraction is the multiply-accumulate generic a convolution
// lowers to when it reads its input in place (ConvImplicitGemm.cpp):
// parallel dims first, then reduction dims, body `out + a * b` of its two
// inputs (any affine maps: windows), and an output indexed by the parallel
// dims in order. Its epilogue reads it with the identity map.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_TARGET_CPU_WINDOWCONTRACTION_H
#define RECTIFY_LIB_TARGET_CPU_WINDOWCONTRACTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace rectify::cpu {

/// True when `op` is a window contraction on tensors.
bool isWindowContraction(mlir::linalg::GenericOp op);

/// The window contraction that `epilogue`, an all-parallel generic over the
/// contraction's parallel dims, reads with the identity map, when it is that
/// contraction's only use; null otherwise.
mlir::linalg::GenericOp findFusableWindowContraction(
    mlir::linalg::GenericOp epilogue);

/// True when `op` is the epilogue of a window contraction: it reads one.
bool readsWindowContraction(mlir::linalg::GenericOp op);

} // namespace rectify::cpu

#endif // RECTIFY_LIB_TARGET_CPU_WINDOWCONTRACTION_H
