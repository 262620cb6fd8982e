#include "nn/attention.h"

#include "nn/gemm.h"
#include "nn/kernels.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace bitcliff::nn {

template<class T>
void attendHead(const T *q, int64_t qStride, const T *keys, int64_t kStride, const T *values, int64_t vStride,
                int64_t rows, int64_t first, int64_t headDim, T *out, int64_t outStride, T *probs)
{
    const int64_t context = first + rows;
    const T scale = T(1) / std::sqrt(T(headDim));
    // probs[rows × context] = scale · Q · Kᵀ
    gemm<T>(false, true, rows, context, headDim, scale, q, qStride, keys, kStride, T(0), probs, context);
    for (int64_t r = 0; r < rows; ++r) {
        T *row = probs + r * context;
        const int64_t visible = first + r + 1; // causal mask
        softmaxInPlace(row, visible);
        std::fill(row + visible, row + context, T(0));
    }
    // out[rows × headDim] = P · V
    gemm<T>(false, false, rows, headDim, context, T(1), probs, context, values, vStride, T(0), out, outStride);
}

namespace {

void checkShape(const AttentionShape &shape)
{
    if (shape.heads <= 0 || shape.kvHeads <= 0 || shape.heads % shape.kvHeads != 0 || shape.headDim <= 0)
        throw Error("attention: " + std::to_string(shape.heads) + " heads over " + std::to_string(shape.kvHeads)
                    + " KV heads of size " + std::to_string(shape.headDim));
}

} // namespace

template<class T>
void causalAttentionForward(const T *q, const T *k, const T *v, const AttentionShape &shape, T *out, T *probs)
{
    checkShape(shape);
    const int64_t n = shape.tokens, d = shape.headDim, qStride = int64_t(shape.heads) * d,
                  kvStride = int64_t(shape.kvHeads) * d;
    const int group = shape.heads / shape.kvHeads;
    for (int h = 0; h < shape.heads; ++h) {
        const int64_t kv = int64_t(h / group) * d;
        attendHead<T>(q + h * d, qStride, k + kv, kvStride, v + kv, kvStride, n, 0, d, out + h * d, qStride,
                      probs + int64_t(h) * n * n);
    }
}

// Per head, with P the probabilities, S = scale · Q Kᵀ the scores and dO the output's
// gradient: dV += Pᵀ dO, dP = dO Vᵀ, dS = P ⊙ (dP − rowsum(dP ⊙ P)) (the softmax's
// Jacobian; masked entries have P = 0 and stay 0), dQ += scale · dS K, dK += scale · dSᵀ Q.
// Query heads sharing a KV head add into the same dK, dV.
template<class T>
void causalAttentionBackward(const T *q, const T *k, const T *v, const T *probs, const T *dOut,
                             const AttentionShape &shape, T *dq, T *dk, T *dv, T *scratch)
{
    checkShape(shape);
    const int64_t n = shape.tokens, d = shape.headDim, qStride = int64_t(shape.heads) * d,
                  kvStride = int64_t(shape.kvHeads) * d;
    const int group = shape.heads / shape.kvHeads;
    const T scale = T(1) / std::sqrt(T(d));
    for (int h = 0; h < shape.heads; ++h) {
        const int64_t kv = int64_t(h / group) * d;
        const T *p = probs + int64_t(h) * n * n, *dO = dOut + h * d;
        gemm<T>(true, false, n, d, n, T(1), p, n, dO, qStride, T(1), dv + kv, kvStride);
        T *dS = scratch;
        gemm<T>(false, true, n, n, d, T(1), dO, qStride, v + kv, kvStride, T(0), dS, n);
        for (int64_t r = 0; r < n; ++r) {
            const T *pRow = p + r * n;
            T *row = dS + r * n;
            T dot = 0;
            for (int64_t j = 0; j <= r; ++j)
                dot += row[j] * pRow[j];
            for (int64_t j = 0; j < n; ++j)
                row[j] = pRow[j] * (row[j] - dot);
        }
        gemm<T>(false, false, n, d, n, scale, dS, n, k + kv, kvStride, T(1), dq + h * d, qStride);
        gemm<T>(true, false, n, d, n, scale, dS, n, q + h * d, qStride, T(1), dk + kv, kvStride);
    }
}

template void attendHead<float>(const float *, int64_t, const float *, int64_t, const float *, int64_t, int64_t,
                                int64_t, int64_t, float *, int64_t, float *);
template void attendHead<double>(const double *, int64_t, const double *, int64_t, const double *, int64_t, int64_t,
                                 int64_t, int64_t, double *, int64_t, double *);
template void causalAttentionForward<float>(const float *, const float *, const float *, const AttentionShape &,
                                             float *, float *);
template void causalAttentionForward<double>(const double *, const double *, const double *, const AttentionShape &,
                                             double *, double *);
template void causalAttentionBackward<float>(const float *, const float *, const float *, const float *,
                                             const float *, const AttentionShape &, float *, float *, float *,
                                             float *);
template void causalAttentionBackward<double>(const double *, const double *, const double *, const double *,
                                              const double *, const AttentionShape &, double *, double *, double *,
                                              double *);

} // namespace bitcliff::nn
