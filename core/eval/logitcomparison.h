#pragma once
// Quantized against unquantized logits, position by position, as
// llama-perplexity --kl-divergence reports it — but run in lockstep with the base model, so
// no logits are ever stored: only one KLD and one Δp per scored position.
#include "eval/perplexity.h"
#include "eval/tokenlogprobs.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bitcliff {

struct MeanWithError
{
    double mean = 0;
    double error = 0; // sqrt(var / (count − 1))
};

struct Percentile
{
    double fraction = 0; // 0.999, 0.5 ...
    double value = 0;
};

struct LogitComparison
{
    int64_t count = 0;
    MeanWithError kld;
    std::vector<Percentile> kldPercentiles; // max, 99.9, 99, 95, 90, median, 10, 5, 1, 0.1, min
    MeanWithError sameTop;                  // fraction, error sqrt(p(1−p)/(count−1))
    MeanWithError deltaP;                   // p_Q − p_base of the correct token
    double rmsDeltaP = 0;
    std::vector<Percentile> deltaPPercentiles;
    double lnPplRatio = 0;                  // ⟨nll_Q⟩ − ⟨nll_base⟩
    double lnPplRatioError = 0;
    std::vector<double> chunkKld;           // mean KLD of each perplexity chunk in order (bootstrap)
    PerplexityResult base;
    PerplexityResult quantized;
};

// One scored position compared (KLD over the whole vocabulary is the costly part): computed
// once, added to every accumulator that reports it (the text's and the run's).
struct ComparedPosition
{
    double kld = 0;
    double deltaP = 0;
    bool sameTop = false;
    double nllBase = 0;
    double nllQuantized = 0;
};

ComparedPosition comparePosition(const LogitRow &base, const LogitRow &quantized, int32_t nextToken);
// The same for a base row prepared once for every scheme (`baseExps` as LogitRow stores them):
// the quantized row's maximum, normaliser and the KLD's cross term in two passes over it.
ComparedPosition comparePosition(const LogitRow &base, const double *baseExps, std::span<const float> quantized,
                                 int32_t nextToken);

class LogitComparisonAccumulator
{
public:
    void add(const ComparedPosition &position);
    // One scored position: both rows of logits and the token that actually follows.
    void add(const LogitRow &base, const LogitRow &quantized, int32_t nextToken)
    {
        add(comparePosition(base, quantized, nextToken));
    }
    // Closes the current perplexity chunk: the mean KLD of the positions added since the
    // previous call joins chunkKld (nothing when there were none).
    void endChunk();
    LogitComparison result() const;
    int64_t count() const { return int64_t(m_kld.size()); }

private:
    std::vector<float> m_kld;
    std::vector<double> m_chunkKld;
    size_t m_chunkBegin = 0; // first position of the open chunk in m_kld
    std::vector<float> m_deltaP;
    int64_t m_sameTop = 0;
    NllAccumulator m_nllBase;
    NllAccumulator m_nllQuantized;
    NllAccumulator m_nllDifference;
};

// Percentile at fraction f of sorted values, linear interpolation at f·(n−1).
double percentileOfSorted(const std::vector<float> &sorted, double fraction);

} // namespace bitcliff
