// Narrow float formats: FP4 E2M1 and MXFP4 (OCP Microscaling Formats v1.0), FP8 E4M3.
// MXFP4: blocks of 32 share a power-of-two scale 2^e, e = floor(log2 absmax) - 2 (OCP MX:
// 2 is E2M1's largest exponent) clamped to E8M0's -127; x/2^e is exact, rounded to the
// nearest E2M1 value with ties to the even code and saturated at +-6.
// FP8 E4M3: per row s = absmax/448, x^ = e4m3(x/s)*s with round to nearest even and
// saturation at +-448 (floatToE4m3 in util/floatformats.h is the scalar form; here the
// rounding is done on the float bits directly, vectorized).
#include "quant/floatvector.h"
#include "quant/methods.h"

#include <algorithm>
#include <cmath>

namespace bitcliff::quantdetail {

namespace {

constexpr int64_t kMxBlock = 32;

// E2M1 magnitude of a in [0, inf): thresholds at the midpoints, `>` where the lower code is
// even (ties go down), `>=` where the upper one is.
inline Float8 e2m1Magnitude8(Float8 a)
{
    Float8 m{};
    m = a > 0.25f ? splat8(0.5f) : m;
    m = a >= 0.75f ? splat8(1.0f) : m;
    m = a > 1.25f ? splat8(1.5f) : m;
    m = a >= 1.75f ? splat8(2.0f) : m;
    m = a > 2.5f ? splat8(3.0f) : m;
    m = a >= 3.5f ? splat8(4.0f) : m;
    m = a > 5.0f ? splat8(6.0f) : m;
    return m;
}

BITCLIFF_VECTOR_CLONES void mxfp4Block(const float *x, float *out)
{
    const float absmax = absMax(x, kMxBlock);
    if (absmax == 0.0f) {
        std::fill(out, out + kMxBlock, 0.0f);
        return;
    }
    const float scale = std::ldexp(1.0f, std::max(std::ilogb(absmax) - 2, -127));
    for (int64_t j = 0; j < kMxBlock; j += 8) {
        const Float8 v = load8(x + j) / scale;
        store8(out + j, withSign8(e2m1Magnitude8(abs8(v)), v) * scale);
    }
}

// E4M3 value of a in [0, inf), saturated at 448.
inline Float8 e4m3Magnitude8(Float8 a)
{
    // Normal: keep 3 mantissa bits, ties to even (a carry moves into the exponent).
    const Int8 b = bits8(a);
    const Float8 normal = min8(fromBits8((b + 0x7FFFF + ((b >> 20) & 1)) & ~0xFFFFF), splat8(448.0f));
    // Below 2^-6: multiples of 2^-9; adding 1.5*2^14 leaves exactly that precision.
    const Float8 subnormal = (a + 24576.0f) - 24576.0f;
    return a < 0.015625f ? subnormal : normal;
}

BITCLIFF_VECTOR_CLONES void fp8Row(const float *x, int64_t n, float *out)
{
    const float absmax = absMax(x, n);
    if (absmax == 0.0f) {
        std::fill(out, out + n, 0.0f);
        return;
    }
    const float scale = absmax / 448.0f;
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const Float8 v = load8(x + j) / scale;
        store8(out + j, withSign8(e4m3Magnitude8(abs8(v)), v) * scale);
    }
    if (j < n) { // tail through the same vector code
        float in[8] = {}, res[8];
        std::copy(x + j, x + n, in);
        const Float8 v = load8(in) / scale;
        store8(res, withSign8(e4m3Magnitude8(abs8(v)), v) * scale);
        std::copy(res, res + (n - j), out + j);
    }
}

} // namespace

void mxfp4Rows(const float *weights, int64_t count, float *out)
{
    for (int64_t start = 0; start < count; start += kMxBlock)
        mxfp4Block(weights + start, out + start);
}

void fp8Rows(const float *weights, int64_t rows, int64_t cols, float *out)
{
    for (int64_t r = 0; r < rows; ++r)
        fp8Row(weights + r * cols, cols, out + r * cols);
}

} // namespace bitcliff::quantdetail
