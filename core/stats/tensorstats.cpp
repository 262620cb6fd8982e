#include "stats/tensorstats.h"

#include <algorithm>

namespace bitcliff {

void flagOutliers(ChannelStats &channels, const OutlierRule &rule)
{
    channels.outliers.clear();
    if (channels.absmax.empty())
        return;
    std::vector<float> sorted = channels.absmax;
    const auto middle = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    channels.medianAbsmax = *middle;
    channels.threshold = static_cast<float>(rule.k * channels.medianAbsmax);
    for (size_t i = 0; i < channels.absmax.size(); ++i)
        if (channels.absmax[i] > channels.threshold)
            channels.outliers.push_back(static_cast<int64_t>(i));
    std::stable_sort(channels.outliers.begin(), channels.outliers.end(), [&](int64_t a, int64_t b) {
        return channels.absmax[static_cast<size_t>(a)] > channels.absmax[static_cast<size_t>(b)];
    });
}

} // namespace bitcliff
