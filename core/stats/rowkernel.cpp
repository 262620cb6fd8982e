#include "stats/rowkernel.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "util/vectorclones.h"

// The 32-byte vector helpers below are inline and never cross an ABI boundary.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace bitcliff {

namespace {

constexpr int64_t kBlock = 16384; // float lane sums stay accurate over this many values

// The general path for rows holding NaN or infinity: skip those values.
RowResult accumulateRowSlow(const float *x, int64_t cols, ColumnAccumulator &columns, HistogramCounters &counters)
{
    RowResult result;
    double sum = 0.0, sumSquares = 0.0;
    int64_t finite = 0;
    for (int64_t j = 0; j < cols; ++j) {
        if (!std::isfinite(x[j])) {
            ++result.nonFinite;
            continue;
        }
        const float a = std::fabs(x[j]);
        result.absmax = std::max(result.absmax, a);
        sum += x[j];
        sumSquares += static_cast<double>(x[j]) * x[j];
        ++finite;
        columns.absmax[static_cast<size_t>(j)] = std::max(columns.absmax[static_cast<size_t>(j)], a);
        columns.itemSquares[static_cast<size_t>(j)] += x[j] * x[j];
        counters.add(x[j]);
    }
    if (finite == 0)
        return result;
    result.sumSquares = sumSquares;
    result.rms = static_cast<float>(std::sqrt(sumSquares / static_cast<double>(finite)));
    const double mean = sum / static_cast<double>(finite);
    Moments &m = result.moments;
    m.n = static_cast<double>(finite);
    m.mean = mean;
    for (int64_t j = 0; j < cols; ++j) {
        if (!std::isfinite(x[j]))
            continue;
        const double d = x[j] - mean, d2 = d * d;
        m.m2 += d2;
        m.m3 += d2 * d;
        m.m4 += d2 * d2;
    }
    return result;
}

} // namespace

