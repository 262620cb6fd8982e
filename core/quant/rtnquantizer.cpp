// Integer round-to-nearest. Symmetric: s = absmax/qmax, q in [-qmax-1, qmax].
// Asymmetric, AWQ's pseudo_quantize_tensor: s = max(max-min, 1e-5)/(2^b-1), integer zero
// point z = clamp(-round(min/s), 0, 2^b-1). Both are one affine grid:
//   q = clamp(round(x/s) + z, lo, hi),  x^ = (q - z)*s   (sym: z = 0)
// computed in float32 with round half to even (torch.round, std::nearbyint). AWQ's range
// does not take in 0, so a block entirely on one side of zero loses its values (z clamps to
// 0 or 2^b-1); real weight groups straddle zero. Scales stay float32 (not rounded to fp16).
// clip: GPTQ's MSE search (below), applied to this grid: the range shrunk to p*[min, max].
#include "quant/floatvector.h"
#include "quant/methods.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitcliff::quantdetail {

namespace {

// The grid for values in [min, max] shrunk by p (GPTQ's clip search; p = 1: no clipping).
RtnParams rtnParams(const QuantScheme &scheme, MinMax range, float p)
{
    if (scheme.symmetric) {
        const auto qmax = static_cast<float>((1 << (scheme.bits - 1)) - 1);
        const float absmax = p * std::max(std::fabs(range.min), std::fabs(range.max));
        return {absmax / qmax, 0.0f, -qmax - 1.0f, qmax};
    }
    const auto maxq = static_cast<float>((1 << scheme.bits) - 1);
    const float scale = std::max(p * range.max - p * range.min, 1e-5f) / maxq;
    const float zero = clampf(-roundHalfEven(p * range.min / scale), 0.0f, maxq);
    return {scale, zero, 0.0f, maxq};
}

BITCLIFF_VECTOR_CLONES void applyGrid(const float *x, int64_t n, RtnParams p, float *out)
{
    if (!(p.scale > 0.0f)) { // symmetric grid of an all-zero block
        std::fill(out, out + n, 0.0f);
        return;
    }
    const Float8 scale = splat8(p.scale), zero = splat8(p.zero), lo = splat8(p.lo), hi = splat8(p.hi);
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const Float8 q = clamp8(roundHalfEven8(load8(x + j) / scale) + zero, lo, hi);
        store8(out + j, (q - zero) * scale);
    }
    for (; j < n; ++j) {
        const float q = clampf(roundHalfEven(x[j] / p.scale) + p.zero, p.lo, p.hi);
        out[j] = (q - p.zero) * p.scale;
    }
}

// Sum of |x^ - x|^2.4 (GPTQ's norm), accumulated in double in element order. Stops early
// once the partial sum reaches `limit`: the terms are non-negative, so such a candidate
// cannot win any more (ties go to the earlier one) and skipping the rest changes nothing.
double gridError(const float *x, int64_t n, RtnParams p, double limit)
{
    constexpr int64_t kChunk = 32;
    float buffer[kChunk];
    double error = 0.0;
    for (int64_t start = 0; start < n && error < limit; start += kChunk) {
        const int64_t count = std::min(kChunk, n - start);
        applyGrid(x + start, count, p, buffer);
        for (int64_t j = 0; j < count; ++j)
            error += std::pow(std::fabs(buffer[j] - x[start + j]), 2.4f);
    }
    return error;
}

// GPTQ's MSE search: p = 1 - i/100 for i = 0..79, the first p with the least error wins (so
// p = 1, no clipping, unless a smaller range is strictly better).
float clipFactor(const QuantScheme &scheme, const float *x, int64_t n, MinMax range)
{
    if (range.min == 0.0f && range.max == 0.0f)
        return 1.0f;
    float best = 1.0f;
    double bestError = std::numeric_limits<double>::infinity();
    for (int i = 0; i < 80; ++i) {
        const auto p = static_cast<float>(1.0 - i / 100.0);
        const double error = gridError(x, n, rtnParams(scheme, range, p), bestError);
        if (error < bestError) {
            bestError = error;
            best = p;
        }
    }
    return best;
}

} // namespace

RtnParams rtnBlockParams(const QuantScheme &scheme, const float *x, int64_t n)
{
    const MinMax range = minMax(x, n);
    const float p = scheme.mseClip ? clipFactor(scheme, x, n, range) : 1.0f;
    return rtnParams(scheme, range, p);
}

TensorRange rtnTensorRange(const QuantScheme &scheme, const float *weights, int64_t count)
{
    if (count < 1)
        return {};
    const MinMax range = minMax(weights, count);
    if (!scheme.mseClip)
        return {range.min, range.max};
    const float p = clipFactor(scheme, weights, count, range);
    if (scheme.symmetric) {
        const float absmax = p * std::max(std::fabs(range.min), std::fabs(range.max));
        return {-absmax, absmax};
    }
    return {p * range.min, p * range.max};
}

void rtnRows(const QuantScheme &scheme, const float *weights, int64_t rows, int64_t cols, float *out,
             const TensorRange *range)
{
    const int64_t count = rows * cols;
    if (scheme.granularity == Granularity::Tensor) {
        const TensorRange whole = range ? *range : rtnTensorRange(scheme, weights, count);
        applyGrid(weights, count, rtnParams(scheme, {whole.min, whole.max}, 1.0f), out);
        return;
    }
    const int64_t block = scheme.granularity == Granularity::Channel ? cols : scheme.groupSize;
    for (int64_t start = 0; start < count; start += block)
        applyGrid(weights + start, block, rtnBlockParams(scheme, weights + start, block), out + start);
}

} // namespace bitcliff::quantdetail
