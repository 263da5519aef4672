//===- Fill.cpp - rect.fill to tensor.empty + linalg.fill -----------------===//
//
// The dynamic size is read with tensor.dim from the source (times the
// multiple); the static sizes come from the result type.
//
//===----------------------------------------------------------------------===//

#include "PopulatePatterns.h"
#include "Utils.h"

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace rectify::rect;
using namespace rectify::rect_to_linalg;

namespace {

struct FillOpLowering : OpConversionPattern<FillOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FillOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    Value size = tensor::DimOp::create(rewriter, loc, adaptor.getSource(),
                                       op.getSourceDim());
    if (op.getMultiple() != 1)
      size = arith::MulIOp::create(
          rewriter, loc, size,
          arith::ConstantIndexOp::create(rewriter, loc, op.getMultiple()));
    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < type.getRank(); ++d)
      sizes.push_back(type.isDynamicDim(d)
                          ? OpFoldResult(size)
                          : rewriter.getIndexAttr(type.getDimSize(d)));
    rewriter.replaceOp(op, createFilledTensor(
                               rewriter, loc, sizes, type.getElementType(),
                               op.getValue().convertToDouble()));
    return success();
  }
};

} // namespace

void rectify::rect_to_linalg::populateFillPatterns(
    RewritePatternSet &patterns) {
  patterns.add<FillOpLowering>(patterns.getContext());
}
