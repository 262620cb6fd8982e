#include "nn/embedding.h"

#include <algorithm>

namespace bitcliff::nn {

template<class T>
void embeddingForward(const T *table, int64_t cols, const int32_t *tokens, int64_t n, T *out)
{
    for (int64_t i = 0; i < n; ++i) {
        const T *row = table + int64_t(tokens[i]) * cols;
        std::copy(row, row + cols, out + i * cols);
    }
}

template<class T>
void embeddingBackward(const T *dOut, const int32_t *tokens, int64_t n, int64_t cols, T *dTable)
{
    for (int64_t i = 0; i < n; ++i) {
        T *row = dTable + int64_t(tokens[i]) * cols;
        const T *d = dOut + i * cols;
        for (int64_t j = 0; j < cols; ++j)
            row[j] += d[j];
    }
}

template void embeddingForward<float>(const float *, int64_t, const int32_t *, int64_t, float *);
template void embeddingForward<double>(const double *, int64_t, const int32_t *, int64_t, double *);
template void embeddingBackward<float>(const float *, const int32_t *, int64_t, int64_t, float *);
template void embeddingBackward<double>(const double *, const int32_t *, int64_t, int64_t, double *);

} // namespace bitcliff::nn
