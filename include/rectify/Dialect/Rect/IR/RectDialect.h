//===- RectDialect.h - The rect dialect -------------------------*- C++ -*-===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTDIALECT_H
#define RECTIFY_DIALECT_RECT_IR_RECTDIALECT_H

#include "mlir/IR/Dialect.h"

#include "rectify/Dialect/Rect/IR/RectDialect.h.inc"

#endif // RECTIFY_DIALECT_RECT_IR_RECTDIALECT_H
