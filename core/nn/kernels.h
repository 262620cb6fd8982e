#pragma once
// Element-wise kernels the nn/ ops share: float32 vectorized 8 floats at a time with an AVX2
// clone (the arithmetic inference has always run), double as plain loops.
#include <cstdint>

namespace bitcliff::nn {

// x = softmax(x) over n >= 1 values (max subtracted).
void softmaxInPlace(float *x, int64_t n);
void softmaxInPlace(double *x, int64_t n);
// exp of each value (relative error about 1e-7; 0 below -87.3, saturating above 88).
void expInPlace(float *x, int64_t n);

} // namespace bitcliff::nn
