#pragma once
// 8-float vectors with GCC/Clang vector extensions: one AVX2 register in the x86-64-v3
// clones (util/vectorclones.h), two SSE halves in the baseline build. Plain loops with float
// reductions are not vectorized at -O2 (no reassociation), hence explicit vectors in the
// hot kernels of the statistics and the quantizers.
#include <algorithm>
#include <cstdint>
#include <cstring>

// The 32-byte vector helpers below are inline and never cross an ABI boundary.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace bitcliff::simd {

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

inline float horizontalSum(Float8 v)
{
    float sum = 0.0f;
    for (int k = 0; k < 8; ++k)
        sum += v[k];
    return sum;
}

inline float horizontalMax(Float8 v)
{
    float m = 0.0f;
    for (int k = 0; k < 8; ++k)
        m = std::max(m, v[k]);
    return m;
}

// Reductions that leave the result in every lane: three butterfly steps of shuffles instead
// of eight scalar extracts (the kernels need one per 32-float block).
inline Float8 allLanesMax(Float8 v)
{
    v = max8(v, __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3));
    v = max8(v, __builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5));
    return max8(v, __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6));
}

inline Int8 minInt8(Int8 a, Int8 b) { return a < b ? a : b; }

inline Int8 allLanesMin(Int8 v)
{
    v = minInt8(v, __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3));
    v = minInt8(v, __builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5));
    return minInt8(v, __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6));
}

inline Int8 allLanesOr(Int8 v)
{
    v |= __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3);
    v |= __builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5);
    return v | __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6);
}

} // namespace bitcliff::simd
