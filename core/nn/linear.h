#pragma once
// A linear layer as checkpoints store it: W row-major [out × in], y = x · Wᵀ + b.
#include <cstdint>

namespace bitcliff::nn {

// y[n × out] (= or, with `accumulate`, +=) x[n × in] · Wᵀ (+ bias when not null). One GEMM.
template<class T>
void linearForward(const T *x, const T *w, const T *bias, int64_t n, int64_t in, int64_t out, T *y,
                   bool accumulate = false);
// Gradients of the above, each ADDED to its buffer (callers zero them): dx[n × in] += dy · W,
// dW[out × in] += dyᵀ · x, dBias[out] += Σ_rows dy. Any of dx, dW, dBias may be null.
template<class T>
void linearBackward(const T *x, const T *w, const T *dy, int64_t n, int64_t in, int64_t out, T *dx, T *dW, T *dBias);

} // namespace bitcliff::nn
