//===- RectConvOps.td - Convolution, normalization and pooling ops -*- tablegen -*-===//
//
// Included at the end of RectOps.td, so the base classes defined there
// (Rect_Op, Rect_FloatTensor, Rect_UnaryOp, Rect_BinaryOp) are in scope.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTCONVOPS_TD
#define RECTIFY_DIALECT_RECT_IR_RECTCONVOPS_TD

#endif // RECTIFY_DIALECT_RECT_IR_RECTCONVOPS_TD
