#pragma once
// Internal to the inference engine: the linear layers as nn::linearForward (one GEMM for a
// batch of n inputs, one matrix-vector product for a single one), the op training runs. W's
// values come through the session's WeightStream (materialized there first when the weights
// are streamed).
#include "infer/weightstream.h"

namespace bitcliff::infer {

// y[n × w.rows] (= or, with `accumulate`, +=) x[n × w.cols] · Wᵀ.
void multiplyTransposed(WeightStream &stream, const WeightMatrix &w, const float *x, int64_t n, float *y,
                        bool accumulate = false);
// y[n × out] (= or +=) x[n × in] · Wᵀ + bias.
void linearForward(WeightStream &stream, const LinearWeights &linear, const float *x, int64_t n, float *y,
                   bool accumulate = false);
// Sets the BLAS library's threads (0: one per core) when it differs from the current count.
void useBlasThreads(int threads);

// The BLAS library's threads while it lives, the previous count after. Set and restore from
// the thread that dispatches work (the count is process-wide).
class BlasThreadsScope
{
public:
    explicit BlasThreadsScope(int threads);
    ~BlasThreadsScope();
    BlasThreadsScope(const BlasThreadsScope &) = delete;
    BlasThreadsScope &operator=(const BlasThreadsScope &) = delete;

private:
    int m_previous = 0;
};

} // namespace bitcliff::infer
