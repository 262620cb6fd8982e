#include "eval/perplexity.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace bitcliff {

PerplexityPlan planPerplexity(int64_t tokenCount, int nCtx)
{
    if (nCtx < 8)
        throw Error("context length " + std::to_string(nCtx) + " is too small (at least 8)");
    if (tokenCount < 2 * int64_t(nCtx))
        throw Error("the text gives " + std::to_string(tokenCount) + " tokens; perplexity at n_ctx "
                    + std::to_string(nCtx) + " needs at least " + std::to_string(2 * nCtx));
    PerplexityPlan plan;
    plan.nCtx = nCtx;
    plan.chunks = int(tokenCount / nCtx);
    plan.firstScored = nCtx / 2;
    return plan;
}

std::vector<int32_t> perplexityChunk(std::span<const int32_t> tokens, const PerplexityPlan &plan, int index,
                                     int32_t bos)
{
    const auto begin = tokens.begin() + int64_t(index) * plan.nCtx;
    std::vector<int32_t> chunk(begin, begin + plan.nCtx);
    if (bos >= 0)
        chunk[0] = bos;
    return chunk;
}

void NllAccumulator::add(double nll)
{
    ++m_count;
    m_sum += nll;
    m_sumSquares += nll * nll;
}

double NllAccumulator::mean() const
{
    return m_count ? m_sum / double(m_count) : 0.0;
}

double NllAccumulator::meanSquare() const
{
    return m_count ? m_sumSquares / double(m_count) : 0.0;
}

double NllAccumulator::standardError() const
{
    if (m_count < 2)
        return 0;
    const double variance = std::max(0.0, meanSquare() - mean() * mean());
    return std::sqrt(variance / double(m_count - 1));
}

PerplexityResult perplexityOf(const NllAccumulator &nll)
{
    PerplexityResult result;
    result.meanNll = nll.mean();
    result.ppl = std::exp(result.meanNll);
    result.pplError = result.ppl * nll.standardError();
    result.tokensScored = nll.count();
    return result;
}

} // namespace bitcliff
