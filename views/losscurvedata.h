#pragma once
// What the loss curve of a training run shows: one immutable snapshot per update, taken by
// the page from the progress the trainer reports.
#include <cstdint>
#include <vector>

namespace bitcliff {

struct HeldOutPoint
{
    int64_t step = 0; // measured after this step
    double loss = 0.0;
};

struct LossCurveData
{
    int64_t steps = 0;                 // of the whole run
    std::vector<double> trainLoss;     // [i]: the training loss of step i + 1, nats per token
    std::vector<HeldOutPoint> heldOut; // in step order
};

// Bias-corrected exponential moving average of `values` over about `span` steps
// (weight 2 / (span + 1)), the first value unsmoothed; `span` <= 1 returns `values`.
std::vector<double> smoothedLoss(const std::vector<double> &values, int span);

// The span a curve of `points` steps is smoothed over: about a twentieth of it, at most 100.
int lossSmoothingSpan(int64_t points);

} // namespace bitcliff
