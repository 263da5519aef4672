//===- ConvKernels.cpp - Reference loops for the NCHW ops -----------------===//
//
// Straightforward loops: correctness and independence from the code
// generator matter here, not speed.
//
//===----------------------------------------------------------------------===//

#include "ConvKernels.h"

#include "rectify/Analysis/ValueRange.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace rectify;
using namespace rectify::rect;
using namespace rectify::reference;

/// Entry `i` of a per-channel operand ([C], [1] or a scalar); 0 when absent.
static double entry(const FloatTensor *t, int64_t i) {
  if (!t || t->data.empty())
    return 0.0;
  return t->data[t->data.size() == 1 ? 0 : i];
}

FailureOr<ConvResult> rectify::reference::conv2d(
    ConvOp op, const FloatTensor &x, const FloatTensor &w,
    const FloatTensor *bias, const FloatTensor *residual,
    const FloatTensor *slope, std::string &error) {
  if (x.shape.size() != 4 || w.shape.size() != 4) {
    error = "expected a 4-D input and weight";
    return failure();
  }
  int64_t n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3];
  int64_t f = w.shape[0], cg = w.shape[1], kh = w.shape[2], kw = w.shape[3];
  int64_t group = op.getGroup();
  if (group < 1 || c != cg * group || f % group != 0) {
    error = llvm::formatv("input {0} does not fit weight {1} in {2} groups",
                          formatTensorShape(x.shape), formatTensorShape(w.shape),
                          group);
    return failure();
  }
  for (const FloatTensor *t : {bias, slope})
    if (t && t->getNumElements() != 1 && t->getNumElements() != f) {
      error = llvm::formatv("bias or slope has {0} elements for {1} channels",
                            t->getNumElements(), f);
      return failure();
    }
  ArrayRef<int64_t> strides = op.getStrides(), pads = op.getPads(),
                    dilations = op.getDilations();
  int64_t oh = (h + pads[0] + pads[2] - dilations[0] * (kh - 1) - 1) / strides[0] + 1;
  int64_t ow = (wd + pads[1] + pads[3] - dilations[1] * (kw - 1) - 1) / strides[1] + 1;
  ConvResult result{FloatTensor({n, f, oh, ow}), FloatTensor({n, f, oh, ow})};
  if (residual && residual->shape != result.out.shape) {
    error = "residual of shape " + formatTensorShape(residual->shape) +
            " does not fit the output " + formatTensorShape(result.out.shape);
    return failure();
  }
  int64_t perGroup = f / group;
  ActivationAttr act = op.getActivation();
  for (int64_t s = 0; s < n; ++s)
    for (int64_t o = 0; o < f; ++o) {
      int64_t first = (o / perGroup) * cg;
      for (int64_t i = 0; i < oh; ++i)
        for (int64_t j = 0; j < ow; ++j) {
          double sum = entry(bias, o);
          for (int64_t ci = 0; ci < cg; ++ci)
            for (int64_t a = 0; a < kh; ++a) {
              int64_t r = i * strides[0] + a * dilations[0] - pads[0];
              if (r < 0 || r >= h)
                continue;
              for (int64_t e = 0; e < kw; ++e) {
                int64_t q = j * strides[1] + e * dilations[1] - pads[1];
                if (q < 0 || q >= wd)
                  continue;
                sum += static_cast<double>(
                           x.data[((s * c + first + ci) * h + r) * wd + q]) *
                       w.data[((o * cg + ci) * kh + a) * kw + e];
              }
            }
          int64_t index = ((s * f + o) * oh + i) * ow + j;
          if (residual)
            sum += residual->data[index];
          float value = static_cast<float>(sum);
          result.pre.data[index] = value;
          result.out.data[index] = static_cast<float>(
              evaluateActivation(act, value, entry(slope, o)));
        }
    }
  return result;
}

