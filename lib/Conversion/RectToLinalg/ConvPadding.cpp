//===- ConvPadding.cpp - Padding and zero insertion for windows -----------===//

#include "ConvPadding.h"
#include "Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace rectify::rect_to_linalg;

Value rectify::rect_to_linalg::padAndDilate(OpBuilder &b, Location loc,
                                            Value input, ArrayRef<int64_t> low,
                                            ArrayRef<int64_t> high,
                                            ArrayRef<int64_t> stride,
                                            double padValue) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  bool identity = true;
  for (int64_t d = 0; d < rank; ++d)
    identity &= low[d] == 0 && high[d] == 0 && stride[d] == 1;
  if (identity)
    return input;

  SmallVector<int64_t> shape(type.getShape());
  SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(b, loc, input, 0)};
  for (int64_t d = 1; d < rank; ++d) {
    shape[d] = (shape[d] - 1) * stride[d] + 1 + low[d] + high[d];
    sizes.push_back(b.getIndexAttr(shape[d]));
  }
  Type elementType = type.getElementType();
  Value init = tensor::EmptyOp::create(b, loc, sizes, elementType);
  auto resultType = RankedTensorType::get(shape, elementType);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{resultType}, ValueRange{}, ValueRange{init},
             SmallVector<AffineMap>{
                 AffineMap::getMultiDimIdentityMap(rank, b.getContext())},
             iterators,
             [&](OpBuilder &nb, Location nl, ValueRange) {
               Value inside;
               SmallVector<Value> indices;
               for (int64_t d = 0; d < rank; ++d) {
                 Value i = linalg::IndexOp::create(nb, nl, d);
                 if (d == 0) {
                   indices.push_back(i);
                   continue;
                 }
                 // t = i - low; inside when t >= 0, t % stride == 0 and
                 // t / stride < size; the index read is clamped.
                 Value t = arith::SubIOp::create(
                     nb, nl, i,
                     arith::ConstantIndexOp::create(nb, nl, low[d]));
                 Value zero = arith::ConstantIndexOp::create(nb, nl, 0);
                 Value ok = arith::CmpIOp::create(
                     nb, nl, arith::CmpIPredicate::sge, t, zero);
                 Value q = t;
                 if (stride[d] != 1) {
                   Value s = arith::ConstantIndexOp::create(nb, nl, stride[d]);
                   Value r = arith::RemSIOp::create(nb, nl, t, s);
                   ok = arith::AndIOp::create(
                       nb, nl, ok,
                       arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::eq,
                                             r, zero));
                   q = arith::DivSIOp::create(nb, nl, t, s);
                 }
                 Value size =
                     arith::ConstantIndexOp::create(nb, nl, type.getDimSize(d));
                 ok = arith::AndIOp::create(
                     nb, nl, ok,
                     arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::slt, q,
                                           size));
                 Value last = arith::ConstantIndexOp::create(
                     nb, nl, type.getDimSize(d) - 1);
                 Value clamped = arith::MinSIOp::create(
                     nb, nl, arith::MaxSIOp::create(nb, nl, q, zero), last);
                 indices.push_back(clamped);
                 inside = inside ? arith::AndIOp::create(nb, nl, inside, ok)
                                       .getResult()
                                 : ok;
               }
               Value v = tensor::ExtractOp::create(nb, nl, input, indices);
               Value pad = createFloatConstant(nb, nl, elementType, padValue);
               linalg::YieldOp::create(
                   nb, nl,
                   arith::SelectOp::create(nb, nl, inside, v, pad).getResult());
             })
      .getResult(0);
}

Value rectify::rect_to_linalg::padSpatial(OpBuilder &b, Location loc,
                                          Value input, ArrayRef<int64_t> pads,
                                          double padValue) {
  return padAndDilate(b, loc, input, {0, 0, pads[0], pads[1]},
                      {0, 0, pads[2], pads[3]}, {1, 1, 1, 1}, padValue);
}

Value rectify::rect_to_linalg::copyInto(OpBuilder &b, Location loc, Value input,
                                        Value dest) {
  auto type = cast<RankedTensorType>(dest.getType());
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{input}, ValueRange{dest},
             SmallVector<AffineMap>{identity, identity},
             SmallVector<utils::IteratorType>(type.getRank(),
                                              utils::IteratorType::parallel),
             [](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, args[0]);
             })
      .getResult(0);
}

