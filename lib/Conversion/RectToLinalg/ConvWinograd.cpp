//===- ConvWinograd.cpp - 3x3 convolutions by minimal filtering of rows ---===//
//
// An ungrouped 3x3 unit-stride convolution with a constant weight lowers to
// Winograd's minimal filtering F(4, 3) along its output rows (Lavin & Gray,
// "Fast Algorithms for Convolutional Neural Networks", 2016). A tile of 4
// output rows needs 6 input rows d; each output column then takes 6
// products per input channel and tap column instead of 12:
//
//   V_i = sum_k BT[i][k] d_k                 input transform, per row tile
//   M_i = V_i (*) U_i,  U_i = sum_k G[i][k] W[:, :, k, :]  (compile time)
//                                            6 convolutions 1 x 3, each the
//                                            in-place contraction of
//                                            ConvImplicitGemm.cpp
//   y_a = act(sum_i AT[a][i] M_i + bias + residual)    output transform
//
// Half the multiply-adds of the direct convolution; the transforms are
// elementwise passes over the activations. Only the rows are transformed:
// columns stay contiguous, so every pass reads and writes whole vectors (a
// transform along the columns too would interleave its output columns,
// which the CPU back end cannot store). A last, partial tile reads zero
// rows below the input and writes only the rows that exist.
//
//   %p    = zero padding of the input, whole tiles of rows  : [N, C, 4T+2, Wp]
//   %V_i  = linalg.generic (n, c, t, x): sum_k BT[i][k] %p[n, c, 4t + k, x]
//   %M_i  = the 1 x 3 contraction of %V_i by U_i           : [N, F, T, OW]
//   %y    = linalg.generic (n, f, y, x):
//             act(sum_i AT[y mod 4][i] %M_i[n, f, y floordiv 4, x]
//                 + bias[f] + residual[n, f, y, x])       : [N, F, OH, OW]
//
//===----------------------------------------------------------------------===//

#include "ConvLowering.h"
#include "ConvPadding.h"
#include "Utils.h"

#include "rectify/Analysis/FloatElements.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace rectify;
using namespace rectify::rect_to_linalg;

namespace {

/// The matrices of F(m, 3): alpha = m + 2 transformed rows. F(4, 3) uses
/// the interpolation points 0, +-1, +-2 and infinity.
struct RowTransform {
  int64_t m;
  ArrayRef<double> bt; // alpha x alpha: input rows -> transformed rows
  ArrayRef<double> g;  // alpha x 3: weight taps -> transformed taps
  ArrayRef<double> at; // m x alpha: products -> output rows
  int64_t alpha() const { return m + 2; }
};

constexpr double kBT4[] = {4, 0,  -5, 0,  1, 0, //
                           0, -4, -4, 1,  1, 0, //
                           0, 4,  -4, -1, 1, 0, //
                           0, -2, -1, 2,  1, 0, //
                           0, 2,  -1, -2, 1, 0, //
                           0, 4,  0,  -5, 0, 1};
constexpr double kG4[] = {1.0 / 4,  0,         0,        //
                          -1.0 / 6, -1.0 / 6,  -1.0 / 6, //
                          -1.0 / 6, 1.0 / 6,   -1.0 / 6, //
                          1.0 / 24, 1.0 / 12,  1.0 / 6,  //
                          1.0 / 24, -1.0 / 12, 1.0 / 6,  //
                          0,        0,         1};
constexpr double kAT4[] = {1, 1, 1,  1, 1,  0, //
                           0, 1, -1, 2, -2, 0, //
                           0, 1, 1,  4, 4,  0, //
                           0, 1, -1, 8, -8, 1};

constexpr RowTransform kF4{4, kBT4, kG4, kAT4};

/// sum_k coefficients[k] * values[k], skipping zero coefficients and
/// multiplying only by coefficients other than +-1.
Value linearCombination(OpBuilder &b, Location loc,
                        ArrayRef<double> coefficients, ValueRange values) {
  Value sum;
  for (auto [coefficient, value] : llvm::zip_equal(coefficients, values)) {
    if (coefficient == 0)
      continue;
    Value term = value;
    double magnitude = std::abs(coefficient);
    if (magnitude != 1)
      term = arith::MulFOp::create(
          b, loc, value,
          createFloatConstant(b, loc, value.getType(), magnitude));
    if (!sum)
      sum = coefficient < 0 ? arith::NegFOp::create(b, loc, term).getResult()
                            : term;
    else if (coefficient < 0)
      sum = arith::SubFOp::create(b, loc, sum, term);
    else
      sum = arith::AddFOp::create(b, loc, sum, term);
  }
  return sum;
}

/// The transformed weights U_i [F, C, 1, 3], i < alpha, of the [F, C, 3, 3]
/// weight `w`: U_i[f, c, 0, j] = sum_k G[i][k] w[f, c, k, j].
SmallVector<Value> transformWeights(OpBuilder &b, Location loc,
                                    ArrayRef<double> w, int64_t filters,
                                    int64_t channels,
                                    const RowTransform &transform) {
  auto type = RankedTensorType::get({filters, channels, 1, 3}, b.getF32Type());
  SmallVector<Value> weights;
  for (int64_t i = 0; i < transform.alpha(); ++i) {
    ArrayRef<double> g = transform.g.slice(3 * i, 3);
    SmallVector<float> values(filters * channels * 3);
    for (int64_t fc = 0; fc < filters * channels; ++fc)
      for (int64_t j = 0; j < 3; ++j) {
        double sum = 0;
        for (int64_t k = 0; k < 3; ++k)
          sum += g[k] * w[(fc * 3 + k) * 3 + j];
        values[fc * 3 + j] = static_cast<float>(sum);
      }
    weights.push_back(arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(type, ArrayRef(values))));
  }
  return weights;
}

