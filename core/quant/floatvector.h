#pragma once
// Internal to the quantizers: 8-float vectors (GCC/Clang vector extensions; AVX2 registers
// in the x86-64-v3 clone, two SSE halves in the baseline one) and the rounding every
// integer quantizer shares. Plain loops are not vectorized at -O2 and std::nearbyint is a
// library call without SSE4.1, hence the explicit vectors and the 1.5*2^23 rounding trick.
#include <cstdint>
#include <cstring>

#include "util/vectorclones.h"

// The 32-byte vector helpers below are inline and never cross an ABI boundary.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace bitcliff::quantdetail {

using Float8 = float __attribute__((vector_size(32)));
using Int8 = int32_t __attribute__((vector_size(32)));

inline Float8 load8(const float *p)
{
    Float8 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void store8(float *p, Float8 v) { std::memcpy(p, &v, sizeof v); }

inline Float8 splat8(float x) { return Float8{} + x; }

inline Int8 bits8(Float8 v)
{
    Int8 b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

inline Float8 fromBits8(Int8 b)
{
    Float8 v;
    std::memcpy(&v, &b, sizeof v);
    return v;
}

inline Float8 abs8(Float8 v) { return fromBits8(bits8(v) & 0x7FFFFFFF); }
inline Float8 min8(Float8 a, Float8 b) { return a < b ? a : b; }
inline Float8 max8(Float8 a, Float8 b) { return a > b ? a : b; }
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
