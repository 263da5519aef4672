//===- ConvEpilogue.cpp - Bias, residual and activation of a convolution --===//

#include "ConvLowering.h"

#include "rectify/Conversion/RectToLinalg/RectToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace rectify;
using namespace rectify::rect_to_linalg;

AffineMap rectify::rect_to_linalg::getChannelMap(MLIRContext *context,
                                                 Value value, unsigned rank,
                                                 unsigned channelDim) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() == 0)
    return AffineMap::get(rank, 0, {}, context);
  if (type.getDimSize(0) == 1)
    return AffineMap::get(rank, 0, {getAffineConstantExpr(0, context)},
                          context);
  return AffineMap::get(rank, 0, {getAffineDimExpr(channelDim, context)},
                        context);
}

void rectify::rect_to_linalg::appendEpilogueOperands(
    const ConvEpilogue &epilogue, unsigned rank, unsigned channelDim,
    SmallVectorImpl<Value> &inputs, SmallVectorImpl<AffineMap> &maps) {
  MLIRContext *context = epilogue.activation.getContext();
  if (epilogue.bias) {
    inputs.push_back(epilogue.bias);
    maps.push_back(getChannelMap(context, epilogue.bias, rank, channelDim));
  }
  if (epilogue.residual) {
    inputs.push_back(epilogue.residual);
    maps.push_back(AffineMap::getMultiDimIdentityMap(rank, context));
  }
  if (epilogue.slope) {
    inputs.push_back(epilogue.slope);
    maps.push_back(getChannelMap(context, epilogue.slope, rank, channelDim));
  }
}

Value rectify::rect_to_linalg::applyEpilogue(OpBuilder &b, Location loc,
                                             const ConvEpilogue &epilogue,
                                             Value value, ValueRange args) {
  unsigned next = 0;
  if (epilogue.bias)
    value = arith::AddFOp::create(b, loc, value, args[next++]);
  if (epilogue.residual)
    value = arith::AddFOp::create(b, loc, value, args[next++]);
  return emitActivation(b, loc, epilogue.activation, value,
                        epilogue.slope ? args[next] : Value());
}

Value rectify::rect_to_linalg::buildMultiplyAccumulate(
    OpBuilder &b, Location loc, Value lhs, Value rhs, Value acc,
    ArrayRef<AffineMap> maps, unsigned reductions) {
  unsigned loops = maps.front().getNumDims();
  SmallVector<utils::IteratorType> iterators(loops - reductions,
                                             utils::IteratorType::parallel);
  iterators.append(reductions, utils::IteratorType::reduction);
  return linalg::GenericOp::create(
             b, loc, TypeRange{acc.getType()}, ValueRange{lhs, rhs},
             ValueRange{acc}, maps, iterators,
             [](OpBuilder &nb, Location nl, ValueRange args) {
               Value product = arith::MulFOp::create(nb, nl, args[0], args[1]);
               linalg::YieldOp::create(
                   nb, nl, arith::AddFOp::create(nb, nl, args[2], product)
                               .getResult());
             })
      .getResult(0);
}

Value rectify::rect_to_linalg::buildEpilogueInto(
    OpBuilder &b, Location loc, Value value, unsigned channelDim,
    const ConvEpilogue &epilogue, AffineMap resultMap,
    ArrayRef<OpFoldResult> resultSizes) {
  MLIRContext *context = b.getContext();
  auto type = cast<RankedTensorType>(value.getType());
  unsigned rank = type.getRank();
  SmallVector<Value> inputs = {value};
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(rank, context)};
  appendEpilogueOperands(epilogue, rank, channelDim, inputs, maps);
  // The residual has the result's shape and layout.
  if (epilogue.residual)
    maps[epilogue.bias ? 2 : 1] = resultMap;
  maps.push_back(resultMap);
  Value init = tensor::EmptyOp::create(b, loc, resultSizes,
                                       type.getElementType());
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init},
             maps,
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nl,
                   applyEpilogue(nb, nl, epilogue, args[0],
                                 args.drop_front().drop_back()));
             })
      .getResult(0);
}

Value rectify::rect_to_linalg::buildEpilogueIntoNCHW(
    OpBuilder &b, Location loc, Value value, ArrayRef<unsigned> nchwDims,
    const ConvEpilogue &epilogue) {
  AffineMap resultMap = AffineMap::getPermutationMap(nchwDims, b.getContext());
  SmallVector<OpFoldResult> sizes;
  for (unsigned dim : nchwDims)
    sizes.push_back(tensor::getMixedSize(b, loc, value, dim));
  return buildEpilogueInto(b, loc, value, /*channelDim=*/nchwDims[1], epilogue,
                           resultMap, sizes);
}

Value rectify::rect_to_linalg::buildChannelEpilogue(
    OpBuilder &b, Location loc, Value value, unsigned channelDim,
    const ConvEpilogue &epilogue) {
  if (epilogue.isIdentity())
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  return buildEpilogueInto(
      b, loc, value, channelDim, epilogue,
      AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext()),
      tensor::getMixedSizes(b, loc, value));
}
