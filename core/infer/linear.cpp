#include "infer/linear.h"

#include "nn/linear.h"

#include <algorithm>
#include <cblas.h>
#include <thread>

namespace bitcliff::infer {

void multiplyTransposed(WeightStream &stream, const WeightMatrix &w, const float *x, int64_t n, float *y,
                        bool accumulate)
{
    nn::linearForward<float>(x, stream.values(w), nullptr, n, w.cols, w.rows, y, accumulate);
}

void linearForward(WeightStream &stream, const LinearWeights &linear, const float *x, int64_t n, float *y,
                   bool accumulate)
{
    const WeightMatrix &w = linear.weight;
    nn::linearForward<float>(x, stream.values(w), linear.bias.empty() ? nullptr : linear.bias.data(), n, w.cols,
                             w.rows, y, accumulate);
}

void useBlasThreads(int threads)
{
#ifdef OPENBLAS_VERSION
    const int wanted = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    if (openblas_get_num_threads() != wanted)
        openblas_set_num_threads(wanted);
#else
    (void)threads;
#endif
}

BlasThreadsScope::BlasThreadsScope(int threads)
{
#ifdef OPENBLAS_VERSION
    m_previous = openblas_get_num_threads();
#endif
    useBlasThreads(threads);
}

BlasThreadsScope::~BlasThreadsScope()
{
    if (m_previous > 0)
        useBlasThreads(m_previous);
}

} // namespace bitcliff::infer
