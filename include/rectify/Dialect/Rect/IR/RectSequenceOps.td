//===- RectSequenceOps.td - Recurrent and attention ops -*- tablegen -*-===//
//
// Included at the end of RectOps.td, so the base classes defined there
// (Rect_Op, Rect_FloatTensor, Rect_UnaryOp, Rect_BinaryOp) are in scope.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTSEQUENCEOPS_TD
#define RECTIFY_DIALECT_RECT_IR_RECTSEQUENCEOPS_TD

#endif // RECTIFY_DIALECT_RECT_IR_RECTSEQUENCEOPS_TD
