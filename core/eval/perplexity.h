#pragma once
// Perplexity exactly as llama.cpp's llama-perplexity computes it: the token
// stream is cut into chunks of n_ctx tokens, each run with a fresh cache at positions
// 0..n_ctx-1 (first token replaced by BOS when the model adds one), and only the second half
// of each chunk is scored.
#include <cstdint>
#include <span>
#include <vector>

namespace bitcliff {

struct PerplexityPlan
{
    int nCtx = 0;
    int chunks = 0;
    int firstScored = 0; // n_ctx / 2: logits of positions first..n_ctx-2 predict the next token
    int scoredPerChunk() const { return nCtx - 1 - firstScored; }
};

// Throws Error when there are fewer than 2 * nCtx tokens ("text gives N tokens; perplexity at
// n_ctx 512 needs at least 1024") or nCtx < 8.
PerplexityPlan planPerplexity(int64_t tokenCount, int nCtx);

// Tokens of chunk `index` as the model sees them (BOS substituted when `bos` >= 0).
std::vector<int32_t> perplexityChunk(std::span<const int32_t> tokens, const PerplexityPlan &plan, int index,
                                     int32_t bos);

// Mean and spread of negative log-likelihoods.
class NllAccumulator
{
public:
    void add(double nll);
    int64_t count() const { return m_count; }
    double mean() const;
    double meanSquare() const;
    // Standard error of the mean: sqrt((⟨x²⟩ − ⟨x⟩²)/(count − 1)).
    double standardError() const;

private:
    int64_t m_count = 0;
    double m_sum = 0;
    double m_sumSquares = 0;
};

struct PerplexityResult
{
    double ppl = 0;
    double pplError = 0;  // PPL · standard error of the mean nll, as llama.cpp prints it
    double meanNll = 0;
    int64_t tokensScored = 0;
};

PerplexityResult perplexityOf(const NllAccumulator &nll);

} // namespace bitcliff
