#include "train/schedule.h"

#include <algorithm>
#include <numbers>
#include <cmath>

namespace bitcliff::train {

double LearningRateSchedule::at(int64_t step) const
{
    step = std::max<int64_t>(step, 0);
    if (step < warmupSteps)
        return lr * double(step + 1) / double(warmupSteps);
    const int64_t decaySteps = steps - warmupSteps;
    const double progress = decaySteps > 0 ? std::min(1.0, double(step - warmupSteps) / double(decaySteps)) : 1.0;
    return lr * (minRatio + (1.0 - minRatio) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress)));
}

} // namespace bitcliff::train
