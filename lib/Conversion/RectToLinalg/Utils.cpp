//===- Utils.cpp - Helpers shared by the rect to linalg patterns ----------===//

#include "Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;

namespace rectify::rect_to_linalg {

Value createFloatConstant(OpBuilder &builder, Location loc, Type type,
                          double value) {
  return arith::ConstantOp::create(builder, loc,
                                   builder.getFloatAttr(type, value));
}

Value createFilledTensor(OpBuilder &builder, Location loc,
                         ArrayRef<OpFoldResult> sizes, Type elementType,
                         double value) {
  Value empty = tensor::EmptyOp::create(builder, loc, sizes, elementType);
  Value init = createFloatConstant(builder, loc, elementType, value);
  return linalg::FillOp::create(builder, loc, ValueRange{init},
                                ValueRange{empty})
      .getResult(0);
}

Value buildBroadcastingGeneric(OpBuilder &builder, Location loc,
                               RankedTensorType resultType, ValueRange inputs,
                               ScalarBodyBuilder body,
                               ArrayRef<OpFoldResult> resultSizes) {
  MLIRContext *context = builder.getContext();
  int64_t rank = resultType.getRank();
  // Size of every dynamic result dim, from the first input not broadcast
  // along it.
  SmallVector<Value> dynamicSizes(rank);
  SmallVector<AffineMap> maps;
  for (Value input : inputs) {
    auto inputType = cast<RankedTensorType>(input.getType());
    int64_t offset = rank - inputType.getRank();
    SmallVector<AffineExpr> exprs;
    for (int64_t j = 0, e = inputType.getRank(); j < e; ++j) {
      int64_t i = offset + j;
      if (inputType.getDimSize(j) == 1 && resultType.getDimSize(i) != 1) {
        exprs.push_back(getAffineConstantExpr(0, context));
        continue;
      }
      exprs.push_back(getAffineDimExpr(i, context));
      if (resultSizes.empty() && resultType.isDynamicDim(i) && !dynamicSizes[i])
        dynamicSizes[i] = getValueOrCreateConstantIndexOp(
            builder, loc, tensor::getMixedSize(builder, loc, input, j));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, context));
  }
  maps.push_back(builder.getMultiDimIdentityMap(rank));

  SmallVector<Value> emptySizes;
  for (int64_t i = 0; i < rank; ++i) {
    if (!resultType.isDynamicDim(i))
      continue;
    if (!resultSizes.empty()) {
      emptySizes.push_back(
          getValueOrCreateConstantIndexOp(builder, loc, resultSizes[i]));
      continue;
    }
    // Every input is 1 along this dim (or absent): the result is 1 too.
    emptySizes.push_back(
        dynamicSizes[i]
            ? dynamicSizes[i]
            : arith::ConstantIndexOp::create(builder, loc, 1).getResult());
  }
  Value init = tensor::EmptyOp::create(builder, loc, resultType, emptySizes);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps,
      iterators, [&](OpBuilder &b, Location l, ValueRange args) {
        Value result = body(b, l, args.drop_back());
        linalg::YieldOp::create(b, l, result);
      });
  return generic.getResult(0);
}

Value broadcastTo(OpBuilder &builder, Location loc, Value value,
                  RankedTensorType resultType,
                  ArrayRef<OpFoldResult> resultSizes) {
  return buildBroadcastingGeneric(
      builder, loc, resultType, value,
      [](OpBuilder &, Location, ValueRange args) { return args[0]; },
      resultSizes);
}

OpFoldResult multiplySizes(OpBuilder &builder, Location loc,
                           ArrayRef<OpFoldResult> sizes) {
  int64_t staticProduct = 1;
  Value dynamicProduct;
  for (OpFoldResult size : sizes) {
    if (std::optional<int64_t> constant = getConstantIntValue(size)) {
      staticProduct *= *constant;
      continue;
    }
    Value value = cast<Value>(size);
    dynamicProduct =
        dynamicProduct
            ? arith::MulIOp::create(builder, loc, dynamicProduct, value)
                  .getResult()
            : value;
  }
  if (!dynamicProduct)
    return builder.getIndexAttr(staticProduct);
  if (staticProduct == 1)
    return dynamicProduct;
  Value factor = arith::ConstantIndexOp::create(builder, loc, staticProduct);
  return arith::MulIOp::create(builder, loc, dynamicProduct, factor)
      .getResult();
}

Value collapse(OpBuilder &builder, Location loc, Value value,
               ArrayRef<ReassociationIndices> reassociation) {
  return tensor::CollapseShapeOp::create(builder, loc, value, reassociation);
}

Value expand(OpBuilder &builder, Location loc, Value value,
             ArrayRef<OpFoldResult> sizes,
             ArrayRef<ReassociationIndices> reassociation) {
  SmallVector<int64_t> shape;
  for (OpFoldResult size : sizes)
    shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
  auto resultType = RankedTensorType::get(
      shape, cast<RankedTensorType>(value.getType()).getElementType());
  return tensor::ExpandShapeOp::create(builder, loc, resultType, value,
                                       reassociation, sizes);
}

SmallVector<ReassociationIndices>
getDropUnitDimsReassociation(int64_t rank, ArrayRef<int64_t> dropped) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices leading;
  for (int64_t i = 0; i < rank; ++i) {
    bool drop = llvm::is_contained(dropped, i);
    if (drop && groups.empty()) {
      leading.push_back(i);
      continue;
    }
    if (drop) {
      groups.back().push_back(i);
      continue;
    }
    groups.emplace_back(leading);
    leading.clear();
    groups.back().push_back(i);
  }
  return groups;
}

} // namespace rectify::rect_to_linalg
