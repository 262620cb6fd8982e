// bitsandbytes' blockwise 4-bit formats: per block of g values absmax = max|x|,
// y = x/absmax, the code by comparing y with the midpoints of the sorted codes (rounded to
// float32, as bitsandbytes' kernel thresholds are; a value on a midpoint takes the lower
// code), x^ = code*absmax. NF4 uses the 16 NF4 codes; FP4 quantizes |y| to the 8 FP4
// magnitudes (ties to the smaller one) and keeps the sign, as bitsandbytes' dQuantizeFP4.
// Double quantization (NF4 dq): offset = mean absmax, the absmax values minus offset are
// quantized in blocks of 256 with the signed dynamic 8-bit map (nearest entry, ties to the
// lower one), and the weights are rebuilt with absmax' = map[q]*absmax2 + offset. The codes
// themselves are chosen with the exact absmax, as in bitsandbytes.
#include "quant/codebooks.h"
#include "quant/floatvector.h"
#include "quant/methods.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace bitcliff::quantdetail {

namespace {

constexpr int64_t kDqBlock = 256;

template<size_t N>
std::array<float, N - 1> midpoints(const std::array<float, N> &sorted)
{
    std::array<float, N - 1> m{};
    for (size_t i = 0; i + 1 < N; ++i)
        m[i] = (sorted[i] + sorted[i + 1]) / 2.0f;
    return m;
}

const std::array<float, 8> &fp4Magnitudes()
{
    static const std::array<float, 8> m = [] {
        std::array<float, 8> sorted{};
        std::copy_n(fp4Codes().begin(), 8, sorted.begin());
        std::sort(sorted.begin(), sorted.end());
        return sorted;
    }();
    return m;
}

// Codes are picked by a chain of selects over increasing thresholds: the last threshold y
// exceeds decides, branch-free and vectorized.
BITCLIFF_VECTOR_CLONES void applyNf4(const float *x, int64_t n, float absmax, float scale, float *out)
{
    static const std::array<float, 16> &codes = nf4Codes();
    static const std::array<float, 15> mids = midpoints(nf4Codes());
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const Float8 y = load8(x + j) / absmax;
        Float8 v = splat8(codes[0]);
        for (size_t i = 0; i < 15; ++i)
            v = y > mids[i] ? splat8(codes[i + 1]) : v;
        store8(out + j, v * scale);
    }
    for (; j < n; ++j) {
        const float y = x[j] / absmax;
        float v = codes[0];
        for (size_t i = 0; i < 15; ++i)
            v = y > mids[i] ? codes[i + 1] : v;
        out[j] = v * scale;
    }
}

BITCLIFF_VECTOR_CLONES void applyFp4(const float *x, int64_t n, float absmax, float scale, float *out)
{
    static const std::array<float, 8> &mags = fp4Magnitudes();
    static const std::array<float, 7> mids = midpoints(fp4Magnitudes());
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const Float8 y = load8(x + j) / absmax;
        const Float8 a = abs8(y);
        Float8 v{};
        for (size_t i = 0; i < 7; ++i)
            v = a > mids[i] ? splat8(mags[i + 1]) : v;
        store8(out + j, withSign8(v, y) * scale);
    }
    for (; j < n; ++j) {
        const float y = x[j] / absmax;
        const float a = std::fabs(y);
        float v = 0.0f;
        for (size_t i = 0; i < 7; ++i)
            v = a > mids[i] ? mags[i + 1] : v;
        out[j] = std::copysign(v, y) * scale;
    }
}

// Replaces each absmax by its double-quantized value, blocks of 256 in order.
void doubleQuantize(std::vector<float> &absmax, float offset)
{
    static const std::array<float, 256> &map = dynamicMap8();
    static const std::array<float, 255> mids = midpoints(dynamicMap8());
    const auto count = static_cast<int64_t>(absmax.size());
    for (int64_t start = 0; start < count; start += kDqBlock) {
        const int64_t end = std::min(count, start + kDqBlock);
        float absmax2 = 0.0f;
        for (int64_t k = start; k < end; ++k)
            absmax2 = std::max(absmax2, std::fabs(absmax[size_t(k)] - offset));
        for (int64_t k = start; k < end; ++k) {
            float &a = absmax[size_t(k)];
            if (absmax2 == 0.0f) {
                a = offset;
                continue;
            }
            const float y = (a - offset) / absmax2;
            const auto q = std::lower_bound(mids.begin(), mids.end(), y) - mids.begin();
            a = map[size_t(q)] * absmax2 + offset;
        }
    }
}

// In double, in block order (what meanBlockAbsmax gives for the same blocks).
float mean(const std::vector<float> &values)
{
    double sum = 0.0;
    for (float v : values)
        sum += v;
    return values.empty() ? 0.0f : static_cast<float>(sum / static_cast<double>(values.size()));
}

} // namespace

float meanBlockAbsmax(const float *weights, int64_t count, int64_t groupSize)
{
    const int64_t blocks = count / groupSize;
    if (blocks < 1)
        return 0.0f;
    double sum = 0.0;
    for (int64_t b = 0; b < blocks; ++b)
        sum += absMax(weights + b * groupSize, groupSize);
    return static_cast<float>(sum / static_cast<double>(blocks));
}

void codebookRows(const QuantScheme &scheme, const float *weights, int64_t rows, int64_t cols, float *out,
                  const TensorRange *range)
{
    const int64_t g = scheme.groupSize;
    const int64_t blocks = rows * cols / g;
    std::vector<float> absmax(static_cast<size_t>(blocks));
    for (int64_t b = 0; b < blocks; ++b)
        absmax[size_t(b)] = absMax(weights + b * g, g);
    std::vector<float> scales = absmax;
    const bool nf4 = scheme.method == QuantMethod::Nf4;
    if (nf4 && scheme.doubleQuant) {
        const float offset = range && range->absmaxMean ? *range->absmaxMean : mean(absmax);
        doubleQuantize(scales, offset);
    }
    for (int64_t b = 0; b < blocks; ++b) {
        float *o = out + b * g;
        if (absmax[size_t(b)] == 0.0f)
            std::fill(o, o + g, 0.0f); // every code of y = 0 is 0
        else if (nf4)
            applyNf4(weights + b * g, g, absmax[size_t(b)], scales[size_t(b)], o);
        else
            applyFp4(weights + b * g, g, absmax[size_t(b)], scales[size_t(b)], o);
    }
}

} // namespace bitcliff::quantdetail
