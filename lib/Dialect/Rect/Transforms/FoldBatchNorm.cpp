//===- FoldBatchNorm.cpp - Fold batch norm and affine ops into weights ----===//
//
// The rect-fold-batch-norm pass. With constant weights, bias and statistics:
//
//   batch_norm(conv(x, W, b))   -> conv(x, W * s, (b - mean) * s + beta)
//   batch_norm(linear(x, W, b)) -> linear(x, W * s, (b - mean) * s + beta)
//       with s = scale / sqrt(var + epsilon), per output channel / feature;
//   mul(conv(x, W, b), c)       -> conv(x, W * c, b * c)
//   add(conv(x, W, b), c)       -> conv(x, W, b + c)
//       for a constant c that varies only along the channels ([F, 1, 1],
//       [1, F, 1, 1], [1], a scalar, ...).
//
// The producer must have no activation or residual yet, and the folded op
// must be its only user (which also rules out a returned result).
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"

#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <cstring>

namespace rectify::rect {
#define GEN_PASS_DEF_RECTFOLDBATCHNORM
#include "rectify/Dialect/Rect/Transforms/Passes.h.inc"
} // namespace rectify::rect

using namespace mlir;
using namespace rectify::rect;

/// The f32 elements of the rect.constant defining `value` (dense or a loaded
/// dense_resource blob), in row-major order.
static std::optional<SmallVector<float>> readConstant(Value value) {
  if (!value)
    return std::nullopt;
  auto constant = value.getDefiningOp<ConstantOp>();
  if (!constant)
    return std::nullopt;
  auto type = cast<ShapedType>(constant.getValue().getType());
  if (!type.getElementType().isF32() || !type.hasStaticShape())
    return std::nullopt;
  if (auto dense = dyn_cast<DenseElementsAttr>(constant.getValue())) {
    auto values = dense.getValues<float>();
    return SmallVector<float>(values.begin(), values.end());
  }
  auto resource = dyn_cast<DenseResourceElementsAttr>(constant.getValue());
  if (!resource)
    return std::nullopt;
  const AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob)
    return std::nullopt;
  ArrayRef<char> bytes = blob->getData();
  int64_t count = type.getNumElements();
  if (static_cast<int64_t>(bytes.size()) != count * 4)
    return std::nullopt;
  SmallVector<float> result(count);
  std::memcpy(result.data(), bytes.data(), bytes.size());
  return result;
}

/// A rect.constant of `type` holding `values` as a new resource blob named
/// after `base`.
static Value createConstant(PatternRewriter &rewriter, Location loc,
                            RankedTensorType type, ArrayRef<float> values,
                            StringRef base) {
  AsmResourceBlob blob =
      HeapAsmResourceBlob::allocateAndCopyInferAlign<float>(values);
  // The manager makes the name unique.
  auto attr = DenseResourceElementsAttr::get(type, (base + "_folded").str(),
                                             std::move(blob));
  return ConstantOp::create(rewriter, loc, type, attr);
}

/// A name for the constant replacing `value` (its blob's key when it has one).
static std::string getBaseName(Value value, StringRef fallback) {
  if (auto constant = value.getDefiningOp<ConstantOp>())
    if (auto resource =
            dyn_cast<DenseResourceElementsAttr>(constant.getValue()))
      return resource.getRawHandle().getKey().str();
  return fallback.str();
}

/// `values` of a constant of `type` broadcast along the channels of a
/// [N, channels, ...] tensor of rank `rank`: returns one value per channel,
/// or nothing when the constant varies along another dim or does not
/// broadcast.
static std::optional<SmallVector<float>>
getPerChannel(ArrayRef<float> values, RankedTensorType type, int64_t rank,
              int64_t channels) {
  ArrayRef<int64_t> shape = type.getShape();
  if (static_cast<int64_t>(shape.size()) > rank)
    return std::nullopt;
  int64_t offset = rank - shape.size();
  for (auto [i, d] : llvm::enumerate(shape)) {
    int64_t dim = offset + i;
    if (d == 1)
      continue;
    if (dim != 1 || d != channels)
      return std::nullopt;
  }
  if (values.size() == 1)
    return SmallVector<float>(channels, values[0]);
  return SmallVector<float>(values.begin(), values.end());
}

