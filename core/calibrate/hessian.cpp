#include "calibrate/hessian.h"

#include "util/error.h"

#include <algorithm>
#include <cblas.h>

namespace bitcliff {

HessianAccumulator::HessianAccumulator(int64_t channels)
    : m_channels(channels)
    , m_sum(size_t(channels * channels), 0.0f)
{
    if (channels < 1)
        throw Error("internal: a Hessian of " + std::to_string(channels) + " channels");
}

void HessianAccumulator::add(const float *x, int64_t tokens)
{
    if (tokens < 1)
        return;
    const auto n = int(m_channels);
    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, n, int(tokens), 1.0f, x, n, 1.0f, m_sum.data(), n);
    m_tokens += tokens;
}

std::vector<float> HessianAccumulator::hessian() const
{
    std::vector<float> h(m_sum.size(), 0.0f);
    if (m_tokens == 0)
        return h;
    const float factor = 2.0f / float(m_tokens);
    const int64_t n = m_channels;
    constexpr int64_t kTile = 64; // the mirrored writes in cache-sized tiles
    for (int64_t i0 = 0; i0 < n; i0 += kTile)
        for (int64_t j0 = i0; j0 < n; j0 += kTile)
            for (int64_t i = i0; i < std::min(n, i0 + kTile); ++i)
                for (int64_t j = std::max(i, j0); j < std::min(n, j0 + kTile); ++j) {
                    const float v = m_sum[size_t(i * n + j)] * factor;
                    h[size_t(i * n + j)] = v;
                    h[size_t(j * n + i)] = v;
                }
    return h;
}

} // namespace bitcliff
