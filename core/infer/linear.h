#pragma once
// Internal to the inference engine: the linear layers as BLAS calls. A batch of n inputs is
// one cblas_sgemm, X[n × in] · Wᵀ with W row-major [out × in] as checkpoints store it; a
// single input is one cblas_sgemv. W's values come through the session's WeightStream
// (materialized there first when the weights are streamed).
#include "infer/weightstream.h"

namespace bitcliff::infer {

// y[n × rows] (= or, with `accumulate`, +=) x[n × cols] · Wᵀ, y rows `ldy` floats apart.
void multiplyTransposed(WeightStream &stream, const WeightMatrix &w, const float *x, int64_t n, float *y, int64_t ldy,
                        bool accumulate);
// y[n × out] (= or +=) x[n × in] · Wᵀ + bias.
void linearForward(WeightStream &stream, const LinearWeights &linear, const float *x, int64_t n, float *y,
                   bool accumulate = false);
// Sets the BLAS library's threads (0: one per core) when it differs from the current count.
void useBlasThreads(int threads);

} // namespace bitcliff::infer
