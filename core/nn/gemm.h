#pragma once
// Row-major GEMM for float (cblas_sgemm) and double (cblas_dgemm), so every op of nn/ runs in
// float32 for training and inference and in double for the gradient checks.
#include <cstdint>

namespace bitcliff::nn {

// C[m × n] = alpha · op(A) · op(B) + beta · C, op(X) = Xᵀ when trans*; leading dimensions in
// elements. Threads: the BLAS library's (infer/linear.h useBlasThreads).
template<class T>
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, T alpha, const T *a, int64_t lda, const T *b,
          int64_t ldb, T beta, T *c, int64_t ldc);

} // namespace bitcliff::nn
