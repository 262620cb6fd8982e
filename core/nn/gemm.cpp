#include "nn/gemm.h"

#include "util/error.h"

#include <cblas.h>
#include <climits>
#include <string>
#include <type_traits>

namespace bitcliff::nn {

namespace {

// CBLAS takes int dimensions.
int blasInt(int64_t value, const char *what)
{
    if (value < 0 || value > INT_MAX)
        throw Error(std::string("gemm: ") + what + " of " + std::to_string(value) + " is outside BLAS's int range");
    return static_cast<int>(value);
}

CBLAS_TRANSPOSE transpose(bool trans) { return trans ? CblasTrans : CblasNoTrans; }

} // namespace

template<class T>
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, T alpha, const T *a, int64_t lda, const T *b,
          int64_t ldb, T beta, T *c, int64_t ldc)
{
    if (m == 0 || n == 0)
        return;
    if (k == 0) { // nothing to multiply (BLAS would reject the leading dimensions of empty operands)
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < n; ++j)
                c[i * ldc + j] = beta == T(0) ? T(0) : beta * c[i * ldc + j];
        return;
    }
    const int im = blasInt(m, "m"), in = blasInt(n, "n"), ik = blasInt(k, "k");
    const int ilda = blasInt(lda, "lda"), ildb = blasInt(ldb, "ldb"), ildc = blasInt(ldc, "ldc");
    if constexpr (std::is_same_v<T, float>)
        cblas_sgemm(CblasRowMajor, transpose(transA), transpose(transB), im, in, ik, alpha, a, ilda, b, ildb, beta, c,
                    ildc);
    else
        cblas_dgemm(CblasRowMajor, transpose(transA), transpose(transB), im, in, ik, alpha, a, ilda, b, ildb, beta, c,
                    ildc);
}

template void gemm<float>(bool, bool, int64_t, int64_t, int64_t, float, const float *, int64_t, const float *, int64_t,
                          float, float *, int64_t);
template void gemm<double>(bool, bool, int64_t, int64_t, int64_t, double, const double *, int64_t, const double *,
                           int64_t, double, double *, int64_t);

} // namespace bitcliff::nn
