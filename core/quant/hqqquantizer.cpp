// HQQ (Badri & Shaji 2023), after hqq's Quantizer.quantize + optimize_weights_proximal_legacy:
// per group of g values, asymmetric b-bit grid with inverse scale s = (2^b-1)/(max-min)
// (1 when max-min <= 1e-4), zero z = -min*s; then 20 half-quadratic iterations with p = 0.7,
// beta0 = 10, kappa = 1.01:
//   Wq = clamp(round(W*s + z), 0, 2^b-1), Wr = (Wq - z)/s, d = W - Wr,
//   We = sign(d)*relu(|d| - (1/beta)*(|d| + 1e-8)^(p-1)), z = mean(Wq - (W - We)*s),
//   beta *= kappa, stop once mean|d| does not improve (the z just updated is kept, as in
//   hqq). Output (Wq - z)*(1/s), hqq's dequantization with the stored inverse scale.
// Deviation: hqq stops on the error of the whole tensor; here each group stops on its own,
// which keeps rows independent (callers split rows across threads). float32 like hqq on
// CPU, the means accumulated in double.
#include "quant/floatvector.h"
#include "quant/methods.h"

#include <cmath>

namespace bitcliff::quantdetail {

namespace {

constexpr int kIterations = 20;
constexpr float kNormExponent = 0.7f - 1.0f; // p - 1
constexpr double kBeta0 = 10.0;
constexpr double kKappa = 1.01;

void hqqGroup(const float *x, int64_t n, int bits, float *out)
{
    const auto maxq = static_cast<float>((1 << bits) - 1);
    const MinMax range = minMax(x, n);
    const float denom = range.max - range.min;
    const float scale = std::fabs(denom) <= 1e-4f ? 1.0f : maxq / denom;
    float zero = -range.min * scale;
    double beta = kBeta0;
    double bestError = 1e4;
    for (int it = 0; it < kIterations; ++it) {
        const auto shrink = static_cast<float>(1.0 / beta);
        double zeroSum = 0.0, errorSum = 0.0;
        for (int64_t j = 0; j < n; ++j) {
            const float q = clampf(roundHalfEven(x[j] * scale + zero), 0.0f, maxq);
            const float d = x[j] - (q - zero) / scale;
            const float ad = std::fabs(d);
            const float e = std::copysign(std::max(ad - shrink * std::pow(ad + 1e-8f, kNormExponent), 0.0f), d);
            zeroSum += q - (x[j] - e) * scale;
            errorSum += ad;
        }
        zero = static_cast<float>(zeroSum / static_cast<double>(n));
        beta *= kKappa;
        const double error = errorSum / static_cast<double>(n);
        if (!(error < bestError))
            break;
        bestError = error;
    }
    const float inverse = 1.0f / scale;
    for (int64_t j = 0; j < n; ++j)
        out[j] = (clampf(roundHalfEven(x[j] * scale + zero), 0.0f, maxq) - zero) * inverse;
}

} // namespace

void hqqRows(const QuantScheme &scheme, const float *weights, int64_t count, float *out)
{
    const int64_t g = scheme.groupSize;
    for (int64_t start = 0; start < count; start += g)
        hqqGroup(weights + start, g, scheme.bits, out + start);
}

} // namespace bitcliff::quantdetail