FailureOr<FloatTensor> rectify::reference::pool2d(Operation *op,
                                                  const FloatTensor &x,
                                                  std::string &error) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  if (x.shape.size() != 4 || type.getRank() != 4 ||
      type.isDynamicDim(2) || type.isDynamicDim(3)) {
    error = "expected 4-D tensors with static spatial extents";
    return failure();
  }
  auto max = dyn_cast<MaxPoolOp>(op);
  auto avg = dyn_cast<AvgPoolOp>(op);
  ArrayRef<int64_t> kernel = max ? max.getKernelShape() : avg.getKernelShape();
  ArrayRef<int64_t> strides = max ? max.getStrides() : avg.getStrides();
  ArrayRef<int64_t> pads = max ? max.getPads() : avg.getPads();
  SmallVector<int64_t> dilations = {1, 1};
  if (max)
    dilations.assign(max.getDilations().begin(), max.getDilations().end());
  bool countPadding = avg && avg.getCountIncludePad();
  int64_t n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
  int64_t oh = type.getDimSize(2), ow = type.getDimSize(3);
  FloatTensor out({n, c, oh, ow});
  for (int64_t plane = 0; plane < n * c; ++plane)
    for (int64_t i = 0; i < oh; ++i)
      for (int64_t j = 0; j < ow; ++j) {
        double acc = max ? -INFINITY : 0.0;
        int64_t count = 0;
        for (int64_t a = 0; a < kernel[0]; ++a)
          for (int64_t e = 0; e < kernel[1]; ++e) {
            int64_t r = i * strides[0] + a * dilations[0] - pads[0];
            int64_t q = j * strides[1] + e * dilations[1] - pads[1];
            bool inside = r >= 0 && r < h && q >= 0 && q < w;
            // Explicit padding counts with count_include_pad; positions
            // added by ceil_mode beyond it never do.
            bool inPadding = r >= -pads[0] && r < h + pads[2] &&
                             q >= -pads[1] && q < w + pads[3];
            if (inside || (countPadding && inPadding))
              ++count;
            if (!inside)
              continue;
            float v = x.data[(plane * h + r) * w + q];
            acc = max ? std::max<double>(acc, v) : acc + v;
          }
        out.data[(plane * oh + i) * ow + j] =
            static_cast<float>(max ? acc : (count ? acc / count : 0.0));
      }
  return out;
}

FloatTensor rectify::reference::globalPool(const FloatTensor &x, bool max) {
  SmallVector<int64_t> shape(x.shape.begin(), x.shape.end());
  int64_t size = 1;
  for (size_t d = 2; d < shape.size(); ++d) {
    size *= shape[d];
    shape[d] = 1;
  }
  FloatTensor out(shape);
  for (int64_t plane = 0; plane < out.getNumElements(); ++plane) {
    double acc = max ? -INFINITY : 0.0;
    for (int64_t i = 0; i < size; ++i) {
      float v = x.data[plane * size + i];
      acc = max ? std::max<double>(acc, v) : acc + v;
    }
    out.data[plane] = static_cast<float>(max ? acc : acc / size);
  }
  return out;
}

FailureOr<FloatTensor> rectify::reference::batchNorm(
    BatchNormOp op, const FloatTensor &x, const FloatTensor &scale,
    const FloatTensor &bias, const FloatTensor &mean, const FloatTensor &var,
    std::string &error) {
  if (x.shape.size() < 2) {
    error = "expected an input of rank >= 2";
    return failure();
  }
  int64_t c = x.shape[1];
  for (const FloatTensor *t : {&scale, &bias, &mean, &var})
    if (t->getNumElements() != c) {
      error = llvm::formatv("a parameter has {0} elements for {1} channels",
                            t->getNumElements(), c);
      return failure();
    }
  double eps = op.getEpsilon().convertToDouble();
  int64_t inner = 1;
  for (size_t d = 2; d < x.shape.size(); ++d)
    inner *= x.shape[d];
  FloatTensor out(x.shape);
  for (int64_t i = 0; i < x.getNumElements(); ++i) {
    int64_t ch = (i / inner) % c;
    out.data[i] = static_cast<float>(
        (x.data[i] - mean.data[ch]) / std::sqrt(var.data[ch] + eps) *
            scale.data[ch] +
        bias.data[ch]);
  }
  return out;
}

FailureOr<FloatTensor>
rectify::reference::concat(ArrayRef<const FloatTensor *> inputs, int64_t axis,
                           std::string &error) {
  SmallVector<int64_t> shape(inputs.front()->shape.begin(),
                             inputs.front()->shape.end());
  int64_t rank = shape.size();
  if (axis < 0 || axis >= rank) {
    error = "axis out of range";
    return failure();
  }
  shape[axis] = 0;
  for (const FloatTensor *t : inputs) {
    bool fits = static_cast<int64_t>(t->shape.size()) == rank;
    for (int64_t d = 0; fits && d < rank; ++d)
      fits = d == axis || t->shape[d] == shape[d];
    if (!fits) {
      error = "inputs of shapes that do not concatenate";
      return failure();
    }
    shape[axis] += t->shape[axis];
  }
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  FloatTensor out(shape);
  auto dst = out.data.begin();
  for (int64_t o = 0; o < outer; ++o)
    for (const FloatTensor *t : inputs) {
      int64_t block = outer ? t->getNumElements() / outer : 0;
      dst = std::copy(t->data.begin() + o * block,
                      t->data.begin() + (o + 1) * block, dst);
    }
  return out;
}
