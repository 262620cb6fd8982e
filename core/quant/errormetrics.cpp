#include "quant/errormetrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitcliff {

int64_t errorGridGroupLength(int64_t blockLength, int64_t cols)
{
    if (blockLength > 0 && blockLength < cols && cols % blockLength == 0)
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

void TensorErrorBuilder::addRows(const float *original, const float *quantized, int64_t rowBegin, int64_t rowCount)
{
    // Float sums within a group (at most a few thousand values) vectorize; totals are double.
    std::vector<float> colSse(static_cast<size_t>(m_cols), 0.0f);
    float *colSum = colSse.data();
    double sse = 0.0, ssw = 0.0;
    float maxAbs = 0.0f;
    for (int64_t r = 0; r < rowCount; ++r) {
        const float *w = original + r * m_cols;
        const float *q = quantized + r * m_cols;
        double rowSse = 0.0;
        for (int64_t g = 0; g < m_groups; ++g) {
            const int64_t begin = g * m_groupLength, end = std::min(m_cols, begin + m_groupLength);
            float groupSse = 0.0f, groupSsw = 0.0f, groupMax = 0.0f;
#pragma omp simd reduction(+ : groupSse, groupSsw) reduction(max : groupMax)
            for (int64_t j = begin; j < end; ++j) {
                const float e = w[j] - q[j];
                groupSse += e * e;
                groupSsw += w[j] * w[j];
                groupMax = std::max(groupMax, std::fabs(e));
                colSum[j] += e * e;
            }
            m_groupMse[static_cast<size_t>((rowBegin + r) * m_groups + g)] = groupSse / static_cast<float>(end - begin);
            rowSse += groupSse;
            ssw += groupSsw;
            maxAbs = std::max(maxAbs, groupMax);
        }
        m_rowMse[static_cast<size_t>(rowBegin + r)] = static_cast<float>(rowSse / double(std::max<int64_t>(1, m_cols)));
        sse += rowSse;
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
