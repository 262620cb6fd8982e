#include "quant/floatvector.h"

#include <algorithm>
#include <cmath>

namespace bitcliff::quantdetail {

BITCLIFF_VECTOR_CLONES MinMax minMax(const float *x, int64_t n)
{
    float lo = x[0], hi = x[0];
    int64_t j = 0;
    if (n >= 8) {
        Float8 vlo = load8(x), vhi = vlo;
        for (j = 8; j + 8 <= n; j += 8) {
            const Float8 v = load8(x + j);
            vlo = min8(vlo, v);
            vhi = max8(vhi, v);
        }
        for (int k = 0; k < 8; ++k) {
            lo = std::min(lo, vlo[k]);
            hi = std::max(hi, vhi[k]);
        }
    }
    for (; j < n; ++j) {
        lo = std::min(lo, x[j]);
        hi = std::max(hi, x[j]);
    }
    return {lo, hi};
}

BITCLIFF_VECTOR_CLONES float absMax(const float *x, int64_t n)
{
    Float8 m{};
    int64_t j = 0;
    for (; j + 8 <= n; j += 8)
        m = max8(m, abs8(load8(x + j)));
    float result = 0.0f;
    for (int k = 0; k < 8; ++k)
        result = std::max(result, m[k]);
    for (; j < n; ++j)
        result = std::max(result, std::fabs(x[j]));
    return result;
}

} // namespace bitcliff::quantdetail
