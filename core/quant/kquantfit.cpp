#include "quant/kquantfit.h"

#include "util/float8.h"
#include "util/vectorclones.h"

#include <algorithm>
#include <cmath>

// Built with -ffp-contract=off, like ggmlkquantize.cpp: a fused a*b+c would move ties.

namespace bitcliff::kquant {
namespace {

using simd::Float8;
using simd::Int8;

// nearestInt, lane by lane.
[[gnu::always_inline]] inline Int8 nearestInt8(Float8 v)
{
    return (simd::bits8(v + 12582912.0f) & 0x007FFFFF) - 0x00400000;
}

[[gnu::always_inline]] inline Int8 clamp8(Int8 v, int hi)
{
    v = v < 0 ? Int8{} : v;
    return v > hi ? Int8{} + hi : v;
}

[[gnu::always_inline]] inline Float8 select8(Int8 mask, Float8 a, Float8 b)
{
    return simd::fromBits8((simd::bits8(a) & mask) | (simd::bits8(b) & ~mask));
}

[[gnu::always_inline]] inline Float8 toFloat8(Int8 v) { return __builtin_convertvector(v, Float8); }

[[gnu::always_inline]] inline Float8 errorTerm(Float8 diff, bool mad)
{
    return mad ? simd::abs8(diff) : diff * diff;
}

} // namespace

float fitSubBlock(int n, int nmax, const float *x, const float *weights, uint8_t *L, float &theMin, const QkxParams &p)
{
    float min = x[0];
    float max = x[0];
    float sumW = weights[0];
    float sumX = sumW * x[0];
    for (int i = 1; i < n; ++i) {
        if (x[i] < min)
            min = x[i];
        if (x[i] > max)
            max = x[i];
        const float w = weights[i];
        sumW += w;
        sumX += w * x[i];
    }
    if (min > 0.0f)
        min = 0.0f;
    if (max == min) {
        std::fill(L, L + n, uint8_t{0});
        theMin = -min;
        return 0.0f;
    }
    const auto fnmax = static_cast<float>(nmax);
    float iscale = fnmax / (max - min);
    float scale = 1.0f / iscale;
    float bestError = 0.0f;
    for (int i = 0; i < n; ++i) {
        L[i] = static_cast<uint8_t>(clampInt(nearestInt(iscale * (x[i] - min)), 0, nmax));
        float diff = scale * static_cast<float>(L[i]) + min - x[i];
        diff = p.useMad ? std::fabs(diff) : diff * diff;
        bestError += weights[i] * diff;
    }
    if (p.nstep < 1) {
        theMin = -min;
        return scale;
    }
    uint8_t Laux[32];
    for (int is = 0; is <= p.nstep; ++is) {
        iscale = (p.rmin + p.rdelta * static_cast<float>(is) + fnmax) / (max - min);
        float sumL = 0.0f;
        float sumL2 = 0.0f;
        float sumXL = 0.0f;
        for (int i = 0; i < n; ++i) {
            const int l = clampInt(nearestInt(iscale * (x[i] - min)), 0, nmax);
            Laux[i] = static_cast<uint8_t>(l);
            const float w = weights[i];
            const auto fl = static_cast<float>(l);
            sumL += w * fl;
            sumL2 += w * fl * fl;
            sumXL += w * fl * x[i];
        }
        const float D = sumW * sumL2 - sumL * sumL;
        if (D > 0.0f) {
            float thisScale = (sumW * sumXL - sumX * sumL) / D;
            float thisMin = (sumL2 * sumX - sumL * sumXL) / D;
            if (thisMin > 0.0f) {
                thisMin = 0.0f;
                thisScale = sumXL / sumL2;
            }
            float error = 0.0f;
            for (int i = 0; i < n; ++i) {
                float diff = thisScale * static_cast<float>(Laux[i]) + thisMin - x[i];
                diff = p.useMad ? std::fabs(diff) : diff * diff;
                error += weights[i] * diff;
            }
            if (error < bestError) {
                std::copy(Laux, Laux + n, L);
                bestError = error;
                scale = thisScale;
                min = thisMin;
            }
        }
    }
    theMin = -min;
    return scale;
}

BITCLIFF_VECTOR_CLONES void fitEightSubBlocks(int n, int nmax, const float *x, const float *weights, uint8_t *L,
                                              float *theMin, float *scaleOut, const QkxParams &p)
{
    // Transposed: xt[i] lane j = x of sub-block j, element i.
    Float8 xt[32]{};
    Float8 wt[32]{};
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < 8; ++j) {
            xt[i][j] = x[j * n + i];
            wt[i][j] = weights[j * n + i];
        }
    Float8 min = xt[0];
    Float8 max = xt[0];
    Float8 sumW = wt[0];
    Float8 sumX = sumW * xt[0];
    for (int i = 1; i < n; ++i) {
        min = xt[i] < min ? xt[i] : min;
        max = xt[i] > max ? xt[i] : max;
        sumW += wt[i];
        sumX += wt[i] * xt[i];
    }
    min = min > 0.0f ? Float8{} : min;
    const Int8 flat = max == min; // these lanes end with L = 0, scale 0
    const auto fnmax = static_cast<float>(nmax);
    Float8 iscale = fnmax / (max - min);
    Float8 scale = 1.0f / iscale;
    Float8 bestError{};
    Int8 levels[32];
    for (int i = 0; i < n; ++i) {
        levels[i] = clamp8(nearestInt8(iscale * (xt[i] - min)), nmax);
        const Float8 diff = scale * toFloat8(levels[i]) + min - xt[i];
        bestError += wt[i] * errorTerm(diff, p.useMad);
    }
    for (int is = 0; p.nstep >= 1 && is <= p.nstep; ++is) {
        iscale = (p.rmin + p.rdelta * static_cast<float>(is) + fnmax) / (max - min);
        Float8 sumL{};
        Float8 sumL2{};
        Float8 sumXL{};
        Int8 aux[32];
        for (int i = 0; i < n; ++i) {
            aux[i] = clamp8(nearestInt8(iscale * (xt[i] - min)), nmax);
            const Float8 fl = toFloat8(aux[i]);
            sumL += wt[i] * fl;
            sumL2 += wt[i] * fl * fl;
            sumXL += wt[i] * fl * xt[i];
        }
        const Float8 D = sumW * sumL2 - sumL * sumL;
        Float8 thisScale = (sumW * sumXL - sumX * sumL) / D;
        Float8 thisMin = (sumL2 * sumX - sumL * sumXL) / D;
        const Int8 clipMin = thisMin > 0.0f;
        thisMin = select8(clipMin, Float8{}, thisMin);
        thisScale = select8(clipMin, sumXL / sumL2, thisScale);
        Float8 error{};
        for (int i = 0; i < n; ++i) {
            const Float8 diff = thisScale * toFloat8(aux[i]) + thisMin - xt[i];
            error += wt[i] * errorTerm(diff, p.useMad);
        }
        const Int8 better = (D > 0.0f) & (error < bestError);
        for (int i = 0; i < n; ++i)
            levels[i] = better ? aux[i] : levels[i];
        bestError = select8(better, error, bestError);
        scale = select8(better, thisScale, scale);
        min = select8(better, thisMin, min);
    }
    for (int j = 0; j < 8; ++j) {
        theMin[j] = -min[j];
        scaleOut[j] = flat[j] ? 0.0f : scale[j];
        for (int i = 0; i < n; ++i)
            L[j * n + i] = flat[j] ? uint8_t{0} : static_cast<uint8_t>(levels[i][j]);
    }
}

} // namespace bitcliff::kquant
