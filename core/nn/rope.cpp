#include "nn/rope.h"

#include "util/error.h"
#include "util/vectorclones.h"

#include <cmath>
#include <string>
#include <type_traits>

namespace bitcliff::nn {

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

// The same rotations in double, and every backward rotation, as plain loops: `sign` -1 turns
// by the opposite angle (the transpose of the rotation, which carries the gradient back).
template<class T>
void rotateHalvesPlain(T *x, const T *cos, const T *sin, int64_t half, T sign)
{
    T *lo = x, *hi = x + half;
    for (int64_t i = 0; i < half; ++i) {
        const T a = lo[i], b = hi[i], s = sign * sin[i];
        lo[i] = a * cos[i] - b * s;
        hi[i] = b * cos[i] + a * s;
    }
}

template<class T>
void rotatePairsPlain(T *x, const T *cos, const T *sin, int64_t half, T sign)
{
    for (int64_t i = 0; i < half; ++i) {
        const T a = x[2 * i], b = x[2 * i + 1], s = sign * sin[i];
        x[2 * i] = a * cos[i] - b * s;
        x[2 * i + 1] = a * s + b * cos[i];
    }
}

} // namespace

template<class T>
void RopeTables<T>::compute(const RopeSpec &spec, int64_t first, int64_t count)
{
    if (spec.headDim <= 0 || spec.headDim % 2 != 0)
        throw Error("RoPE: head dimension " + std::to_string(spec.headDim) + " is not a positive even number");
    m_layout = spec.layout;
    m_half = spec.headDim / 2;
    if (!spec.freqFactors.empty() && int64_t(spec.freqFactors.size()) != m_half)
        throw Error("RoPE: " + std::to_string(spec.freqFactors.size()) + " frequency factors for "
                    + std::to_string(m_half) + " dimension pairs");
    std::vector<double> frequencies(static_cast<size_t>(m_half));
    for (int64_t i = 0; i < m_half; ++i) {
        frequencies[size_t(i)] = std::pow(spec.theta, -2.0 * double(i) / double(spec.headDim));
        if (!spec.freqFactors.empty())
            frequencies[size_t(i)] /= double(spec.freqFactors[size_t(i)]);
    }
    m_cos.resize(size_t(count * m_half));
    m_sin.resize(m_cos.size());
    for (int64_t t = 0; t < count; ++t)
        for (int64_t i = 0; i < m_half; ++i) {
            const double angle = double(first + t) * frequencies[size_t(i)];
            m_cos[size_t(t * m_half + i)] = T(std::cos(angle));
            m_sin[size_t(t * m_half + i)] = T(std::sin(angle));
        }
}

template<class T>
void RopeTables<T>::forward(T *x, int64_t rows, int64_t stride, int heads) const
{
    for (int64_t r = 0; r < rows; ++r) {
        const T *cos = m_cos.data() + r * m_half, *sin = m_sin.data() + r * m_half;
        for (int h = 0; h < heads; ++h) {
            T *head = x + r * stride + int64_t(h) * 2 * m_half;
            if constexpr (std::is_same_v<T, float>) { // the kernels inference has always run
                if (m_layout == RopeLayout::Neox)
                    rotateHalves(head, cos, sin, m_half);
                else
                    rotatePairs(head, cos, sin, m_half);
            } else if (m_layout == RopeLayout::Neox) {
                rotateHalvesPlain(head, cos, sin, m_half, T(1));
            } else {
                rotatePairsPlain(head, cos, sin, m_half, T(1));
            }
        }
    }
}

template<class T>
void RopeTables<T>::backward(T *dx, int64_t rows, int64_t stride, int heads) const
{
    for (int64_t r = 0; r < rows; ++r) {
        const T *cos = m_cos.data() + r * m_half, *sin = m_sin.data() + r * m_half;
        for (int h = 0; h < heads; ++h) {
            T *head = dx + r * stride + int64_t(h) * 2 * m_half;
            if (m_layout == RopeLayout::Neox)
                rotateHalvesPlain(head, cos, sin, m_half, T(-1));
            else
                rotatePairsPlain(head, cos, sin, m_half, T(-1));
        }
    }
}

template class RopeTables<float>;
template class RopeTables<double>;

} // namespace bitcliff::nn
