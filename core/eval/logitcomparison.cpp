#include "eval/logitcomparison.h"

#include "eval/logitkernels.h"

#include <algorithm>
#include <cmath>

namespace bitcliff {
namespace {

MeanWithError meanWithError(const std::vector<float> &values)
{
    MeanWithError result;
    if (values.empty())
        return result;
    double sum = 0;
    double sumSquares = 0;
    for (const float value : values) {
        sum += value;
        sumSquares += double(value) * value;
    }
    const double n = double(values.size());
    result.mean = sum / n;
    if (values.size() > 1)
        result.error = std::sqrt(std::max(0.0, sumSquares / n - result.mean * result.mean) / (n - 1));
    return result;
}

std::vector<Percentile> percentiles(std::vector<float> values)
{
    static constexpr double fractions[] = {1.0, 0.999, 0.99, 0.95, 0.90, 0.5, 0.10, 0.05, 0.01, 0.001, 0.0};
    std::vector<Percentile> result;
    if (values.empty())
        return result;
    std::sort(values.begin(), values.end());
    for (const double fraction : fractions)
        result.push_back({fraction, percentileOfSorted(values, fraction)});
    return result;
}

} // namespace

double percentileOfSorted(const std::vector<float> &sorted, double fraction)
{
    if (sorted.empty())
        return 0;
    const double position = fraction * double(sorted.size() - 1);
    const size_t lower = size_t(position);
    const size_t upper = std::min(lower + 1, sorted.size() - 1);
    const double weight = position - double(lower);
    return double(sorted[lower]) * (1 - weight) + double(sorted[upper]) * weight;
}

ComparedPosition comparePosition(const LogitRow &base, const LogitRow &quantized, int32_t nextToken)
{
    ComparedPosition position;
    position.nllBase = -base.logProb(nextToken);
    position.nllQuantized = -quantized.logProb(nextToken);
    position.kld = klDivergence(base, quantized);
    position.deltaP = std::exp(-position.nllQuantized) - std::exp(-position.nllBase);
    position.sameTop = base.argmax == quantized.argmax;
    return position;
}

ComparedPosition comparePosition(const LogitRow &base, const double *baseExps, std::span<const float> quantized,
                                 int32_t nextToken)
{
    const RowMaximum maximum = rowMaximum(quantized);
    const CrossSums sums = crossSums(base.logits, baseExps, quantized, maximum.value);
    // As LogitRow computes it: the same sum in the same order.
    const double logSumExp = double(maximum.value) + std::log(sums.quantizedExpSum);
    ComparedPosition position;
    position.nllBase = -base.logProb(nextToken);
    position.nllQuantized = -(double(quantized[size_t(nextToken)]) - logSumExp);
    position.kld = klDivergenceFromSums(base, sums.weightedDifference, logSumExp);
    position.deltaP = std::exp(-position.nllQuantized) - std::exp(-position.nllBase);
    position.sameTop = base.argmax == maximum.index;
    return position;
}

void LogitComparisonAccumulator::add(const ComparedPosition &position)
{
    m_kld.push_back(float(position.kld));
    m_deltaP.push_back(float(position.deltaP));
    m_sameTop += position.sameTop ? 1 : 0;
    m_nllBase.add(position.nllBase);
    m_nllQuantized.add(position.nllQuantized);
    m_nllDifference.add(position.nllQuantized - position.nllBase);
}

void LogitComparisonAccumulator::endChunk()
{
    if (m_kld.size() > m_chunkBegin) {
        double sum = 0; // of the stored values, as the overall mean sums them
        for (size_t i = m_chunkBegin; i < m_kld.size(); ++i)
            sum += m_kld[i];
        m_chunkKld.push_back(sum / double(m_kld.size() - m_chunkBegin));
    }
    m_chunkBegin = m_kld.size();
}

LogitComparison LogitComparisonAccumulator::result() const
{
    LogitComparison result;
    result.count = count();
    result.kld = meanWithError(m_kld);
    result.kldPercentiles = percentiles(m_kld);
    result.deltaP = meanWithError(m_deltaP);
    result.deltaPPercentiles = percentiles(m_deltaP);
    double squares = 0;
    for (const float value : m_deltaP)
        squares += double(value) * value;
    result.rmsDeltaP = m_deltaP.empty() ? 0 : std::sqrt(squares / double(m_deltaP.size()));
    if (result.count > 0) {
        const double p = double(m_sameTop) / double(result.count);
        result.sameTop.mean = p;
        result.sameTop.error = result.count > 1 ? std::sqrt(p * (1 - p) / double(result.count - 1)) : 0;
    }
    result.lnPplRatio = m_nllDifference.mean();
    result.lnPplRatioError = m_nllDifference.standardError();
    result.chunkKld = m_chunkKld;
    result.base = perplexityOf(m_nllBase);
    result.quantized = perplexityOf(m_nllQuantized);
    return result;
}

} // namespace bitcliff
