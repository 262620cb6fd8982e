#pragma once
// The statistics pass: streams every tensor's rows out of the memory-mapped files once,
// on several threads, and accumulates moments, histogram and per-channel absmax/RMS.
#include "stats/modelstats.h"
#include "util/progress.h"

namespace bitcliff {

struct StatsOptions
{
    OutlierRule rule;
    int threads = 0;                     // 0: one per hardware thread
    std::vector<std::string> onlyTensors; // empty: all
    bool releasePages = true;            // drop mapped pages once read (keeps RSS small)
};

// Throws Cancelled when `progress` returns false.
std::shared_ptr<const ModelStats> computeModelStats(std::shared_ptr<const Model> model, const StatsOptions &options,
                                                    const ProgressCallback &progress = {});

} // namespace bitcliff
