#pragma once
// The learning-rate schedule: linear warm-up, then cosine decay to minRatio × lr.
#include <cstdint>

namespace bitcliff::train {

struct LearningRateSchedule
{
    double lr = 3e-4;        // peak learning rate
    double minRatio = 0.1;   // the rate the cosine decays to, as a fraction of lr
    int64_t warmupSteps = 0;
    int64_t steps = 0;       // total steps of the run

    // The rate of step `step` (0-based):
    //   step < warmupSteps:  lr · (step + 1) / warmupSteps   (reaches lr at the last warm-up step)
    //   else:                lr · (minRatio + (1 - minRatio) · (1 + cos(π · p)) / 2),
    //                        p = (step - warmupSteps) / (steps - warmupSteps), in [0, 1)
    // so the first decaying step runs at lr and the rate approaches minRatio · lr at the end;
    // steps past the end stay at minRatio · lr.
    double at(int64_t step) const;
};

} // namespace bitcliff::train
