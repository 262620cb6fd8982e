#pragma once
// Everything the pages show about one model, computed off the GUI thread in one job:
// the statistics snapshot and the outlier maps, ready for the heatmap.
#include "heatmapdata.h"
#include "stats/statsengine.h"

#include <memory>
#include <vector>

namespace bitcliff::app {

struct RoleHeatmap
{
    TensorRole role;
    std::shared_ptr<const HeatmapData> heatmap; // null when none of the role's matrices can be read
    std::vector<size_t> unreadableTensors;      // the role's matrices of types BitCliff cannot read
};

struct ModelAnalysis
{
    std::shared_ptr<const ModelStats> stats;
    std::vector<RoleHeatmap> outlierMaps; // one per linear role present, readable or not
    int mostOutlierTensor = -1;           // index of the tensor with the most outlier input channels
};

// One role's outlier map with each layer's channels divided by that tensor's median channel
// absmax, the outlier rule's k marked on the color bar, and a title that says when no channel
// reaches k.
HeatmapData relativeOutlierHeatmap(const OutlierMap &map, const ModelStats &stats);

// Derives the maps and picks the showcase tensor (cheap next to the statistics pass).
std::shared_ptr<const ModelAnalysis> analyseStats(std::shared_ptr<const ModelStats> stats);
// The full job: statistics pass, then analyseStats.
std::shared_ptr<const ModelAnalysis> analyseModel(
    std::shared_ptr<const Model> model, const StatsOptions &options, const ProgressCallback &progress);

} // namespace bitcliff::app
