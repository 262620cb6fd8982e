#include "nn/swiglu.h"

#include "nn/vectormath.h"
#include "util/vectorclones.h"

#include <cmath>
#include <type_traits>

namespace bitcliff::nn {

namespace {

using namespace detail;

// The float kernel inference has always run (vectorized exp, tails through the same code).
BITCLIFF_VECTOR_CLONES void swigluFloat(const float *gate, const float *up, float *out, int64_t count)
{
    int64_t j = 0;
    for (; j + 8 <= count; j += 8) {
        const Float8 g = load8(gate + j);
        store8(out + j, g / (1.0f + exp8(-g)) * load8(up + j));
    }
    if (j < count) {
        const Float8 g = loadTail(gate + j, count - j);
        storeTail(out + j, count - j, g / (1.0f + exp8(-g)) * loadTail(up + j, count - j));
    }
}

} // namespace

template<class T>
void swigluForward(const T *gate, const T *up, T *out, int64_t count)
{
    if constexpr (std::is_same_v<T, float>) {
        swigluFloat(gate, up, out, count);
    } else {
        for (int64_t j = 0; j < count; ++j)
            out[j] = gate[j] / (T(1) + std::exp(-gate[j])) * up[j];
    }
}

// silu(g) = g σ(g), silu'(g) = σ(g) (1 + g (1 - σ(g))).
template<class T>
void swigluBackward(const T *gate, const T *up, const T *dOut, int64_t count, T *dGate, T *dUp)
{
    for (int64_t j = 0; j < count; ++j) {
        const T g = gate[j], sigmoid = T(1) / (T(1) + std::exp(-g));
        dGate[j] += dOut[j] * up[j] * sigmoid * (T(1) + g * (T(1) - sigmoid));
        dUp[j] += dOut[j] * g * sigmoid;
    }
}

template void swigluForward<float>(const float *, const float *, float *, int64_t);
template void swigluForward<double>(const double *, const double *, double *, int64_t);
template void swigluBackward<float>(const float *, const float *, const float *, int64_t, float *, float *);
template void swigluBackward<double>(const double *, const double *, const double *, int64_t, double *, double *);

} // namespace bitcliff::nn
