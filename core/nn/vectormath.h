#pragma once
// Internal to nn/: the vectorized float exp and the tail loads of the float kernels. Inline
// only, so each use is compiled into its caller's clone (util/vectorclones.h): a Float8
// passed to a separate function would cross between the AVX2 clone and baseline code with
// different calling conventions.
#include "util/float8.h"

#include <cstdint>
#include <cstring>

namespace bitcliff::nn::detail {

using namespace simd;

// Cephes' expf: 2^n · e^r with n = round(x / ln 2), |r| <= ln2 / 2, r from a two-part ln 2
// (exact products) and a degree-6 polynomial. Branch-free, so it vectorizes.
inline Float8 exp8(Float8 input)
{
    const Float8 x = min8(max8(input, splat8(-87.3f)), splat8(88.0f)); // 2^n stays a normal float
    constexpr float kRoundMagic = 12582912.0f;        // 1.5 * 2^23: adding it rounds to an integer
    const Float8 n = (x * 1.44269504088896341f + kRoundMagic) - kRoundMagic;
    const Float8 r = x - n * 0.693359375f - n * -2.12194440e-4f;
    Float8 p = splat8(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const Float8 y = p * r * r + r + 1.0f;
    const Int8 exponent = (__builtin_convertvector(n, Int8) + 127) << 23;
    const Float8 result = y * fromBits8(exponent);
    // Underflow to 0 as expf does; NaN stays NaN (the clamp would hide it).
    return input < -87.3f ? Float8{} : (input == input ? result : input);
}

// The last n < 8 floats of x as a vector (zeros after them), and back.
inline Float8 loadTail(const float *x, int64_t n)
{
    float buffer[8] = {};
    std::memcpy(buffer, x, size_t(n) * sizeof(float));
    return load8(buffer);
}

inline void storeTail(float *x, int64_t n, Float8 v)
{
    float buffer[8];
    store8(buffer, v);
    std::memcpy(x, buffer, size_t(n) * sizeof(float));
}

} // namespace bitcliff::nn::detail
