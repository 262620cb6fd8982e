#include "nn/kernels.h"

#include "nn/vectormath.h"
#include "util/vectorclones.h"

#include <algorithm>
#include <cmath>

namespace bitcliff::nn {

using namespace detail;

BITCLIFF_VECTOR_CLONES void softmaxInPlace(float *x, int64_t n)
{
    Float8 max = splat8(-INFINITY);
    int64_t j = 0;
    for (; j + 8 <= n; j += 8)
        max = max8(max, load8(x + j));
    float m = -INFINITY;
    for (int k = 0; k < 8; ++k)
        m = std::max(m, max[k]);
    for (; j < n; ++j)
        m = std::max(m, x[j]);

    Float8 sum8{};
    j = 0;
    for (; j + 8 <= n; j += 8) {
        const Float8 e = exp8(load8(x + j) - m);
        store8(x + j, e);
        sum8 += e;
    }
    if (j < n)
        storeTail(x + j, n - j, exp8(loadTail(x + j, n - j) - m));
    float sum = horizontalSum(sum8);
    for (; j < n; ++j)
        sum += x[j];
    const float inverse = 1.0f / sum;
    j = 0;
    for (; j + 8 <= n; j += 8)
        store8(x + j, load8(x + j) * inverse);
    for (; j < n; ++j)
        x[j] *= inverse;
}

void softmaxInPlace(double *x, int64_t n)
{
    const double m = *std::max_element(x, x + n);
    double sum = 0;
    for (int64_t j = 0; j < n; ++j)
        sum += (x[j] = std::exp(x[j] - m));
    for (int64_t j = 0; j < n; ++j)
        x[j] /= sum;
}

BITCLIFF_VECTOR_CLONES void expInPlace(float *x, int64_t n)
{
    int64_t j = 0;
    for (; j + 8 <= n; j += 8)
        store8(x + j, exp8(load8(x + j)));
    if (j < n)
        storeTail(x + j, n - j, exp8(loadTail(x + j, n - j)));
}

} // namespace bitcliff::nn
