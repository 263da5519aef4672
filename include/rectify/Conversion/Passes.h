//===- Passes.h - Rectify conversion passes ---------------------*- C++ -*-===//
//
// Every lowering out of the rect dialect, and their registration.
//
//===----------------------------------------------------------------------===//

#ifndef RECTIFY_CONVERSION_PASSES_H
#define RECTIFY_CONVERSION_PASSES_H

#include "rectify/Conversion/RectToLinalg/RectToLinalg.h"

namespace rectify {

#define GEN_PASS_REGISTRATION
#include "rectify/Conversion/Passes.h.inc"

} // namespace rectify

#endif // RECTIFY_CONVERSION_PASSES_H
