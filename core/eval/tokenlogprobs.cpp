#include "eval/tokenlogprobs.h"

#include "eval/logitkernels.h"

#include <cmath>
#include <vector>

namespace bitcliff {

LogitRow::LogitRow(std::span<const float> row, double *exps)
    : logits(row)
{
    const RowMaximum maximum = rowMaximum(row);
    maxLogit = maximum.value;
    argmax = maximum.index;
    shiftedExpSum = sumExpShifted(row, maximum.value, exps);
    logSumExp = double(maxLogit) + std::log(shiftedExpSum);
}

double klDivergence(const LogitRow &base, const LogitRow &quantized)
{
    std::vector<double> exps(base.logits.size());
    sumExpShifted(base.logits, base.maxLogit, exps.data());
    const CrossSums sums = crossSums(base.logits, exps.data(), quantized.logits, quantized.maxLogit);
    return klDivergenceFromSums(base, sums.weightedDifference, quantized.logSumExp);
}

double klDivergenceFromSums(const LogitRow &base, double weightedDifference, double quantizedLogSumExp)
{
    const double kld = weightedDifference / base.shiftedExpSum + quantizedLogSumExp - base.logSumExp;
    return kld < 0 ? 0 : kld; // rounding can leave a tiny negative sum for identical rows
}

} // namespace bitcliff
