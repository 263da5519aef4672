//===- ValueRange.h - Sound interval analysis over rect values ---*- C++ -*-===//
//
// A forward interval analysis over the ops of one function in the `rect`
// dialect. Every value gets a TensorRange: intervals stored over a "range
// shape" that broadcasts onto the value's shape (all ones: one interval for
// every element; [1, N]: one per feature; the full static shape: one per
// element). Dynamic dimensions always have extent 1 in the range shape.
//
// Soundness rule: every bound is computed in double precision and then
// widened outward by a safety margin that covers float32 evaluation:
//  - linear/matmul: (K + 2) * 2^-23 * M, where M = sum_k max|x_k| |w_k| + |b|
//    (twice the classic gamma_K bound of a K-term float32 dot product);
//  - conv: the same with K = C/group * KH * KW terms per output channel (the
//    input interval of a padded conv includes 0, the padded value); a
//    residual operand adds one rounded addition (2^-22 * |bound|);
//  - avg pooling, reduce_mean and reduce_sum over K elements:
//    (K + 3) * 2^-23 * max|result|;
//  - batch_norm / layer_norm / lrn (square roots and powers): 1e-5 * M +
//    1e-6, M the largest magnitude of the terms (layer_norm also covers its
//    rounded mean and variance sum);
//  - add/sub/mul/div, leaky_relu, prelu, hard_sigmoid: 2^-22 * |bound|;
//  - transcendental functions (exp, sigmoid, tanh, erf, gelu, silu, softplus,
//    elu, selu, sqrt, hard_swish, softmax): 1e-5 * |bound| + 1e-6;
//  - max/min/relu/relu6/clip/abs/neg/reshape/transpose/concat/pad/slice/
//    tile/expand/gather, max pooling and reduce_max/min are exact.
// A term that is exactly zero (a zero weight) contributes no margin, so a
// neuron with all-zero weights and bias <= 0 is dead for every input, even an
// unbounded one. Values are assumed finite (NaN is not modelled).
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_ANALYSIS_VALUERANGE_H
#define RECTIFY_ANALYSIS_VALUERANGE_H

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <limits>
#include <optional>
#include <string>

namespace rectify {

/// A closed interval [lo, hi] of reals; infinite bounds mean unbounded.
struct Interval {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();

  static Interval unbounded() { return {}; }
  static Interval point(double v) { return {v, v}; }
  Interval hull(Interval other) const;
  bool isBounded() const;
};

/// Intervals of the elements of a tensor value, stored row-major over
/// `shape`, which broadcasts onto the value's shape.
struct TensorRange {
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<Interval> elements;

  /// One interval for every element of a rank-`rank` value.
  static TensorRange uniform(int64_t rank, Interval interval);
  Interval hull() const;
  /// One interval per index of the last dimension (extent `n`): the hull over
  /// every other dimension.
  llvm::SmallVector<Interval> perLastDim(int64_t n) const;
};

/// A declared range of one model input: `name=LO:HI` (every element), or
/// `name=LO:HI,LO:HI,...` (one interval per index of dimension 1, the channel
/// or feature dimension after the batch; dimension 0 for a 1-D input).
struct InputRange {
  std::string name;
  llvm::SmallVector<Interval> channels;
};

/// Parses one `NAME=LO:HI[,LO:HI...]` declaration. `inf`/`-inf` are accepted.
llvm::Expected<InputRange> parseInputRange(llvm::StringRef text);

/// Parses declarations separated by `;` or whitespace.
llvm::Error parseInputRanges(llvm::StringRef text,
                             llvm::SmallVectorImpl<InputRange> &ranges);

/// The module attribute holding declared ranges: a dictionary from input name
/// to its `LO:HI[,LO:HI...]` text.
inline constexpr llvm::StringLiteral kInputRangesAttrName = "rect.input_ranges";

/// Records `ranges` on `module` (replacing earlier declarations of the same
/// names), so passes run later see them.
void setInputRanges(mlir::ModuleOp module, llvm::ArrayRef<InputRange> ranges);

/// The ranges declared on the module enclosing `op` plus those in
/// `optionText` (which win). Emits an error on `op` for unparsable text.
mlir::FailureOr<llvm::SmallVector<InputRange>>
collectInputRanges(mlir::Operation *op, llvm::StringRef optionText);

/// The interval analysis of one function.
class ValueRangeAnalysis {
public:
  /// Runs the analysis; emits an error and fails when a declared range does
  /// not fit the input it names.
  static mlir::FailureOr<ValueRangeAnalysis>
  run(mlir::func::FuncOp func, llvm::ArrayRef<InputRange> inputRanges);

  /// The range of `value`, or null for values the analysis did not see.
  const TensorRange *lookup(mlir::Value value) const;

  /// The per-output-feature intervals of a linear's pre-activation
  /// (x W^T + b), or null when unknown.
  const llvm::SmallVector<Interval> *
  lookupPreActivation(rectify::rect::LinearOp op) const;

  /// The per-output-feature (rect.linear) or per-output-channel (rect.conv:
  /// conv + bias + residual) intervals the fused activation sees, or null.
  const llvm::SmallVector<Interval> *
  lookupPreActivation(mlir::Operation *op) const;

private:
  llvm::DenseMap<mlir::Value, TensorRange> ranges;
  llvm::DenseMap<mlir::Operation *, llvm::SmallVector<Interval>> preActivation;
  friend class RangeBuilder;
};

/// The output interval of activation `act` (with prelu slope interval
/// `slope`) on inputs in `x`, widened by the activation's safety margin.
Interval applyActivation(rectify::rect::ActivationAttr act, Interval x,
                         Interval slope = Interval::point(0.0));

/// `act` applied to one real `x` (prelu with slope `slope`), in double.
double evaluateActivation(rectify::rect::ActivationAttr act, double x,
                          double slope = 0.0);

/// Prints `range` as `[LO, HI]`, then, when it has several intervals,
/// ` per AxB: [lo, hi], ...` (at most `limit` of them).
void printRange(llvm::raw_ostream &os, const TensorRange &range,
                size_t limit = 16);

/// The activation an elementwise activation op computes, or null for ops that
/// are not activations.
rectify::rect::ActivationAttr getOpActivation(mlir::Operation *op);

/// When every input in `preActivation` maps to one value under `act` (a dead
/// or saturated neuron), that value; e.g. 0 for relu with hi <= 0.
std::optional<double> getConstantActivationValue(rectify::rect::ActivationAttr act,
                                                 Interval preActivation);

/// True when `act` is the identity on `preActivation` (e.g. relu, lo >= 0).
bool isIdentityOn(rectify::rect::ActivationAttr act, Interval preActivation);

} // namespace rectify

#endif // RECTIFY_ANALYSIS_VALUERANGE_H
