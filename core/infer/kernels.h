#pragma once
// Internal to the inference engine: the element-wise float32 kernels around the GEMMs
// (RMSNorm, softmax, SwiGLU, bias), vectorized 8 floats at a time with an AVX2 clone.
#include <cstdint>

namespace bitcliff::infer {

// out[r] = weight ⊙ x[r] / sqrt(mean(x[r]²) + eps) for `rows` rows of `cols` floats, as HF's
// RMSNorm computes it in float32. `out` may be `x`.
void rmsNormRows(const float *x, const float *weight, float *out, int64_t rows, int64_t cols, float eps);
// x = softmax(x) over n >= 1 floats.
void softmaxInPlace(float *x, int64_t n);
// gate = silu(gate) ⊙ up, silu(g) = g / (1 + exp(-g)).
void swigluInPlace(float *gate, const float *up, int64_t count);
// Adds `bias` (cols floats) to each of `rows` rows.
void addBiasRows(float *y, const float *bias, int64_t rows, int64_t cols);
// exp of each value (relative error about 1e-7; 0 below -87.3, saturating above 88).
void expInPlace(float *x, int64_t n);

} // namespace bitcliff::infer
