#pragma once
// What the metrics need from one row of logits: the log of the softmax normaliser and the
// most likely token, computed once in double so a 150k-entry row loses no precision.
#include <cstdint>
#include <span>

namespace bitcliff {

struct LogitRow
{
    std::span<const float> logits;
    double logSumExp = 0;     // log Σ exp(logit)
    double shiftedExpSum = 0; // Σ exp(logit − maxLogit)
    int32_t argmax = 0;       // first maximum wins, as llama.cpp
    float maxLogit = 0;

    // With `exps` (row.size() doubles), exp(logit_i − maxLogit) is stored there for each i:
    // the weights of a KLD against this row (see comparePosition).
    explicit LogitRow(std::span<const float> row, double *exps = nullptr);
    double logProb(int32_t token) const { return double(logits[size_t(token)]) - logSumExp; }
};

// KL(p_base || q) over the whole vocabulary: Σ p_b (log p_b − log q).
double klDivergence(const LogitRow &base, const LogitRow &quantized);

// The same from its parts: with Σ p_b = 1 it is Σ p_b (b − q) + logSumExp_q − logSumExp_b,
// and Σ p_b (b − q) = Σ exp(b − maxLogit_b)(b − q) / shiftedExpSum_b (crossSums' first sum,
// `weightedDifference`): one pass over both rows, no exp of the base row again.
double klDivergenceFromSums(const LogitRow &base, double weightedDifference, double quantizedLogSumExp);

} // namespace bitcliff
