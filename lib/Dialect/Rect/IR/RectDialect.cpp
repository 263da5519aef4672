//===- RectDialect.cpp - rect dialect registration ------------------------===//

#include "rectify/Dialect/Rect/IR/RectDialect.h"
#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"

using namespace mlir;
using namespace rectify::rect;

#include "rectify/Dialect/Rect/IR/RectDialect.cpp.inc"

void RectDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "rectify/Dialect/Rect/IR/RectOps.cpp.inc"
      >();
}

Operation *RectDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, type, elements);
}
