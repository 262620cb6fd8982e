#include "eval/logitkernels.h"

#include "util/float8.h"
#include "util/vectorclones.h"

#include <cmath>
#include <cstring>

namespace bitcliff {
namespace {

using simd::Float8;
using Float4 = float __attribute__((vector_size(16)));
using Double4 = double __attribute__((vector_size(32)));
using Long4 = int64_t __attribute__((vector_size(32)));

[[gnu::always_inline]] inline Double4 splat4(double x)
{
    return Double4 {} + x;
}

[[gnu::always_inline]] inline Double4 load4(const double *p)
{
    Double4 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

[[gnu::always_inline]] inline void store4(double *p, Double4 v)
{
    std::memcpy(p, &v, sizeof v);
}

[[gnu::always_inline]] inline Double4 widen4(const float *p)
{
    Float4 v;
    std::memcpy(&v, p, sizeof v);
    return __builtin_convertvector(v, Double4);
}

// exp in double to about 1 ulp: 2^n · e^r with n = round(x / ln 2), r = x − n ln 2 from a
// two-part ln 2 (n · hi is exact), |r| <= ln 2 / 2, and e^r's Taylor series to r^13 (the
// remainder is below 1e-17). Branch-free, so it vectorizes; 0 below −708 (where exp is
// subnormal: nothing next to a softmax sum >= 1), NaN stays NaN.
[[gnu::always_inline]] inline Double4 exp4(Double4 input)
{
    const Double4 low = splat4(-708.0), high = splat4(709.0);
    Double4 x = input < low ? low : input;
    x = x > high ? high : x;
    constexpr double kRoundMagic = 6755399441055744.0; // 1.5 · 2^52: adding it rounds to an integer
    const Double4 shifted = x * 1.4426950408889634 + kRoundMagic;
    const Double4 n = shifted - kRoundMagic;
    const Double4 r = (x - n * 0.693147180369123816490) - n * 1.90821492927058770002e-10;
    Double4 p = splat4(1.0 / 6227020800.0); // 1/13!
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // shifted's low mantissa bits hold n: 2^n's exponent field is n + 1023.
    Long4 bits;
    std::memcpy(&bits, &shifted, sizeof bits);
    Long4 magicBits;
    const Double4 magic = splat4(kRoundMagic);
    std::memcpy(&magicBits, &magic, sizeof magicBits);
    const Long4 exponent = (bits - magicBits + 1023) << 52;
    Double4 scale;
    std::memcpy(&scale, &exponent, sizeof scale);
    const Double4 result = p * scale;
    return input < low ? Double4 {} : (input == input ? result : input);
}

[[gnu::always_inline]] inline double horizontalSum4(Double4 v)
{
    return (v[0] + v[1]) + (v[2] + v[3]);
}

// Helpers are always inlined: a Double4 passed to a separate function would cross between
// the AVX2 clone and baseline code (see util/vectorclones.h).
// Σ exp(x_i − shift), 8 at a time into two accumulators, the tail scalar: crossSums sums in
// the same order, so a row's normaliser is the same whichever computes it.
template<bool Store>
[[gnu::always_inline]] inline double sumExpShiftedImpl(const float *x, size_t n, double shift, double *exps)
{
    Double4 sum0 {}, sum1 {};
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const Double4 a = exp4(widen4(x + i) - shift), b = exp4(widen4(x + i + 4) - shift);
        if constexpr (Store) {
            store4(exps + i, a);
            store4(exps + i + 4, b);
        }
        sum0 += a;
        sum1 += b;
    }
    double sum = horizontalSum4(sum0 + sum1);
    for (; i < n; ++i) {
        const double e = std::exp(double(x[i]) - shift);
        if constexpr (Store)
            exps[i] = e;
        sum += e;
    }
    return sum;
}

} // namespace

BITCLIFF_VECTOR_CLONES RowMaximum rowMaximum(std::span<const float> row)
{
    RowMaximum result;
    if (row.empty())
        return result;
    const float *x = row.data();
    const size_t n = row.size();
    float best = x[0];
    size_t i = 0;
    if (n >= 8) {
        Float8 max = simd::load8(x);
        for (i = 8; i + 8 <= n; i += 8)
            max = simd::max8(max, simd::load8(x + i));
        for (int k = 0; k < 8; ++k)
            best = std::max(best, max[k]);
    }
    for (; i < n; ++i)
        best = std::max(best, x[i]);
    // The first position holding it (a NaN-free row always has one).
    result.value = best;
    for (size_t j = 0; j < n; ++j)
        if (x[j] == best) {
            result.index = int32_t(j);
            break;
        }
    return result;
}

BITCLIFF_VECTOR_CLONES double sumExpShifted(std::span<const float> row, float shift, double *exps)
{
    return exps ? sumExpShiftedImpl<true>(row.data(), row.size(), shift, exps)
                : sumExpShiftedImpl<false>(row.data(), row.size(), shift, nullptr);
}

BITCLIFF_VECTOR_CLONES CrossSums crossSums(
    std::span<const float> base, const double *baseExps, std::span<const float> quantized, float quantizedShift)
{
    const float *b = base.data(), *q = quantized.data();
    const size_t n = quantized.size();
    const double shift = quantizedShift;
    Double4 sum0 {}, sum1 {}, weighted0 {}, weighted1 {};
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const Double4 q0 = widen4(q + i), q1 = widen4(q + i + 4);
        weighted0 += load4(baseExps + i) * (widen4(b + i) - q0);
        weighted1 += load4(baseExps + i + 4) * (widen4(b + i + 4) - q1);
        sum0 += exp4(q0 - shift);
        sum1 += exp4(q1 - shift);
    }
    CrossSums result;
    result.quantizedExpSum = horizontalSum4(sum0 + sum1);
    result.weightedDifference = horizontalSum4(weighted0 + weighted1);
    for (; i < n; ++i) {
        result.weightedDifference += baseExps[i] * (double(b[i]) - double(q[i]));
        result.quantizedExpSum += std::exp(double(q[i]) - shift);
    }
    return result;
}

} // namespace bitcliff
