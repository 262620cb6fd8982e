#include "infer/kernels.h"

#include "util/float8.h"
#include "util/vectorclones.h"

#include <cmath>
#include <cstring>

namespace bitcliff::infer {

namespace {

using namespace simd;

// Cephes' expf: 2^n · e^r with n = round(x / ln 2), |r| <= ln2 / 2, r from a two-part ln 2
// (exact products) and a degree-6 polynomial. Branch-free, so it vectorizes.
inline Float8 exp8(Float8 input)
{
    const Float8 x = min8(max8(input, splat8(-87.3f)), splat8(88.0f)); // 2^n stays a normal float
    constexpr float kRoundMagic = 12582912.0f;        // 1.5 * 2^23: adding it rounds to an integer
    const Float8 n = (x * 1.44269504088896341f + kRoundMagic) - kRoundMagic;
    const Float8 r = x - n * 0.693359375f - n * -2.12194440e-4f;
    Float8 p = splat8(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const Float8 y = p * r * r + r + 1.0f;
    const Int8 exponent = (__builtin_convertvector(n, Int8) + 127) << 23;
    const Float8 result = y * fromBits8(exponent);
    // Underflow to 0 as expf does; NaN stays NaN (the clamp would hide it).
    return input < -87.3f ? Float8{} : (input == input ? result : input);
}

// The last n < 8 floats of x as a vector (zeros after them), and back. Tails go through the
// same vector code, inline: a Float8 passed to a separate function would cross between the
// AVX2 clone and baseline code with different calling conventions.
inline Float8 loadTail(const float *x, int64_t n)
{
    float buffer[8] = {};
    std::memcpy(buffer, x, size_t(n) * sizeof(float));
    return load8(buffer);
}

inline void storeTail(float *x, int64_t n, Float8 v)
{
    float buffer[8];
    store8(buffer, v);
    std::memcpy(x, buffer, size_t(n) * sizeof(float));
}

} // namespace

BITCLIFF_VECTOR_CLONES void rmsNormRows(const float *x, const float *weight, float *out, int64_t rows, int64_t cols,
                                        float eps)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float *in = x + r * cols;
        float *o = out + r * cols;
        Float8 sum0{}, sum1{};
        int64_t j = 0;
        for (; j + 16 <= cols; j += 16) {
            const Float8 a = load8(in + j), b = load8(in + j + 8);
            sum0 += a * a;
            sum1 += b * b;
        }
        float sum = horizontalSum(sum0 + sum1);
        for (; j < cols; ++j)
            sum += in[j] * in[j];
        const float scale = 1.0f / std::sqrt(sum / float(cols) + eps);
        j = 0;
        for (; j + 8 <= cols; j += 8)
            store8(o + j, load8(weight + j) * (load8(in + j) * scale));
        for (; j < cols; ++j)
            o[j] = weight[j] * (in[j] * scale);
    }
}

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

BITCLIFF_VECTOR_CLONES void swigluInPlace(float *gate, const float *up, int64_t count)
{
    int64_t j = 0;
    for (; j + 8 <= count; j += 8) {
        const Float8 g = load8(gate + j);
        store8(gate + j, g / (1.0f + exp8(-g)) * load8(up + j));
    }
    if (j < count) {
        const Float8 g = loadTail(gate + j, count - j);
        storeTail(gate + j, count - j, g / (1.0f + exp8(-g)) * loadTail(up + j, count - j));
    }
}

BITCLIFF_VECTOR_CLONES void addBiasRows(float *y, const float *bias, int64_t rows, int64_t cols)
{
    for (int64_t r = 0; r < rows; ++r) {
        float *row = y + r * cols;
        int64_t j = 0;
        for (; j + 8 <= cols; j += 8)
            store8(row + j, load8(row + j) + load8(bias + j));
        for (; j < cols; ++j)
            row[j] += bias[j];
    }
}

BITCLIFF_VECTOR_CLONES void expInPlace(float *x, int64_t n)
{
    int64_t j = 0;
    for (; j + 8 <= n; j += 8)
        store8(x + j, exp8(load8(x + j)));
    if (j < n)
        storeTail(x + j, n - j, exp8(loadTail(x + j, n - j)));
}

} // namespace bitcliff::infer