namespace detail {

// GCC/Clang vector extensions: 8 floats per register on AVX2, two SSE halves elsewhere.
// Plain loops over lane arrays are not vectorized (float sums may not be reassociated).
using Float8 = float __attribute__((vector_size(32)));
using Int8 = int32_t __attribute__((vector_size(32)));

inline Float8 load8(const float *p)
{
    Float8 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void store8(float *p, Float8 v) { std::memcpy(p, &v, sizeof v); }

inline Float8 abs8(Float8 v)
{
    Int8 bits;
    std::memcpy(&bits, &v, sizeof bits);
    bits &= 0x7FFFFFFF;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

inline Float8 max8(Float8 a, Float8 b) { return a > b ? a : b; }

inline float horizontalSum(Float8 v)
{
    float sum = 0.0f;
    for (int k = 0; k < 8; ++k)
        sum += v[k];
    return sum;
}

inline float horizontalMax(Float8 v)
{
    float m = 0.0f;
    for (int k = 0; k < 8; ++k)
        m = std::max(m, v[k]);
    return m;
}

BITCLIFF_VECTOR_CLONES bool allFinite(const float *x, int64_t n)
{
    Int8 bad{};
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
        Int8 bits;
        std::memcpy(&bits, x + j, sizeof bits);
        bad |= (bits & 0x7F800000) == 0x7F800000;
    }
    int32_t any = 0;
    for (int k = 0; k < 8; ++k)
        any |= bad[k];
    for (; j < n; ++j)
        any |= !std::isfinite(x[j]);
    return any == 0;
}

// Sums, maxima and the column accumulators of a block of finite values (elementwise).
BITCLIFF_VECTOR_CLONES void blockSums(const float *x, int64_t n, float *colMax, float *colSq, float *out)
{
    Float8 max0{}, max1{}, sum0{}, sum1{}, sq0{}, sq1{};
    int64_t j = 0;
    for (; j + 16 <= n; j += 16) {
        const Float8 a = load8(x + j), b = load8(x + j + 8);
        const Float8 absA = abs8(a), absB = abs8(b);
        max0 = max8(max0, absA);
        max1 = max8(max1, absB);
        sum0 += a;
        sum1 += b;
        const Float8 a2 = a * a, b2 = b * b;
        sq0 += a2;
        sq1 += b2;
        store8(colMax + j, max8(load8(colMax + j), absA));
        store8(colMax + j + 8, max8(load8(colMax + j + 8), absB));
        store8(colSq + j, load8(colSq + j) + a2);
        store8(colSq + j + 8, load8(colSq + j + 8) + b2);
    }
    float absmax = std::max(horizontalMax(max0), horizontalMax(max1));
    float sum = horizontalSum(sum0) + horizontalSum(sum1);
    float sq = horizontalSum(sq0) + horizontalSum(sq1);
    for (; j < n; ++j) {
        const float a = std::fabs(x[j]);
        absmax = std::max(absmax, a);
        sum += x[j];
        sq += x[j] * x[j];
        colMax[j] = std::max(colMax[j], a);
        colSq[j] += x[j] * x[j];
    }
    out[0] = absmax;
    out[1] = sum;
    out[2] = sq;
}

// Central sums of powers 2..4 about `mean` (the block is hot in cache by now).
BITCLIFF_VECTOR_CLONES void blockCentralSums(const float *x, int64_t n, float mean, float *out)
{
    Float8 m2a{}, m2b{}, m3a{}, m3b{}, m4a{}, m4b{};
    int64_t j = 0;
    for (; j + 16 <= n; j += 16) {
        const Float8 da = load8(x + j) - mean, db = load8(x + j + 8) - mean;
        const Float8 da2 = da * da, db2 = db * db;
        m2a += da2;
        m2b += db2;
        m3a += da2 * da;
        m3b += db2 * db;
        m4a += da2 * da2;
        m4b += db2 * db2;
    }
    float m2 = horizontalSum(m2a) + horizontalSum(m2b);
    float m3 = horizontalSum(m3a) + horizontalSum(m3b);
    float m4 = horizontalSum(m4a) + horizontalSum(m4b);
    for (; j < n; ++j) {
        const float d = x[j] - mean, d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    out[0] = m2;
    out[1] = m3;
    out[2] = m4;
}

} // namespace detail

void ColumnAccumulator::reset(int64_t cols)
{
    absmax.assign(static_cast<size_t>(cols), 0.0f);
    itemSquares.assign(static_cast<size_t>(cols), 0.0f);
    sumSquares.assign(static_cast<size_t>(cols), 0.0);
}

void ColumnAccumulator::foldItem()
{
    for (size_t j = 0; j < itemSquares.size(); ++j) {
        sumSquares[j] += itemSquares[j];
        itemSquares[j] = 0.0f;
    }
}

void ColumnAccumulator::merge(const ColumnAccumulator &other)
{
    for (size_t j = 0; j < absmax.size(); ++j) {
        absmax[j] = std::max(absmax[j], other.absmax[j]);
        sumSquares[j] += other.sumSquares[j] + other.itemSquares[j];
    }
}

RowResult accumulateRow(const float *x, int64_t cols, ColumnAccumulator &columns, HistogramCounters &counters)
{
    if (!detail::allFinite(x, cols))
        return accumulateRowSlow(x, cols, columns, counters);
    RowResult row;
    for (int64_t begin = 0; begin < cols; begin += kBlock) {
        const int64_t n = std::min(kBlock, cols - begin);
        const float *block = x + begin;
        float sums[3], central[3];
        detail::blockSums(block, n, columns.absmax.data() + begin, columns.itemSquares.data() + begin, sums);
        for (int64_t j = 0; j < n; ++j)
            counters.add(block[j]);
        const float mean = sums[1] / static_cast<float>(n);
        detail::blockCentralSums(block, n, mean, central);
        Moments m;
        m.n = static_cast<double>(n);
        m.mean = mean;
        m.m2 = central[0];
        m.m3 = central[1];
        m.m4 = central[2];
        row.moments.merge(m);
        row.absmax = std::max(row.absmax, sums[0]);
        row.sumSquares += sums[2];
    }
    row.rms = cols > 0 ? static_cast<float>(std::sqrt(row.sumSquares / static_cast<double>(cols))) : 0.0f;
    return row;
}

} // namespace bitcliff
