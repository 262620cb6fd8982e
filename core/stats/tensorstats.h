#pragma once
// Statistics of one tensor, computed in one streaming pass (see statsengine.h).
#include "stats/valuehistogram.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitcliff {

// The outlier rule: a channel is an outlier when its absmax exceeds k times the median
// channel absmax of the same tensor and axis. Real LLM outlier channels sit 10-100x above
// the median; a Gaussian matrix's channels stay within ~1.5x, so k = 4 separates them.
struct OutlierRule
{
    double k = 4.0;
};

// Per-channel statistics along one axis: rows = output channels, cols = input channels.
struct ChannelStats
{
    std::vector<float> absmax;
    std::vector<float> rms;
    float medianAbsmax = 0.0f;
    float threshold = 0.0f;              // k * medianAbsmax
    std::vector<int64_t> outliers;       // channels above threshold, largest absmax first
};

struct TensorStats
{
    std::string name;
    int64_t count = 0;       // elements seen
    int64_t nonFinite = 0;   // NaN/inf elements (left out of every statistic)
    double absmax = 0.0;
    double mean = 0.0;
    double std = 0.0;        // population standard deviation
    double kurtosis = 0.0;   // Pearson's (not excess): 3 for a Gaussian
    ChannelStats rows;
    ChannelStats cols;
    ValueHistogram histogram;
    bool computed = false;   // false for unsupported types: only the catalog entry exists
    std::string skippedReason;
};

// Fills medianAbsmax, threshold and the outlier list from absmax.
void flagOutliers(ChannelStats &channels, const OutlierRule &rule);

} // namespace bitcliff
