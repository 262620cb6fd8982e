#include "losscurvedata.h"

#include <algorithm>
#include <cmath>

namespace bitcliff {

std::vector<double> smoothedLoss(const std::vector<double> &values, int span)
{
    if (span <= 1)
        return values;
    const double beta = 1.0 - 2.0 / (double(span) + 1.0);
    std::vector<double> smoothed;
    smoothed.reserve(values.size());
    double average = 0.0;
    double weight = 1.0; // beta^t: what the zero start still weighs
    for (const double value : values) {
        average = beta * average + (1.0 - beta) * value;
        weight *= beta;
        smoothed.push_back(average / (1.0 - weight));
    }
    return smoothed;
}

int lossSmoothingSpan(int64_t points)
{
    return int(std::clamp<int64_t>(points / 20, 1, 100));
}

} // namespace bitcliff
