#include "nn/linear.h"

#include "nn/gemm.h"
#include "util/error.h"

#include <cblas.h>
#include <climits>
#include <type_traits>

namespace bitcliff::nn {

namespace {

// y[out] = (or +=) W[out × in] · x: one input is a matrix-vector product, faster than a GEMM
// with n = 1 (the token-by-token generation inference runs).
template<class T>
void gemv(const T *w, const T *x, int64_t in, int64_t out, T beta, T *y)
{
    if (in > INT_MAX || out > INT_MAX)
        throw Error("linear layer of " + std::to_string(out) + " × " + std::to_string(in)
                    + " is outside BLAS's int range");
    const auto rows = static_cast<int>(out), cols = static_cast<int>(in);
    if constexpr (std::is_same_v<T, float>)
        cblas_sgemv(CblasRowMajor, CblasNoTrans, rows, cols, 1.0f, w, cols, x, 1, beta, y, 1);
    else
        cblas_dgemv(CblasRowMajor, CblasNoTrans, rows, cols, 1.0, w, cols, x, 1, beta, y, 1);
}

} // namespace

template<class T>
void linearForward(const T *x, const T *w, const T *bias, int64_t n, int64_t in, int64_t out, T *y, bool accumulate)
{
    const T beta = accumulate ? T(1) : T(0);
    if (n == 1 && in > 0 && out > 0)
        gemv(w, x, in, out, beta, y);
    else
        gemm<T>(false, true, n, out, in, T(1), x, in, w, in, beta, y, out);
    if (bias)
        for (int64_t r = 0; r < n; ++r) {
            T *row = y + r * out;
            for (int64_t j = 0; j < out; ++j)
                row[j] += bias[j];
        }
}

template<class T>
void linearBackward(const T *x, const T *w, const T *dy, int64_t n, int64_t in, int64_t out, T *dx, T *dW, T *dBias)
{
    if (dx) // dx[n × in] += dy[n × out] · W[out × in]
        gemm<T>(false, false, n, in, out, T(1), dy, out, w, in, T(1), dx, in);
    if (dW) // dW[out × in] += dyᵀ · x[n × in]
        gemm<T>(true, false, out, in, n, T(1), dy, out, x, in, T(1), dW, in);
    if (dBias)
        for (int64_t r = 0; r < n; ++r) {
            const T *row = dy + r * out;
            for (int64_t j = 0; j < out; ++j)
                dBias[j] += row[j];
        }
}

template void linearForward<float>(const float *, const float *, const float *, int64_t, int64_t, int64_t, float *,
                                   bool);
template void linearForward<double>(const double *, const double *, const double *, int64_t, int64_t, int64_t,
                                    double *, bool);
template void linearBackward<float>(const float *, const float *, const float *, int64_t, int64_t, int64_t, float *,
                                    float *, float *);
template void linearBackward<double>(const double *, const double *, const double *, int64_t, int64_t, int64_t,
                                     double *, double *, double *);

} // namespace bitcliff::nn
