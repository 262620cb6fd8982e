#pragma once
// What the metrics need from one row of logits: the log of the softmax normaliser and the
// most likely token, computed once in double so a 150k-entry row loses no precision.
#include <cstdint>
#include <span>

namespace bitcliff {

struct LogitRow
{
    std::span<const float> logits;
    double logSumExp = 0; // log Σ exp(logit)
    int32_t argmax = 0;   // first maximum wins, as llama.cpp
    float maxLogit = 0;

    explicit LogitRow(std::span<const float> row);
    double logProb(int32_t token) const { return double(logits[size_t(token)]) - logSumExp; }
};

// KL(p_base || q) over the whole vocabulary: Σ p_b (log p_b − log q).
double klDivergence(const LogitRow &base, const LogitRow &quantized);

} // namespace bitcliff
