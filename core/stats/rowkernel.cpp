#include "stats/rowkernel.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "util/float8.h"
#include "util/vectorclones.h"

namespace bitcliff {

namespace {

constexpr int64_t kBlock = 16384; // float lane sums stay accurate over this many values

} // namespace

namespace detail {

struct BlockSums
{
    float absmax = 0.0f;
    float sum = 0.0f;
    float sumSquares = 0.0f;
    int64_t nonFinite = 0;
};

using simd::abs8;
using simd::Float8;
using simd::horizontalMax;
using simd::horizontalSum;
using simd::Int8;
using simd::load8;
using simd::max8;
using simd::store8;

inline Int8 finiteMask(Float8 v)
{
    Int8 bits;
    std::memcpy(&bits, &v, sizeof bits);
    return (bits & 0x7F800000) != 0x7F800000; // all ones where finite
}

inline Float8 select(Int8 mask, Float8 v)
{
    Int8 bits;
    std::memcpy(&bits, &v, sizeof bits);
    bits &= mask;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}

// Sums, maxima and the column accumulators of a block, with NaN and infinity masked to 0
// (so they touch no statistic) and counted: no separate pass or slow path for them.
BITCLIFF_VECTOR_CLONES void blockSums(const float *x, int64_t n, float *colMax, float *colSq, BlockSums &out)
{
    Float8 max0{}, max1{}, sum0{}, sum1{}, sq0{}, sq1{};
    Int8 bad0{}, bad1{};
    int64_t j = 0;
    for (; j + 16 <= n; j += 16) {
        const Float8 rawA = load8(x + j), rawB = load8(x + j + 8);
        const Int8 okA = finiteMask(rawA), okB = finiteMask(rawB);
        bad0 -= ~okA & 1;
        bad1 -= ~okB & 1;
        const Float8 a = select(okA, rawA), b = select(okB, rawB);
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
    out.absmax = std::max(horizontalMax(max0), horizontalMax(max1));
    out.sum = horizontalSum(sum0) + horizontalSum(sum1);
    out.sumSquares = horizontalSum(sq0) + horizontalSum(sq1);
    out.nonFinite = 0;
    for (int k = 0; k < 8; ++k)
        out.nonFinite -= bad0[k] + bad1[k];
    for (; j < n; ++j) {
        if (!std::isfinite(x[j])) {
            ++out.nonFinite;
            continue;
        }
        const float a = std::fabs(x[j]);
        out.absmax = std::max(out.absmax, a);
        out.sum += x[j];
        out.sumSquares += x[j] * x[j];
        colMax[j] = std::max(colMax[j], a);
        colSq[j] += x[j] * x[j];
    }
}

// Central sums of powers 2..4 about `mean` over the finite values (the block is hot in
// cache by now).
BITCLIFF_VECTOR_CLONES void blockCentralSums(const float *x, int64_t n, float mean, float *out)
{
    Float8 m2a{}, m2b{}, m3a{}, m3b{}, m4a{}, m4b{};
    int64_t j = 0;
    for (; j + 16 <= n; j += 16) {
        const Float8 rawA = load8(x + j), rawB = load8(x + j + 8);
        const Float8 da = select(finiteMask(rawA), rawA - mean), db = select(finiteMask(rawB), rawB - mean);
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
        if (!std::isfinite(x[j]))
            continue;
        const float d = x[j] - mean, d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    out[0] = m2;
    out[1] = m3;
    out[2] = m4;
}

// The histogram: one counter increment per value, unrolled so loads and shifts overlap.
void countBlock(const float *x, int64_t n, HistogramCounters &counters)
{
    uint32_t *counts = counters.counts;
    constexpr int shift = HistogramCounters::kKeyShift;
    int64_t j = 0;
    for (; j + 4 <= n; j += 4) {
        uint32_t bits[4];
        std::memcpy(bits, x + j, sizeof bits);
        ++counts[bits[0] >> shift];
        ++counts[bits[1] >> shift];
        ++counts[bits[2] >> shift];
        ++counts[bits[3] >> shift];
    }
    for (; j < n; ++j)
        counters.add(x[j]);
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
    RowResult row;
    double sumSquares = 0.0;
    for (int64_t begin = 0; begin < cols; begin += kBlock) {
        const int64_t n = std::min(kBlock, cols - begin);
        const float *block = x + begin;
        detail::BlockSums sums;
        detail::blockSums(block, n, columns.absmax.data() + begin, columns.itemSquares.data() + begin, sums);
        detail::countBlock(block, n, counters);
        row.nonFinite += sums.nonFinite;
        const int64_t finite = n - sums.nonFinite;
        if (finite == 0)
            continue;
        const float mean = sums.sum / static_cast<float>(finite);
        float central[3];
        detail::blockCentralSums(block, n, mean, central);
        Moments m;
        m.n = static_cast<double>(finite);
        m.mean = mean;
        m.m2 = central[0];
        m.m3 = central[1];
        m.m4 = central[2];
        row.moments.merge(m);
        row.absmax = std::max(row.absmax, sums.absmax);
        sumSquares += sums.sumSquares;
    }
    row.sumSquares = sumSquares;
    const double finite = row.moments.n;
    row.rms = finite > 0 ? static_cast<float>(std::sqrt(sumSquares / finite)) : 0.0f;
    return row;
}

} // namespace bitcliff
