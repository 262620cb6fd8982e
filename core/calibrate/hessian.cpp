#include "calibrate/hessian.h"

#include "util/error.h"

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
    for (int64_t i = 0; i < n; ++i) {
        for (int64_t j = i; j < n; ++j) {
            const float v = m_sum[size_t(i * n + j)] * factor;
            h[size_t(i * n + j)] = v;
            h[size_t(j * n + i)] = v;
        }
    }
    return h;
}

} // namespace bitcliff