Value rectify::rect_to_linalg::padByCopy(OpBuilder &b, Location loc,
                                         Value input, ArrayRef<int64_t> pads,
                                         double padValue) {
  if (llvm::all_of(pads, [](int64_t p) { return p == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, input);
  SmallVector<OpFoldResult> paddedSizes(sizes);
  for (int64_t d = 0; d < 2; ++d)
    paddedSizes[rank - 2 + d] = b.getIndexAttr(
        type.getDimSize(rank - 2 + d) + pads[d] + pads[d + 2]);
  // The interior is copied first, then only the border is filled, in place.
  // Filling afterwards touches cache lines the copy (or the producer that
  // writes the interior, rectify-cpu-write-into-padding) has just brought
  // in: filled first, the border columns cost one cache miss per row (7% of
  // mobilenet_v2).
  Value padded = tensor::EmptyOp::create(b, loc, paddedSizes,
                                         type.getElementType());
  SmallVector<OpFoldResult> unit(rank, b.getIndexAttr(1));
  SmallVector<OpFoldResult> interiorOffsets(rank, b.getIndexAttr(0));
  interiorOffsets[rank - 2] = b.getIndexAttr(pads[0]);
  interiorOffsets[rank - 1] = b.getIndexAttr(pads[1]);
  Value interior = tensor::ExtractSliceOp::create(b, loc, padded,
                                                  interiorOffsets, sizes, unit);
  Value copied = copyInto(b, loc, input, interior);
  padded = tensor::InsertSliceOp::create(b, loc, copied, padded,
                                         interiorOffsets, sizes, unit);
  int64_t height = type.getDimSize(rank - 2), width = type.getDimSize(rank - 1);
  int64_t paddedWidth = width + pads[1] + pads[3];
  Value padConstant = arith::ConstantOp::create(
      b, loc, b.getFloatAttr(type.getElementType(), padValue));
  // Fills the [rows, columns] box at (row, column) of every plane in place
  // (a slice of the padded tensor, not a fresh one), so bufferization
  // writes the border where it lies.
  auto fillBox = [&](int64_t row, int64_t rows, int64_t column,
                     int64_t columns) {
    if (rows == 0 || columns == 0)
      return;
    SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
    offsets[rank - 2] = b.getIndexAttr(row);
    offsets[rank - 1] = b.getIndexAttr(column);
    SmallVector<OpFoldResult> boxSizes(sizes);
    boxSizes[rank - 2] = b.getIndexAttr(rows);
    boxSizes[rank - 1] = b.getIndexAttr(columns);
    Value slot =
        tensor::ExtractSliceOp::create(b, loc, padded, offsets, boxSizes, unit);
    Value box = linalg::FillOp::create(b, loc, ValueRange{padConstant},
                                       ValueRange{slot})
                    .getResult(0);
    padded = tensor::InsertSliceOp::create(b, loc, box, padded, offsets,
                                           boxSizes, unit);
  };
  fillBox(0, pads[0], 0, paddedWidth);
  fillBox(pads[0] + height, pads[2], 0, paddedWidth);
  if (pads[1] + pads[3] == 0)
    return padded;
  if (pads[0] == 0 || pads[2] == 0) {
    fillBox(pads[0], height, 0, pads[1]);
    fillBox(pads[0], height, pads[1] + width, pads[3]);
    return padded;
  }
  // With a border row above and below, the right pad of each row and the
  // left pad of the next are adjacent in memory: the side columns are
  // height + 1 runs of (right + left) elements, one row of padded width
  // apart, starting at the right pad of the top border's last row. One
  // fill of half as many (wider) runs; the two end runs overlap the border
  // rows, which already hold the same value.
  // The last two dims merged: a plane, flat or as rows.
  SmallVector<ReassociationIndices> planes;
  for (int64_t d = 0; d + 2 < rank; ++d)
    planes.push_back({d});
  planes.push_back({rank - 2, rank - 1});
  Value flat = collapse(b, loc, padded, planes);
  int64_t runs = height + 1;
  SmallVector<OpFoldResult> spanOffsets(rank - 1, b.getIndexAttr(0));
  spanOffsets.back() =
      b.getIndexAttr((pads[0] - 1) * paddedWidth + pads[1] + width);
  SmallVector<OpFoldResult> spanSizes(ArrayRef(sizes).drop_back(2));
  spanSizes.push_back(b.getIndexAttr(runs * paddedWidth));
  SmallVector<OpFoldResult> spanUnit(rank - 1, b.getIndexAttr(1));
  Value span = tensor::ExtractSliceOp::create(b, loc, flat, spanOffsets,
                                              spanSizes, spanUnit);
  SmallVector<OpFoldResult> runRows(ArrayRef(sizes).drop_back(2));
  runRows.push_back(b.getIndexAttr(runs));
  runRows.push_back(b.getIndexAttr(paddedWidth));
  Value rowsView = expand(b, loc, span, runRows, planes);
  SmallVector<OpFoldResult> runSizes(runRows);
  runSizes.back() = b.getIndexAttr(pads[1] + pads[3]);
  SmallVector<OpFoldResult> origin(rank, b.getIndexAttr(0));
  Value slot =
      tensor::ExtractSliceOp::create(b, loc, rowsView, origin, runSizes, unit);
  Value filled =
      linalg::FillOp::create(b, loc, ValueRange{padConstant}, ValueRange{slot})
          .getResult(0);
  rowsView = tensor::InsertSliceOp::create(b, loc, filled, rowsView, origin,
                                           runSizes, unit);
  span = collapse(b, loc, rowsView, planes);
  flat = tensor::InsertSliceOp::create(b, loc, span, flat, spanOffsets,
                                       spanSizes, spanUnit);
  return expand(b, loc, flat, paddedSizes, planes);
}