/// The transformed input rows V_i [N, C, T, Wp] of the padded input `padded`
/// [N, C, Hp, Wp], one all-parallel generic with alpha results.
SmallVector<Value> transformInput(OpBuilder &b, Location loc, Value padded,
                                  int64_t tiles,
                                  const RowTransform &transform) {
  MLIRContext *context = b.getContext();
  auto type = cast<RankedTensorType>(padded.getType());
  int64_t channels = type.getDimSize(1), width = type.getDimSize(3);
  OpFoldResult batch = tensor::getMixedSize(b, loc, padded, 0);
  auto rowsType = RankedTensorType::get(
      {type.getDimSize(0), channels, tiles, width}, type.getElementType());
  SmallVector<OpFoldResult> sizes = {batch, b.getIndexAttr(channels),
                                     b.getIndexAttr(tiles),
                                     b.getIndexAttr(width)};
  // Input row k of each tile: rows k, k + m, k + 2m, ... of the padded input.
  SmallVector<Value> rows;
  for (int64_t k = 0; k < transform.alpha(); ++k)
    rows.push_back(tensor::ExtractSliceOp::create(
        b, loc, rowsType, padded,
        {b.getIndexAttr(0), b.getIndexAttr(0), b.getIndexAttr(k),
         b.getIndexAttr(0)},
        sizes,
        {b.getIndexAttr(1), b.getIndexAttr(1), b.getIndexAttr(transform.m),
         b.getIndexAttr(1)}));
  SmallVector<Value> inits;
  for (int64_t i = 0; i < transform.alpha(); ++i)
    inits.push_back(
        tensor::EmptyOp::create(b, loc, sizes, type.getElementType()));
  SmallVector<AffineMap> maps(2 * transform.alpha(),
                              AffineMap::getMultiDimIdentityMap(4, context));
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange(ValueRange(inits)), rows, inits, maps,
      SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        ValueRange d = args.take_front(transform.alpha());
        SmallVector<Value> results;
        for (int64_t i = 0; i < transform.alpha(); ++i)
          results.push_back(linearCombination(
              nb, nl,
              transform.bt.slice(i * transform.alpha(), transform.alpha()), d));
        linalg::YieldOp::create(nb, nl, results);
      });
  return SmallVector<Value>(generic.getResults());
}

