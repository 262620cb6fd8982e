#include "nn/rmsnorm.h"

#include "util/float8.h"
#include "util/vectorclones.h"

#include <cmath>
#include <type_traits>

namespace bitcliff::nn {

namespace {

using namespace simd;

// HF's RMSNorm in float32, the sum of squares 16 floats at a time (the kernel inference has
// always run: the float results stay bit for bit what they were).
BITCLIFF_VECTOR_CLONES void rmsNormFloat(const float *x, const float *weight, float *out, float *inverseRms,
                                         int64_t rows, int64_t cols, float eps)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float *in = x + r * cols;
        float *o = out + r * cols;
        Float8 sum0{}, sum1{};
        int64_t j = 0;
        for (; j + 16 <= cols; j += 16) {
            const Float8 a = load8(in + j), b = load8(in + j + 8);
            sum0 += a * a;
            sum1 += b * b;
        }
        float sum = horizontalSum(sum0 + sum1);
        for (; j < cols; ++j)
            sum += in[j] * in[j];
        const float scale = 1.0f / std::sqrt(sum / float(cols) + eps);
        if (inverseRms)
            inverseRms[r] = scale;
        j = 0;
        for (; j + 8 <= cols; j += 8)
            store8(o + j, load8(weight + j) * (load8(in + j) * scale));
        for (; j < cols; ++j)
            o[j] = weight[j] * (in[j] * scale);
    }
}

template<class T>
T inverseRmsOf(const T *x, int64_t cols, T eps)
{
    T sum = 0;
    for (int64_t j = 0; j < cols; ++j)
        sum += x[j] * x[j];
    return T(1) / std::sqrt(sum / T(cols) + eps);
}

} // namespace

template<class T>
void rmsNormForward(const T *x, const T *weight, T *out, T *inverseRms, int64_t rows, int64_t cols, T eps)
{
    if constexpr (std::is_same_v<T, float>) {
        rmsNormFloat(x, weight, out, inverseRms, rows, cols, eps);
    } else {
        for (int64_t r = 0; r < rows; ++r) {
            const T *in = x + r * cols;
            T *o = out + r * cols;
            const T scale = inverseRmsOf(in, cols, eps);
            if (inverseRms)
                inverseRms[r] = scale;
            for (int64_t j = 0; j < cols; ++j)
                o[j] = weight[j] * (in[j] * scale);
        }
    }
}

// y_j = w_j x_j s with s = (mean(x²) + eps)^(-1/2), ∂s/∂x_i = -s³ x_i / cols:
// dx_i = s w_i dy_i - (s³ / cols) x_i Σ_j dy_j w_j x_j, dw_j = dy_j x_j s.
template<class T>
void rmsNormBackward(const T *x, const T *weight, const T *inverseRms, const T *dOut, int64_t rows, int64_t cols,
                     T *dx, T *dWeight)
{
    for (int64_t r = 0; r < rows; ++r) {
        const T *in = x + r * cols, *d = dOut + r * cols;
        T *g = dx + r * cols;
        const T s = inverseRms[r]; // required: the backward pass has no eps to recompute it
        T dot = 0;
        for (int64_t j = 0; j < cols; ++j)
            dot += d[j] * weight[j] * in[j];
        const T correction = s * s * s * dot / T(cols);
        for (int64_t j = 0; j < cols; ++j)
            g[j] += s * weight[j] * d[j] - correction * in[j];
        if (dWeight)
            for (int64_t j = 0; j < cols; ++j)
                dWeight[j] += d[j] * in[j] * s;
    }
}

template void rmsNormForward<float>(const float *, const float *, float *, float *, int64_t, int64_t, float);
template void rmsNormForward<double>(const double *, const double *, double *, double *, int64_t, int64_t, double);
template void rmsNormBackward<float>(const float *, const float *, const float *, const float *, int64_t, int64_t,
                                     float *, float *);
template void rmsNormBackward<double>(const double *, const double *, const double *, const double *, int64_t,
                                      int64_t, double *, double *);

} // namespace bitcliff::nn