namespace {

/// Weight and bias of a conv or linear, rescaled and shifted per output
/// channel: W[f, ...] * scale[f] and bias[f] * scale[f] + shift[f].
struct FoldedParams {
  Value weight, bias;
};

FailureOr<FoldedParams> foldAffine(PatternRewriter &rewriter, Location loc,
                                   Value weight, Value bias,
                                   ArrayRef<double> scale,
                                   ArrayRef<double> shift) {
  std::optional<SmallVector<float>> w = readConstant(weight);
  if (!w)
    return failure();
  auto weightType = cast<RankedTensorType>(weight.getType());
  int64_t channels = weightType.getDimSize(0);
  SmallVector<float> b(channels, 0.0f);
  if (bias) {
    std::optional<SmallVector<float>> values = readConstant(bias);
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (!values)
      return failure();
    if (values->size() == 1)
      b.assign(channels, (*values)[0]);
    else if (biasType.getRank() == 1 && biasType.getDimSize(0) == channels)
      b = *values;
    else
      return failure();
  }
  int64_t perChannel = w->size() / channels;
  for (int64_t f = 0; f < channels; ++f) {
    for (int64_t i = 0; i < perChannel; ++i)
      (*w)[f * perChannel + i] =
          static_cast<float>((*w)[f * perChannel + i] * scale[f]);
    b[f] = static_cast<float>(b[f] * scale[f] + shift[f]);
  }
  FoldedParams result;
  result.weight = createConstant(rewriter, loc, weightType, *w,
                                 getBaseName(weight, "weight"));
  auto biasType =
      RankedTensorType::get({channels}, weightType.getElementType());
  result.bias = createConstant(rewriter, loc, biasType, b,
                               bias ? getBaseName(bias, "bias") : "bias");
  return result;
}

/// Checks the producer `op` (a conv or linear result) can absorb an affine
/// map applied by `user`.
LogicalResult checkProducer(PatternRewriter &rewriter, Operation *user,
                            Operation *producer) {
  if (!producer)
    return rewriter.notifyMatchFailure(user, "input is not a conv or linear");
  if (!producer->hasOneUse())
    return rewriter.notifyMatchFailure(user, "producer has other users");
  return success();
}

ConvOp getFoldableConv(Value value) {
  auto conv = value.getDefiningOp<ConvOp>();
  if (!conv || !conv.getActivation().isIdentity() || conv.getResidual())
    return {};
  return conv;
}

/// Replaces `conv`'s user `user` by a copy of `conv` with new weight and bias.
void replaceConv(PatternRewriter &rewriter, Operation *user, ConvOp conv,
                 const FoldedParams &params) {
  auto folded = ConvOp::create(
      rewriter, rewriter.getFusedLoc({conv.getLoc(), user->getLoc()}),
      conv.getType(), conv.getInput(), params.weight, params.bias,
      /*residual=*/Value(), /*slope=*/Value(), conv.getStridesAttr(),
      conv.getPadsAttr(), conv.getDilationsAttr(), conv.getGroupAttr(),
      conv.getActivationAttr());
  rewriter.replaceOp(user, folded.getResult());
  rewriter.eraseOp(conv);
}

/// batch_norm(conv | linear) -> conv | linear with folded weights.
struct FoldBatchNorm : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    ConvOp conv = getFoldableConv(op.getInput());
    auto linear = op.getInput().getDefiningOp<LinearOp>();
    if (linear && (!linear.getActivation().isIdentity() ||
                   linear.getType().getRank() != 2))
      linear = {};
    Operation *producer = conv ? conv.getOperation() : linear.getOperation();
    if (failed(checkProducer(rewriter, op, producer)))
      return failure();
    std::optional<SmallVector<float>> gamma = readConstant(op.getScale());
    std::optional<SmallVector<float>> beta = readConstant(op.getBias());
    std::optional<SmallVector<float>> mean = readConstant(op.getMean());
    std::optional<SmallVector<float>> var = readConstant(op.getVar());
    if (!gamma || !beta || !mean || !var)
      return rewriter.notifyMatchFailure(op, "statistics are not constant");
    double epsilon = op.getEpsilon().convertToDouble();
    SmallVector<double> scale, shift;
    for (size_t f = 0; f < gamma->size(); ++f) {
      double s = (*gamma)[f] / std::sqrt(static_cast<double>((*var)[f]) +
                                         epsilon);
      scale.push_back(s);
      shift.push_back((*beta)[f] - (*mean)[f] * s);
    }
    Value weight = conv ? conv.getWeight() : linear.getWeight();
    Value bias = conv ? conv.getBias() : linear.getBias();
    FailureOr<FoldedParams> params =
        foldAffine(rewriter, producer->getLoc(), weight, bias, scale, shift);
    if (failed(params))
      return rewriter.notifyMatchFailure(op, "weight or bias not constant");
    if (conv) {
      replaceConv(rewriter, op, conv, *params);
      return success();
    }
    auto folded = LinearOp::create(
        rewriter, rewriter.getFusedLoc({linear.getLoc(), op.getLoc()}),
        linear.getType(), linear.getInput(), params->weight, params->bias,
        /*slope=*/Value(), linear.getActivationAttr());
    rewriter.replaceOp(op, folded.getResult());
    rewriter.eraseOp(linear);
    return success();
  }
};

/// mul/add(conv, per-channel constant) -> conv with folded weights and bias.
template <typename OpTy, bool IsMul>
struct FoldChannelAffine : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    ConvOp conv = getFoldableConv(op.getLhs());
    Value other = op.getRhs();
    if (!conv) {
      conv = getFoldableConv(op.getRhs());
      other = op.getLhs();
    }
    if (failed(checkProducer(rewriter, op, conv.getOperation())))
      return failure();
    if (op.getType() != conv.getType())
      return rewriter.notifyMatchFailure(op, "the constant broadcasts the conv");
    std::optional<SmallVector<float>> values = readConstant(other);
    if (!values)
      return rewriter.notifyMatchFailure(op, "operand is not a constant");
    int64_t channels = conv.getType().getDimSize(1);
    std::optional<SmallVector<float>> perChannel = getPerChannel(
        *values, cast<RankedTensorType>(other.getType()), 4, channels);
    if (!perChannel)
      return rewriter.notifyMatchFailure(op, "constant is not per-channel");
    SmallVector<double> scale(channels, 1.0), shift(channels, 0.0);
    for (int64_t f = 0; f < channels; ++f) {
      if (IsMul)
        scale[f] = (*perChannel)[f];
      else
        shift[f] = (*perChannel)[f];
    }
    FailureOr<FoldedParams> params =
        foldAffine(rewriter, conv.getLoc(), conv.getWeight(), conv.getBias(),
                   scale, shift);
    if (failed(params))
      return rewriter.notifyMatchFailure(op, "weight or bias not constant");
    replaceConv(rewriter, op, conv, *params);
    return success();
  }
};

struct RectFoldBatchNormPass
    : rectify::rect::impl::RectFoldBatchNormBase<RectFoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNorm, FoldChannelAffine<MulOp, true>,
                 FoldChannelAffine<AddOp, false>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
