// K-quant encoders: llama.cpp's quantize_row_q{2..6}_K_ref (what llama-quantize runs without an
// importance matrix), rewritten step by step in the same float32 evaluation order so the blocks
// come out as llama.cpp's do. Each type first fits every sub-block on its own (scale, and a min
// for the asymmetric types; their make_qkx2_quants fit is kquantfit.cpp's, eight sub-blocks per
// vector), then quantizes those per-sub-block values against the fp16 super-block scale (and
// min scale), and finally requantizes the elements with the scales as stored.
#include "quant/ggmlkquantize.h"

#include "quant/kquantfit.h"
#include "util/floatformats.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>

// Bit-exactness with ggml's reference needs every a*b + c rounded twice, as its x86-64 build
// does: fused into an FMA (-march=native, aarch64) it moves ties (tst_ggmlquantize's
// q4_0NoFusedMultiplyAdd). core/CMakeLists.txt builds this file with -ffp-contract=off; a
// `#pragma GCC optimize` here would also stop inlining across these functions.

namespace bitcliff {

namespace {

// Below this, a group counts as all zero (ggml's GROUP_MAX_EPS).
constexpr float kGroupMaxEps = 1e-15f;

using kquant::clampInt;
using kquant::nearestInt;

// The element of largest magnitude with its sign (first wins ties); amax is its magnitude.
float signedMax(int n, const float *x, float &amax)
{
    float max = 0.0f;
    amax = 0.0f;
    for (int i = 0; i < n; ++i) {
        const float ax = std::fabs(x[i]);
        if (ax > amax) {
            amax = ax;
            max = x[i];
        }
    }
    return max;
}

// Symmetric levels in [-nmax, nmax-1] minimising the x²-weighted error (ggml make_qx_quants with
// rmse_type 1 and no importance weights): start from the signed-max scale, then try 18 nearby
// scales and keep the best least-squares fit. Writes L = level + nmax, returns the scale.
float makeQxQuants(int n, int nmax, const float *x, int8_t *L)
{
    float amax = 0.0f;
    const float max = signedMax(n, x, amax);
    if (amax < kGroupMaxEps) {
        std::fill(L, L + n, int8_t { 0 });
        return 0.0f;
    }
    float iscale = static_cast<float>(-nmax) / max;
    float sumlx = 0.0f;
    float suml2 = 0.0f;
    for (int i = 0; i < n; ++i) {
        const int l = clampInt(nearestInt(iscale * x[i]), -nmax, nmax - 1);
        L[i] = static_cast<int8_t>(l + nmax);
        const float w = x[i] * x[i];
        sumlx += w * x[i] * static_cast<float>(l);
        suml2 += w * static_cast<float>(l) * static_cast<float>(l);
    }
    float scale = suml2 != 0.0f ? sumlx / suml2 : 0.0f;
    float best = scale * sumlx;
    for (int is = -9; is <= 9; ++is) {
        if (is == 0)
            continue;
        iscale = -(static_cast<float>(nmax) + 0.1f * static_cast<float>(is)) / max;
        sumlx = 0.0f;
        suml2 = 0.0f;
        for (int i = 0; i < n; ++i) {
            const int l = clampInt(nearestInt(iscale * x[i]), -nmax, nmax - 1);
            const float w = x[i] * x[i];
            sumlx += w * x[i] * static_cast<float>(l);
            suml2 += w * static_cast<float>(l) * static_cast<float>(l);
        }
        if (suml2 > 0.0f && sumlx * sumlx > best * suml2) {
            for (int i = 0; i < n; ++i)
                L[i] = static_cast<int8_t>(nmax + clampInt(nearestInt(iscale * x[i]), -nmax, nmax - 1));
            scale = sumlx / suml2;
            best = scale * sumlx;
        }
    }
    return scale;
}

// Q3_K's sub-block fit (ggml make_q3_quants, do_rmse): signed-max levels in [-nmax, nmax-1],
// then up to 5 passes that move single elements to the level that improves the x²-weighted
// least-squares fit. Writes L = level + nmax, returns the scale.
float makeQ3Quants(int n, int nmax, const float *x, int8_t *L)
{
    float amax = 0.0f;
    const float max = signedMax(n, x, amax);
    if (amax < kGroupMaxEps) {
        std::fill(L, L + n, int8_t { 0 });
        return 0.0f;
    }
    const float iscale = static_cast<float>(-nmax) / max;
    float sumlx = 0.0f;
    float suml2 = 0.0f;
    for (int i = 0; i < n; ++i) {
        const int l = clampInt(nearestInt(iscale * x[i]), -nmax, nmax - 1);
        L[i] = static_cast<int8_t>(l);
        const float w = x[i] * x[i];
        sumlx += w * x[i] * static_cast<float>(l);
        suml2 += w * static_cast<float>(l) * static_cast<float>(l);
    }
    for (int itry = 0; itry < 5; ++itry) {
        int changed = 0;
        for (int i = 0; i < n; ++i) {
            const float w = x[i] * x[i];
            const auto li = static_cast<float>(L[i]);
            float slx = sumlx - w * x[i] * li;
            if (slx > 0.0f) {
                float sl2 = suml2 - w * li * li;
                const int newL = clampInt(nearestInt(x[i] * sl2 / slx), -nmax, nmax - 1);
                if (newL != L[i]) {
                    slx += w * x[i] * static_cast<float>(newL);
                    sl2 += w * static_cast<float>(newL) * static_cast<float>(newL);
                    if (sl2 > 0.0f && slx * slx * suml2 > sumlx * sumlx * sl2) {
                        L[i] = static_cast<int8_t>(newL);
                        sumlx = slx;
                        suml2 = sl2;
                        ++changed;
                    }
                }
            }
        }
        if (changed == 0)
            break;
    }
    for (int i = 0; i < n; ++i)
        L[i] = static_cast<int8_t>(L[i] + nmax);
    return suml2 > 0.0f ? sumlx / suml2 : 0.0f;
}

// Two-bit fields of 128 elements packed four to a byte: element 32j + l at bits 2j of byte l.
void packTwoBitPlanes(const uint8_t *L, uint8_t *qs)
{
    for (int j = 0; j < kQkK; j += 128) {
        for (int l = 0; l < 32; ++l)
            qs[j / 4 + l]
                = static_cast<uint8_t>(L[j + l] | (L[j + l + 32] << 2) | (L[j + l + 64] << 4) | (L[j + l + 96] << 6));
    }
}

// Q4_K and Q5_K share everything but the level count, the search grid and the bit packing:
// fills 8 six-bit (scale, min) pairs, d, dmin, and the element levels L in [0, nmax].
template<typename Block> void fitK4(const float *x, Block &y, int nmax, const kquant::QkxParams &params, uint8_t *L)
{
    constexpr int kSub = kQkK / 32;
    float scales[kSub];
    float mins[kSub];
    float weights[kQkK];
    for (int j = 0; j < kSub; ++j) {
        const float *xs = x + 32 * j;
        float sumX2 = 0.0f;
        for (int l = 0; l < 32; ++l)
            sumX2 += xs[l] * xs[l];
        const float avX = std::sqrt(sumX2 / 32.0f);
        for (int l = 0; l < 32; ++l)
            weights[32 * j + l] = avX + std::fabs(xs[l]);
    }
    kquant::fitEightSubBlocks(32, nmax, x, weights, L, mins, scales, params);
    float maxScale = 0.0f; // scales are positive once the min is taken out
    float maxMin = 0.0f;
    for (int j = 0; j < kSub; ++j) {
        if (scales[j] > maxScale)
            maxScale = scales[j];
        if (mins[j] > maxMin)
            maxMin = mins[j];
    }

    const float invScale = maxScale > 0.0f ? 63.0f / maxScale : 0.0f;
    const float invMin = maxMin > 0.0f ? 63.0f / maxMin : 0.0f;
    for (int j = 0; j < kSub; ++j) {
        // uint8_t first, as ggml does: a (degenerate) negative fit wraps and is then capped at 63.
        const auto ls = std::min<uint8_t>(63, static_cast<uint8_t>(nearestInt(invScale * scales[j])));
        const auto lm = std::min<uint8_t>(63, static_cast<uint8_t>(nearestInt(invMin * mins[j])));
        if (j < 4) {
            y.scales[j] = ls;
            y.scales[j + 4] = lm;
        } else {
            y.scales[j + 4] = static_cast<uint8_t>((ls & 0xF) | ((lm & 0xF) << 4));
            y.scales[j - 4] = static_cast<uint8_t>(y.scales[j - 4] | ((ls >> 4) << 6));
            y.scales[j] = static_cast<uint8_t>(y.scales[j] | ((lm >> 4) << 6));
        }
    }
    y.d = floatToFp16(maxScale / 63.0f);
    y.dmin = floatToFp16(maxMin / 63.0f);

    // Requantize against the scales as stored; sub-blocks whose scale rounded to 0 keep their
    // levels from the fit (they decode to -min whatever they hold).
    for (int j = 0; j < kSub; ++j) {
        int sc = 0;
        int m = 0;
        unpackScaleMinK4(j, y.scales, sc, m);
        const float d = fp16ToFloat(y.d) * static_cast<float>(sc);
        if (d == 0.0f)
            continue;
        const float dm = fp16ToFloat(y.dmin) * static_cast<float>(m);
        for (int i = 0; i < 32; ++i)
            L[32 * j + i] = static_cast<uint8_t>(clampInt(nearestInt((x[32 * j + i] + dm) / d), 0, nmax));
    }
}

} // namespace

void encodeQ2_K(const float *x, BlockQ2_K &y)
{
    constexpr int kSub = kQkK / 16;
    uint8_t L[kQkK];
    float weights[kQkK];
    float mins[kSub];
    float scales[kSub];
    for (int i = 0; i < kQkK; ++i)
        weights[i] = std::fabs(x[i]);
    for (int half = 0; half < 2; ++half)
        kquant::fitEightSubBlocks(16, 3, x + 128 * half, weights + 128 * half, L + 128 * half, mins + 8 * half,
                                  scales + 8 * half, {-0.5f, 0.1f, 15, true});
    float maxScale = 0.0f;
    float maxMin = 0.0f;
    for (int j = 0; j < kSub; ++j) {
        if (scales[j] > maxScale)
            maxScale = scales[j];
        if (mins[j] > maxMin)
            maxMin = mins[j];
    }

    // 4-bit scale in the low nibble, 4-bit min in the high one, each against its fp16 maximum.
    if (maxScale > 0.0f) {
        const float iscale = 15.0f / maxScale;
        for (int j = 0; j < kSub; ++j)
            y.scales[j] = static_cast<uint8_t>(nearestInt(iscale * scales[j]));
        y.d = floatToFp16(maxScale / 15.0f);
    } else {
        std::fill(std::begin(y.scales), std::end(y.scales), uint8_t { 0 });
        y.d = floatToFp16(0.0f);
    }
    if (maxMin > 0.0f) {
        const float iscale = 15.0f / maxMin;
        for (int j = 0; j < kSub; ++j)
            y.scales[j] = static_cast<uint8_t>(y.scales[j] | (nearestInt(iscale * mins[j]) << 4));
        y.dmin = floatToFp16(maxMin / 15.0f);
    } else {
        y.dmin = floatToFp16(0.0f);
    }

    for (int j = 0; j < kSub; ++j) {
        const float d = fp16ToFloat(y.d) * static_cast<float>(y.scales[j] & 0xF);
        if (d == 0.0f)
            continue;
        const float dm = fp16ToFloat(y.dmin) * static_cast<float>(y.scales[j] >> 4);
        for (int i = 0; i < 16; ++i)
            L[16 * j + i] = static_cast<uint8_t>(clampInt(nearestInt((x[16 * j + i] + dm) / d), 0, 3));
    }
    packTwoBitPlanes(L, y.qs);
}

void encodeQ3_K(const float *x, BlockQ3_K &y)
{
    constexpr int kSub = kQkK / 16;
    int8_t L[kQkK];
    float scales[kSub];
    float maxScale = 0.0f; // signed: the super-block scale takes the sign of the largest fit
    float amax = 0.0f;
    for (int j = 0; j < kSub; ++j) {
        scales[j] = makeQ3Quants(16, 4, x + 16 * j, L + 16 * j);
        const float scale = std::fabs(scales[j]);
        if (scale > amax) {
            amax = scale;
            maxScale = scales[j];
        }
    }

    // 16 six-bit signed scales (+32): low nibbles in bytes 0-7 (j < 8) or their high nibbles,
    // top two bits of scale j at bit 2·(j/4) of byte 8 + j%4.
    std::fill(std::begin(y.scales), std::end(y.scales), uint8_t { 0 });
    if (maxScale != 0.0f) {
        const float iscale = -32.0f / maxScale;
        for (int j = 0; j < kSub; ++j) {
            const int l = clampInt(static_cast<int8_t>(nearestInt(iscale * scales[j])), -32, 31) + 32;
            if (j < 8)
                y.scales[j] = static_cast<uint8_t>(l & 0xF);
            else
                y.scales[j - 8] = static_cast<uint8_t>(y.scales[j - 8] | ((l & 0xF) << 4));
            y.scales[8 + j % 4] = static_cast<uint8_t>(y.scales[8 + j % 4] | ((l >> 4) << (2 * (j / 4))));
        }
        y.d = floatToFp16(1.0f / iscale);
    } else {
        y.d = floatToFp16(0.0f);
    }

    for (int j = 0; j < kSub; ++j) {
        const float d = fp16ToFloat(y.d) * static_cast<float>(unpackQ3Scale(j, y.scales));
        if (d == 0.0f)
            continue;
        for (int i = 0; i < 16; ++i)
            L[16 * j + i] = static_cast<int8_t>(clampInt(nearestInt(x[16 * j + i] / d), -4, 3) + 4);
    }

    // Levels 0..7: bit 2 goes to hmask (element e -> byte e%32, bit e/32), the low two to qs.
    std::fill(std::begin(y.hmask), std::end(y.hmask), uint8_t { 0 });
    uint8_t low[kQkK];
    for (int e = 0; e < kQkK; ++e) {
        if (L[e] > 3)
            y.hmask[e % 32] = static_cast<uint8_t>(y.hmask[e % 32] | (1 << (e / 32)));
        low[e] = static_cast<uint8_t>(L[e] > 3 ? L[e] - 4 : L[e]);
    }
    packTwoBitPlanes(low, y.qs);
}

void encodeQ4_K(const float *x, BlockQ4_K &y)
{
    uint8_t L[kQkK];
    fitK4(x, y, 15, { -1.0f, 0.1f, 20, false }, L);
    // Per 64 elements: the first 32 in the low nibbles, the next 32 in the high ones.
    for (int j = 0; j < kQkK; j += 64) {
        for (int l = 0; l < 32; ++l)
            y.qs[j / 2 + l] = static_cast<uint8_t>(L[j + l] | (L[j + l + 32] << 4));
    }
}

void encodeQ5_K(const float *x, BlockQ5_K &y)
{
    uint8_t L[kQkK];
    fitK4(x, y, 31, { -0.5f, 0.1f, 15, false }, L);
    // As Q4_K, plus the 5th bit of element 64c + l (l < 32) in qh[l] bit 2c, of 64c + 32 + l in
    // bit 2c + 1.
    std::fill(std::begin(y.qh), std::end(y.qh), uint8_t { 0 });
    for (int c = 0; c < kQkK / 64; ++c) {
        for (int l = 0; l < 32; ++l) {
            int l1 = L[64 * c + l];
            int l2 = L[64 * c + l + 32];
            if (l1 > 15) {
                l1 -= 16;
                y.qh[l] = static_cast<uint8_t>(y.qh[l] | (1 << (2 * c)));
            }
            if (l2 > 15) {
                l2 -= 16;
                y.qh[l] = static_cast<uint8_t>(y.qh[l] | (2 << (2 * c)));
            }
            y.qs[32 * c + l] = static_cast<uint8_t>(l1 | (l2 << 4));
        }
    }
}

void encodeQ6_K(const float *x, BlockQ6_K &y)
{
    constexpr int kSub = kQkK / 16;
    int8_t L[kQkK];
    float scales[kSub];
    float maxScale = 0.0f;
    float maxAbsScale = 0.0f;
    for (int ib = 0; ib < kSub; ++ib) {
        scales[ib] = makeQxQuants(16, 32, x + 16 * ib, L + 16 * ib);
        const float absScale = std::fabs(scales[ib]);
        if (absScale > maxAbsScale) {
            maxAbsScale = absScale;
            maxScale = scales[ib];
        }
    }
    if (maxAbsScale < kGroupMaxEps) {
        std::memset(&y, 0, sizeof y);
        return;
    }

    // int8 sub-block scales against d = max/-128, so the largest fit maps to -128.
    const float iscale = -128.0f / maxScale;
    y.d = floatToFp16(1.0f / iscale);
    for (int ib = 0; ib < kSub; ++ib)
        y.scales[ib] = static_cast<int8_t>(std::min(127, nearestInt(iscale * scales[ib])));

    for (int j = 0; j < kSub; ++j) {
        const float d = fp16ToFloat(y.d) * static_cast<float>(y.scales[j]);
        if (d == 0.0f)
            continue;
        for (int i = 0; i < 16; ++i)
            L[16 * j + i] = static_cast<int8_t>(clampInt(nearestInt(x[16 * j + i] / d), -32, 31) + 32);
    }

    // Element 128h + 32k + l: low nibble in ql[64h + 32(k&1) + l] (high nibble for k >= 2),
    // top two bits at bit 2k of qh[32h + l].
    for (int h = 0; h < 2; ++h) {
        const int8_t *Lh = L + 128 * h;
        uint8_t *ql = y.ql + 64 * h;
        uint8_t *qh = y.qh + 32 * h;
        for (int l = 0; l < 32; ++l) {
            ql[l] = static_cast<uint8_t>((Lh[l] & 0xF) | ((Lh[l + 64] & 0xF) << 4));
            ql[l + 32] = static_cast<uint8_t>((Lh[l + 32] & 0xF) | ((Lh[l + 96] & 0xF) << 4));
            qh[l] = static_cast<uint8_t>(
                (Lh[l] >> 4) | ((Lh[l + 32] >> 4) << 2) | ((Lh[l + 64] >> 4) << 4) | ((Lh[l + 96] >> 4) << 6));
        }
    }
}

} // namespace bitcliff
