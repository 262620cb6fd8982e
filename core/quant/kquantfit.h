#pragma once
// Internal to the K-quant encoders: ggml's make_qkx2_quants, the asymmetric sub-block fit of
// Q2_K, Q4_K and Q5_K, as a plain scalar transcription (the reference) and eight sub-blocks at
// a time, one per vector lane, with each lane doing the scalar's operations in the scalar's
// order — so both give the same bits, eight times faster.
#include <algorithm>
#include <bit>
#include <cstdint>

namespace bitcliff::kquant {

// Round half to even: adding 1.5·2^23 pins the exponent, so the low mantissa bits hold the
// rounded value. Valid for |v| <= 4194303; outside it (or NaN) the result is garbage but defined.
inline int nearestInt(float v)
{
    const float shifted = v + 12582912.0f;
    return static_cast<int>(std::bit_cast<uint32_t>(shifted) & 0x007FFFFFu) - 0x00400000;
}

inline int clampInt(int v, int lo, int hi) { return std::max(lo, std::min(hi, v)); }

struct QkxParams
{
    float rmin;
    float rdelta;
    int nstep;
    bool useMad; // weighted absolute error instead of squared
};

// One sub-block of n values: levels L in [0, nmax] with x ≈ scale·L − theMin; returns scale.
float fitSubBlock(int n, int nmax, const float *x, const float *weights, uint8_t *L, float &theMin,
                  const QkxParams &p);

// Eight consecutive sub-blocks (x and weights hold 8·n values, n <= 32): L gets 8·n levels,
// theMin and scale 8 values each.
void fitEightSubBlocks(int n, int nmax, const float *x, const float *weights, uint8_t *L, float *theMin,
                       float *scale, const QkxParams &p);

} // namespace bitcliff::kquant
