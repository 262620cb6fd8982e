#pragma once
// Internal to the quantizers: 8-float vectors (GCC/Clang vector extensions; AVX2 registers
// in the x86-64-v3 clone, two SSE halves in the baseline one) and the rounding every
// integer quantizer shares. Plain loops are not vectorized at -O2 and std::nearbyint is a
// library call without SSE4.1, hence the explicit vectors and the 1.5*2^23 rounding trick.
#include <cstdint>
#include <cstring>

#include "util/float8.h"
#include "util/vectorclones.h"

namespace bitcliff::quantdetail {

using simd::abs8;
using simd::bits8;
using simd::Float8;
using simd::fromBits8;
using simd::Int8;
using simd::load8;
using simd::max8;
using simd::min8;
using simd::splat8;
using simd::store8;

inline Float8 clamp8(Float8 v, Float8 lo, Float8 hi) { return min8(max8(v, lo), hi); }
// |magnitude| with the sign bit of `sign`.
inline Float8 withSign8(Float8 magnitude, Float8 sign)
{
    return fromBits8(bits8(magnitude) | (bits8(sign) & static_cast<int32_t>(0x80000000u)));
}

inline float clampf(float v, float lo, float hi) { return v < lo ? lo : (v > hi ? hi : v); }

// Round half to even, as std::nearbyint in the default rounding mode: adding 1.5*2^23 leaves
// no fraction bits and the hardware rounds to nearest even. Exact for |v| <= 2^22; larger
// values are first clamped to +-2^22, which no quantizer's final clamp can tell apart.
constexpr float kRoundMagic = 12582912.0f; // 1.5 * 2^23
constexpr float kRoundLimit = 4194304.0f;  // 2^22

inline float roundHalfEven(float v)
{
    v = clampf(v, -kRoundLimit, kRoundLimit);
    return (v + kRoundMagic) - kRoundMagic;
}

inline Float8 roundHalfEven8(Float8 v)
{
    v = clamp8(v, splat8(-kRoundLimit), splat8(kRoundLimit));
    return (v + kRoundMagic) - kRoundMagic;
}

struct MinMax
{
    float min;
    float max;
};

// Exact minimum and maximum of n >= 1 values (order does not matter for min/max).
MinMax minMax(const float *x, int64_t n);
float absMax(const float *x, int64_t n);

} // namespace bitcliff::quantdetail
