//===- RangeBuilder.h - Internals of the value-range analysis ----*- C++ -*-===//
//
// Private to lib/Analysis: the interval helpers with their safety margins
// (see include/rectify/Analysis/ValueRange.h for the soundness rule) and the
// RangeBuilder that visits one function's ops. The transfer functions are
// split by op family: ValueRange.cpp (elementwise, linear algebra, shapes),
// ConvRanges.cpp (convolution, pooling, concat, normalization) and
// ReductionRanges.cpp (reductions, LRN, element-moving ops).
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_LIB_ANALYSIS_RANGEBUILDER_H
#define RECTIFY_LIB_ANALYSIS_RANGEBUILDER_H

#include "rectify/Analysis/ValueRange.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cmath>
#include <limits>

namespace rectify {
namespace ranges {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
/// Ranges with more elements than this are coarsened (per feature, then one
/// interval), so the analysis stays linear in the model size.
inline constexpr int64_t kMaxRangeElements = 1 << 15;
/// Relative margin of one rounded float32 operation, doubled.
inline constexpr double kOpMargin = 0x1p-22;
/// Margins of transcendental functions (their CPU implementations are
/// polynomial approximations, not correctly rounded).
inline constexpr double kTranscendentalRel = 1e-5;
inline constexpr double kTranscendentalAbs = 1e-6;
/// Covers float32 underflow (subnormal flush) of a nonzero term.
inline constexpr double kUnderflow = 1e-37;

/// x * y for reals, where 0 times an infinite bound is 0 (values are finite).
double mulBound(double x, double y);
Interval mulInterval(Interval a, Interval b);
/// `x` widened outward by `rel * |bound| + abs` on each nonzero side.
Interval widen(Interval x, double rel, double abs);
/// `x` widened by the margin of one rounded float32 operation.
Interval widenOp(Interval x);
/// NaN bounds become infinite.
Interval sanitize(Interval x);
int64_t product(llvm::ArrayRef<int64_t> shape);
/// The static shape of `type` with dynamic extents as 1.
llvm::SmallVector<int64_t> getRangeShape(mlir::ShapedType type);
/// `range` broadcast onto `shape` (every range dim is 1 or equal, trailing
/// dims aligned), or std::nullopt when the shapes do not fit.
std::optional<llvm::SmallVector<Interval>>
materialize(const TensorRange &range, llvm::ArrayRef<int64_t> shape);
/// Keeps ranges small: per element, else per feature (last dim), else one.
TensorRange coarsen(TensorRange range);
/// Pre-activation intervals of y = x W^T + b, per output feature, with the
/// dot-product margin applied per term. `weights[n][k]` and `bias[n]`.
llvm::SmallVector<Interval> computeLinear(llvm::ArrayRef<Interval> x,
                                          llvm::ArrayRef<Interval> weights,
                                          llvm::ArrayRef<Interval> bias,
                                          int64_t n, int64_t k);
/// One interval per index of dimension `dim` (extent `extent`): the hull over
/// every other dimension. The hull for every index when the range does not
/// resolve that dimension.
llvm::SmallVector<Interval> perDim(const TensorRange &range, size_t dim,
                                   int64_t extent);
/// The sum (mean when `mean`) of `count` elements in `x`, widened by the
/// (count + 2) * 2^-23 summation margin and one more rounding; a sum of
/// values of one sign keeps that sign.
Interval accumulate(Interval x, int64_t count, bool mean);
/// A rank-`rank` range with one interval per index of dimension `dim`.
TensorRange alongDim(int64_t rank, size_t dim,
                     llvm::ArrayRef<Interval> intervals);
/// `f` applied elementwise to two ranges broadcast (numpy rules) onto a
/// rank-`rank` value; one interval when the broadcast is too large.
TensorRange combine(const TensorRange &a, const TensorRange &b, size_t rank,
                    llvm::function_ref<Interval(Interval, Interval)> f);

} // namespace ranges

/// Computes the ranges of one function's values, op by op.
class RangeBuilder {
public:
  explicit RangeBuilder(ValueRangeAnalysis &analysis) : analysis(analysis) {}

  TensorRange get(mlir::Value value) {
    if (const TensorRange *range = analysis.lookup(value))
      return *range;
    auto type = llvm::dyn_cast<mlir::ShapedType>(value.getType());
    return TensorRange::uniform(type ? type.getRank() : 0,
                                Interval::unbounded());
  }

  void set(mlir::Value value, TensorRange range) {
    for (Interval &x : range.elements)
      x = ranges::sanitize(x);
    analysis.ranges[value] = ranges::coarsen(std::move(range));
  }

  void setUnbounded(mlir::Value value) {
    auto type = llvm::cast<mlir::ShapedType>(value.getType());
    set(value, TensorRange::uniform(type.getRank(), Interval::unbounded()));
  }

  void visit(mlir::Operation *op);

private:
  /// The element intervals of `value` broadcast onto `shape` (row-major):
  /// exact for a constant of that shape, whatever its stored range.
  llvm::SmallVector<Interval> getElements(mlir::Value value,
                                          llvm::ArrayRef<int64_t> shape);
  void visitConstant(rect::ConstantOp op);
  void visitLinear(rect::LinearOp op);
  void visitMatMul(rect::MatMulOp op);
  void visitBinary(mlir::Operation *op);
  void visitUnary(mlir::Operation *op);
  void visitPRelu(rect::PReluOp op);
  void visitReshape(mlir::Value input, mlir::Value output);
  void visitTranspose(rect::TransposeOp op);
  // ConvRanges.cpp
  void visitConv(rect::ConvOp op);
  void visitMaxPool(mlir::Value input, mlir::Value output);
  void visitAvgPool(mlir::Value input, mlir::Value output, int64_t window,
                    bool countsPadding);
  void visitConcat(rect::ConcatOp op);
  void visitBatchNorm(rect::BatchNormOp op);
  void visitLayerNorm(rect::LayerNormOp op);
  void visitPad(rect::PadOp op);
  /// Visits the conv-family ops; false for other ops.
  bool visitConvFamily(mlir::Operation *op);
  // ReductionRanges.cpp
  void visitReduction(mlir::Operation *op, llvm::ArrayRef<int64_t> axes);
  void visitLRN(rect::LRNOp op);
  /// Visits reductions, LRN and element-moving ops; false for other ops.
  bool visitReductionFamily(mlir::Operation *op);

  ValueRangeAnalysis &analysis;
};

} // namespace rectify

#endif // RECTIFY_LIB_ANALYSIS_RANGEBUILDER_H
