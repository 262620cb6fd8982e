#include "eval/tokenlogprobs.h"

#include <cmath>

namespace bitcliff {

LogitRow::LogitRow(std::span<const float> row)
    : logits(row)
{
    float best = row.empty() ? 0.0f : row[0];
    int32_t bestIndex = 0;
    for (size_t i = 1; i < row.size(); ++i) {
        if (row[i] > best) {
            best = row[i];
            bestIndex = int32_t(i);
        }
    }
    double sum = 0;
    for (const float value : row)
        sum += std::exp(double(value) - double(best));
    maxLogit = best;
    argmax = bestIndex;
    logSumExp = double(best) + std::log(sum);
}

double klDivergence(const LogitRow &base, const LogitRow &quantized)
{
    double kld = 0;
    for (size_t i = 0; i < base.logits.size(); ++i) {
        const double logP = double(base.logits[i]) - base.logSumExp;
        const double logQ = double(quantized.logits[i]) - quantized.logSumExp;
        kld += std::exp(logP) * (logP - logQ);
    }
    return kld < 0 ? 0 : kld; // rounding can leave a tiny negative sum for identical rows
}

} // namespace bitcliff
