// IQ4_NL encoding as ggml's quantize_row_iq4_nl_impl does it for one 32-element block
// (super-block = block = 32), operation for operation in float32, so the bytes equal
// ggml's. Without an importance matrix ggml weights each element by x².
#include "quant/iq4nlquantize.h"

#include "util/floatformats.h"

#include <cmath>
#include <cstring>

// Built with -ffp-contract=off (core/CMakeLists.txt): ggml's sums round every product.

namespace bitcliff {

namespace {

constexpr float kGroupMaxEps = 1e-15f; // ggml's GROUP_MAX_EPS: below it a block is all zero
constexpr int kValues = 16;

// ggml's best_index_int8 as in the llama.cpp build the tests load: the codebook index
// nearest to x (ties to the upper one), by binary search. A NaN falls through every
// comparison and lands on the top index. (Newer ggml compares 2x with the sum of
// neighbours instead; it differs only for NaN, which it sends to index 0.)
int nearestIndex(float x)
{
    const int8_t *val = kIq4nlValues;
    if (x <= val[0])
        return 0;
    if (x >= val[kValues - 1])
        return kValues - 1;
    int lower = 0, upper = kValues - 1;
    while (upper - lower > 1) {
        const int mid = (lower + upper) / 2;
        if (x < val[mid])
            upper = mid;
        else
            lower = mid;
    }
    return x - val[upper - 1] < val[upper] - x ? upper - 1 : upper;
}

struct Fit
{
    float sumqx = 0.0f; // Σ w·q·x
    float sumq2 = 0.0f; // Σ w·q²
};

// Maps every element with the inverse scale `id` and accumulates the least-squares sums,
// in ggml's order: (w·q)·x and (w·q)·q, added one element after the other.
Fit fitWith(const float *x, const float *weight, float id, uint8_t *indices)
{
    Fit fit;
    for (int j = 0; j < kQk4; ++j) {
        const int l = nearestIndex(id * x[j]);
        if (indices)
            indices[j] = static_cast<uint8_t>(l);
        const float q = kIq4nlValues[l];
        const float w = weight[j];
        fit.sumqx += w * q * x[j];
        fit.sumq2 += w * q * q;
    }
    return fit;
}

} // namespace

void encodeIQ4_NL(const float *x, BlockIQ4_NL &y, Iq4NlScaleSearch search)
{
    const int ntry = search == Iq4NlScaleSearch::Inverse7 ? 7 : -1;
    float weight[kQk4];
    for (int j = 0; j < kQk4; ++j)
        weight[j] = x[j] * x[j];
    // The signed value of the first element of largest magnitude (NaN never wins).
    float amax = 0.0f, max = 0.0f;
    for (int j = 0; j < kQk4; ++j) {
        const float ax = std::fabs(x[j]);
        if (ax > amax) {
            amax = ax;
            max = x[j];
        }
    }
    uint8_t indices[kQk4] = {};
    float scale = 0.0f;
    // An all-zero block keeps scale 0 and, as current ggml writes it, index 0 everywhere
    // (the llama.cpp build the tests load leaves the previous block's indices there; both
    // decode to zeros).
    if (!(amax < kGroupMaxEps)) {
        const float values0 = kIq4nlValues[0];
        const float d0 = ntry > 0 ? -max / values0 : max / values0;
        Fit fit = fitWith(x, weight, 1.0f / d0, indices);
        scale = fit.sumq2 > 0.0f ? fit.sumqx / fit.sumq2 : 0.0f;
        float best = scale * fit.sumqx;
        // With a search: 15 more inverse scales around the codebook's end over the maximum;
        // keep the one with the largest (Σwqx)²/Σwq².
        for (int itry = -ntry; itry <= ntry; ++itry) {
            fit = fitWith(x, weight, (static_cast<float>(itry) + values0) / max, nullptr);
            if (fit.sumq2 > 0.0f && fit.sumqx * fit.sumqx > best * fit.sumq2) {
                scale = fit.sumqx / fit.sumq2;
                best = scale * fit.sumqx;
            }
        }
    }
    y.d = floatToFp16(scale);
    if (ntry > 0) { // the indices are mapped again with the scale kept (all-zero blocks too)
        const float id = scale != 0.0f ? 1.0f / scale : 0.0f;
        for (int j = 0; j < kQk4; ++j)
            indices[j] = static_cast<uint8_t>(nearestIndex(id * x[j]));
    }
    for (int j = 0; j < kQk4 / 2; ++j)
        y.qs[j] = static_cast<uint8_t>(indices[j] | (indices[j + kQk4 / 2] << 4));
}

} // namespace bitcliff
