#include "infer/linear.h"

#include "infer/kernels.h"

#include <cblas.h>
#include <thread>

namespace bitcliff::infer {

void multiplyTransposed(WeightStream &stream, const WeightMatrix &w, const float *x, int64_t n, float *y, int64_t ldy,
                        bool accumulate)
{
    const float *values = stream.values(w);
    const float beta = accumulate ? 1.0f : 0.0f;
    const auto rows = static_cast<int>(w.rows), cols = static_cast<int>(w.cols);
    if (n == 1) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, rows, cols, 1.0f, values, cols, x, 1, beta, y, 1);
        return;
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(n), rows, cols, 1.0f, x, cols,
                values, cols, beta, y, static_cast<int>(ldy));
}

void linearForward(WeightStream &stream, const LinearWeights &linear, const float *x, int64_t n, float *y,
                   bool accumulate)
{
    multiplyTransposed(stream, linear.weight, x, n, y, linear.weight.rows, accumulate);
    if (!linear.bias.empty())
        addBiasRows(y, linear.bias.data(), n, linear.weight.rows);
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

} // namespace bitcliff::infer
