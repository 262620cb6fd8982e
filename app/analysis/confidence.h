#pragma once
// Confidence intervals of the cliff chart's points: Wilson score intervals for proportions
// (accuracy, same top token: right near 0 and 1, where the normal approximation is not), and a
// percentile bootstrap over perplexity chunks for the mean KLD (positions within a chunk are
// correlated; chunks are close to independent).
#include <cstdint>
#include <utility>
#include <vector>

namespace bitcliff::app {

// 95 % Wilson interval of `successes`/`n` given as a proportion p in [0, 1]; {NaN, NaN} for n 0.
std::pair<double, double> wilsonInterval(double p, double n, double z = 1.959963984540054);

// 95 % percentile bootstrap interval of the mean of `chunkMeans` (equal-sized chunks), with
// `resamples` resamples drawn from a generator seeded with `seed`: the same inputs give the
// same interval. {NaN, NaN} for fewer than 2 chunks.
std::pair<double, double> bootstrapMeanInterval(
    const std::vector<double> &chunkMeans, uint64_t seed, int resamples = 2000);

} // namespace bitcliff::app