/// act(sum_i AT[a][i] M_i + bias + residual) for output row y = t * m + a,
/// written as [N, F, OH, OW], from the products `products` (M_i, each
/// [N, F, T, OW] with T * m >= OH).
Value transformOutput(OpBuilder &b, Location loc, ValueRange products,
                      const ConvEpilogue &epilogue,
                      const RowTransform &transform, int64_t outH) {
  MLIRContext *context = b.getContext();
  auto type = cast<RankedTensorType>(products.front().getType());
  int64_t m = transform.m, alpha = transform.alpha();
  SmallVector<OpFoldResult> sizes = {
      tensor::getMixedSize(b, loc, products.front(), 0),
      b.getIndexAttr(type.getDimSize(1)), b.getIndexAttr(outH),
      b.getIndexAttr(type.getDimSize(3))};

  AffineExpr n, f, y, x;
  bindDims(context, n, f, y, x);
  SmallVector<Value> inputs(products.begin(), products.end());
  SmallVector<AffineMap> maps(
      products.size(), AffineMap::get(4, 0, {n, f, y.floorDiv(m), x}, context));
  // Column i of AT as an [m] constant read at the row within the tile (a
  // map with a constant index would not vectorize).
  for (int64_t i = 0; i < alpha; ++i) {
    SmallVector<float> column;
    for (int64_t row = 0; row < m; ++row)
      column.push_back(transform.at[row * alpha + i]);
    inputs.push_back(arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(RankedTensorType::get({m}, b.getF32Type()),
                               ArrayRef(column))));
    maps.push_back(AffineMap::get(4, 0, {y % m}, context));
  }
  appendEpilogueOperands(epilogue, 4, /*channelDim=*/1, inputs, maps);
  maps.push_back(AffineMap::getMultiDimIdentityMap(4, context));
  Value init = tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value sum;
               for (int64_t i = 0; i < alpha; ++i) {
                 Value term =
                     arith::MulFOp::create(nb, nl, args[alpha + i], args[i]);
                 sum =
                     sum ? arith::AddFOp::create(nb, nl, sum, term).getResult()
                         : term;
               }
               linalg::YieldOp::create(
                   nb, nl,
                   applyEpilogue(nb, nl, epilogue, sum,
                                 args.drop_front(2 * alpha).drop_back()));
             })
      .getResult(0);
}

} // namespace

Value rectify::rect_to_linalg::buildConvAsRowWinograd(
    OpBuilder &b, Location loc, Value input, Value weight,
    const WindowGeometry &window, const ConvEpilogue &epilogue,
    RankedTensorType resultType) {
  auto weightType = cast<RankedTensorType>(weight.getType());
  auto inputType = cast<RankedTensorType>(input.getType());
  if (!resultType.getElementType().isF32() || !weightType.hasStaticShape() ||
      weightType.getDimSize(2) != 3 || weightType.getDimSize(3) != 3 ||
      llvm::any_of(window.strides, [](int64_t s) { return s != 1; }) ||
      llvm::any_of(window.dilations, [](int64_t d) { return d != 1; }) ||
      ShapedType::isDynamic(resultType.getDimSize(2)) ||
      ShapedType::isDynamic(resultType.getDimSize(3)) ||
      ShapedType::isDynamic(inputType.getDimSize(1)))
    return {};
  int64_t filters = weightType.getDimSize(0),
          channels = weightType.getDimSize(1);
  int64_t outH = resultType.getDimSize(2), outW = resultType.getDimSize(3);
  // The products are in-place contractions, which need whole vectors of
  // filters; a few input channels (an RGB stem) leave little to save.
  if (filters % 16 != 0 || channels < 16)
    return {};
  // Fewer rows than a tile would mostly compute rows that do not exist.
  const RowTransform *transform = &kF4;
  if (outH < transform->m)
    return {};
  Attribute weightValues;
  if (!matchPattern(weight, m_Constant(&weightValues)))
    return {};
  std::optional<SmallVector<double>> w = readFloatElements(weightValues);
  if (!w)
    return {};

  // Rows past the output's end, up to whole tiles, read zeros below the
  // input and are not written.
  int64_t tiles = llvm::divideCeil(outH, transform->m);
  SmallVector<int64_t> pads(window.pads);
  pads[2] += tiles * transform->m - outH;
  Value padded = padByCopy(b, loc, input, pads, 0.0);
  SmallVector<Value> transformedInput =
      transformInput(b, loc, padded, tiles, *transform);
  SmallVector<Value> transformedWeights =
      transformWeights(b, loc, *w, filters, channels, *transform);

  auto productType = RankedTensorType::get(
      {resultType.getDimSize(0), filters, tiles, outW}, b.getF32Type());
  ConvEpilogue none{
      Value(), Value(), Value(),
      rect::ActivationAttr::get(b.getContext(), rect::ActivationKind::none)};
  SmallVector<int64_t> noPads(4, 0), ones(2, 1);
  SmallVector<Value> products;
  for (auto [rows, rowWeight] :
       llvm::zip_equal(transformedInput, transformedWeights)) {
    Value product = buildConvAsImplicitGemm(b, loc, rows, rowWeight,
                                            WindowGeometry{noPads, ones, ones},
                                            none, productType);
    if (!product)
      return {};
    products.push_back(product);
  }
  return transformOutput(b, loc, products, epilogue, *transform, outH);
}
