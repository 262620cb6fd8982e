#pragma once
// RMSNorm as HF computes it: out = weight ⊙ x / sqrt(mean(x²) + eps), per row.
#include <cstdint>

namespace bitcliff::nn {

// `rows` rows of `cols`; `out` may be `x`; `inverseRms` (rows values, may be null) keeps
// 1 / sqrt(mean(x²) + eps) for the backward pass. The float instantiation is the vectorized
// kernel inference runs.
template<class T>
void rmsNormForward(const T *x, const T *weight, T *out, T *inverseRms, int64_t rows, int64_t cols, T eps);
// dx += ∂/∂x, dWeight += ∂/∂weight (dWeight may be null); `x` is the forward input, not the
// output. Accumulates.
template<class T>
void rmsNormBackward(const T *x, const T *weight, const T *inverseRms, const T *dOut, int64_t rows, int64_t cols,
                     T *dx, T *dWeight);

} // namespace bitcliff::nn
