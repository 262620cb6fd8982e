#include "quant/errormetrics.h"

#include "util/float8.h"
#include "util/vectorclones.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitcliff {

int64_t errorGridGroupLength(int64_t blockLength, int64_t cols)
{
    // Blocks of a few elements (16-bit floats: one) would make a grid as large as the
    // tensor: those get the default columns per cell.
    if (blockLength >= 8 && blockLength < cols && cols % blockLength == 0)
        return blockLength;
    return std::min<int64_t>(128, std::max<int64_t>(1, cols));
}

TensorErrorBuilder::TensorErrorBuilder(int64_t rows, int64_t cols, int64_t groupLength)
    : m_rows(rows)
    , m_cols(cols)
    , m_groupLength(std::max<int64_t>(1, groupLength))
    , m_groups((cols + m_groupLength - 1) / m_groupLength)
    , m_rowMse(static_cast<size_t>(rows), 0.0f)
    , m_groupMse(static_cast<size_t>(rows * m_groups), 0.0f)
    , m_colSse(static_cast<size_t>(cols), 0.0)
{
}

namespace {

// One row's error: each group's mean squared error to `groupMse`, squared errors added per
// column to `colSse`; its Σe², Σw² and max |e| added to the totals. Groups of a multiple of
// 8 run as 8-float vectors with one horizontal sum per group (Σw² and max |e| stay in
// vectors across the row); other lengths run the plain loop.
BITCLIFF_VECTOR_CLONES void rowError(const float *w, const float *q, int64_t cols, int64_t groupLength,
                                     float *groupMse, float *colSse, double &sse, double &ssw, float &maxAbs)
{
    const int64_t groups = (cols + groupLength - 1) / groupLength;
    double rowSse = 0.0;
    if (groupLength % 8 == 0 && cols % groupLength == 0) {
        simd::Float8 squares{}, largest{};
        for (int64_t g = 0; g < groups; ++g) {
            simd::Float8 groupSse{};
            for (int64_t j = g * groupLength; j < (g + 1) * groupLength; j += 8) {
                const simd::Float8 weight = simd::load8(w + j);
                const simd::Float8 e = weight - simd::load8(q + j);
                const simd::Float8 e2 = e * e;
                groupSse += e2;
                squares += weight * weight;
                largest = simd::max8(largest, simd::abs8(e));
                simd::store8(colSse + j, simd::load8(colSse + j) + e2);
            }
            const float total = simd::horizontalSum(groupSse);
            groupMse[g] = total / static_cast<float>(groupLength);
            rowSse += total;
        }
        ssw += simd::horizontalSum(squares);
        maxAbs = std::max(maxAbs, simd::horizontalMax(largest));
    } else {
        for (int64_t g = 0; g < groups; ++g) {
            const int64_t begin = g * groupLength, end = std::min(cols, begin + groupLength);
            float groupSse = 0.0f, groupSsw = 0.0f, groupMax = 0.0f;
            for (int64_t j = begin; j < end; ++j) {
                const float e = w[j] - q[j];
                groupSse += e * e;
                groupSsw += w[j] * w[j];
                groupMax = std::max(groupMax, std::fabs(e));
                colSse[j] += e * e;
            }
            groupMse[g] = groupSse / static_cast<float>(end - begin);
            rowSse += groupSse;
            ssw += groupSsw;
            maxAbs = std::max(maxAbs, groupMax);
        }
    }
    sse += rowSse;
}

} // namespace

void TensorErrorBuilder::addRows(const float *original, const float *quantized, int64_t rowBegin, int64_t rowCount)
{
    std::vector<float> colSse(static_cast<size_t>(m_cols), 0.0f);
    double sse = 0.0, ssw = 0.0;
    float maxAbs = 0.0f;
    for (int64_t r = 0; r < rowCount; ++r) {
        const double before = sse;
        rowError(original + r * m_cols, quantized + r * m_cols, m_cols, m_groupLength,
                 m_groupMse.data() + (rowBegin + r) * m_groups, colSse.data(), sse, ssw, maxAbs);
        m_rowMse[static_cast<size_t>(rowBegin + r)] =
            static_cast<float>((sse - before) / double(std::max<int64_t>(1, m_cols)));
    }
    std::lock_guard lock(m_mutex);
    m_sumSquaredError += sse;
    m_sumSquaredWeight += ssw;
    m_maxAbsError = std::max(m_maxAbsError, double(maxAbs));
    m_count += rowCount * m_cols;
    for (size_t j = 0; j < colSse.size(); ++j)
        m_colSse[j] += colSse[j];
}

TensorError TensorErrorBuilder::finish() const
{
    TensorError result;
    result.count = m_count;
    result.mse = m_count ? m_sumSquaredError / double(m_count) : 0.0;
    result.relativeFrobenius = m_sumSquaredWeight > 0 ? std::sqrt(m_sumSquaredError / m_sumSquaredWeight) : 0.0;
    result.sqnrDb = m_sumSquaredError > 0 ? 10.0 * std::log10(m_sumSquaredWeight / m_sumSquaredError)
                                          : std::numeric_limits<double>::infinity();
    result.maxAbsError = m_maxAbsError;
    result.rowMse = m_rowMse;
    result.colMse.resize(m_colSse.size());
    for (size_t j = 0; j < m_colSse.size(); ++j)
        result.colMse[j] = static_cast<float>(m_colSse[j] / double(std::max<int64_t>(1, m_rows)));
    result.groupLength = m_groupLength;
    result.groupMse = {m_rows, m_groups, m_groupMse};
    return result;
}

} // namespace bitcliff
