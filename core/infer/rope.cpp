#include "infer/rope.h"

#include "util/vectorclones.h"

#include <cmath>

namespace bitcliff::infer {

namespace {

// x[i], x[i + half] -> (x[i] cos - x[i + half] sin, x[i + half] cos + x[i] sin)
BITCLIFF_VECTOR_CLONES void rotateHalves(float *x, const float *cos, const float *sin, int64_t half)
{
    float *lo = x, *hi = x + half;
#pragma omp simd
    for (int64_t i = 0; i < half; ++i) {
        const float a = lo[i], b = hi[i];
        lo[i] = a * cos[i] - b * sin[i];
        hi[i] = b * cos[i] + a * sin[i];
    }
}

// x[2i], x[2i + 1] -> (x[2i] cos - x[2i + 1] sin, x[2i] sin + x[2i + 1] cos)
void rotatePairs(float *x, const float *cos, const float *sin, int64_t half)
{
    for (int64_t i = 0; i < half; ++i) {
        const float a = x[2 * i], b = x[2 * i + 1];
        x[2 * i] = a * cos[i] - b * sin[i];
        x[2 * i + 1] = a * sin[i] + b * cos[i];
    }
}

} // namespace

void RopeTables::compute(const TransformerConfig &config, int64_t first, int64_t count)
{
    m_layout = config.ropeLayout;
    m_half = config.headDim / 2;
    std::vector<double> frequencies(static_cast<size_t>(m_half));
    for (int64_t i = 0; i < m_half; ++i) {
        frequencies[size_t(i)] = std::pow(config.ropeTheta, -2.0 * double(i) / double(config.headDim));
        if (!config.ropeFreqFactors.empty())
            frequencies[size_t(i)] /= double(config.ropeFreqFactors[size_t(i)]);
    }
    m_cos.resize(size_t(count * m_half));
    m_sin.resize(m_cos.size());
    for (int64_t t = 0; t < count; ++t)
        for (int64_t i = 0; i < m_half; ++i) {
            const double angle = double(first + t) * frequencies[size_t(i)];
            m_cos[size_t(t * m_half + i)] = float(std::cos(angle));
            m_sin[size_t(t * m_half + i)] = float(std::sin(angle));
        }
}

void RopeTables::apply(float *x, int64_t rows, int64_t stride, int heads) const
{
    for (int64_t r = 0; r < rows; ++r) {
        const float *cos = m_cos.data() + r * m_half, *sin = m_sin.data() + r * m_half;
        for (int h = 0; h < heads; ++h) {
            float *head = x + r * stride + int64_t(h) * 2 * m_half;
            if (m_layout == RopeLayout::Neox)
                rotateHalves(head, cos, sin, m_half);
            else
                rotatePairs(head, cos, sin, m_half);
        }
    }
}

} // namespace bitcliff::infer
