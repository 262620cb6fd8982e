#include "report/modelanalysis.h"

#include <algorithm>
#include <cmath>

namespace bitcliff::app {

std::shared_ptr<const ModelAnalysis> analyseStats(std::shared_ptr<const ModelStats> stats)
{
    auto analysis = std::make_shared<ModelAnalysis>();
    for (const OutlierMap &map : buildOutlierMaps(*stats)) {
        const bool anyValue = std::any_of(map.values.begin(), map.values.end(), [](float v) { return !std::isnan(v); });
        analysis->outlierMaps.push_back(
            {map.role, anyValue ? std::make_shared<const HeatmapData>(HeatmapData::fromOutlierMap(map)) : nullptr,
             map.unreadableTensors});
    }
    size_t best = 0;
    for (size_t i = 0; i < stats->tensors.size(); ++i) {
        const TensorStats &t = stats->tensors[i];
        if (!t.computed || !isLinearRole(stats->model->tensors()[i].role))
            continue;
        if (analysis->mostOutlierTensor < 0 || t.cols.outliers.size() > best) {
            best = t.cols.outliers.size();
            analysis->mostOutlierTensor = static_cast<int>(i);
        }
    }
    analysis->stats = std::move(stats);
    return analysis;
}

std::shared_ptr<const ModelAnalysis> analyseModel(std::shared_ptr<const Model> model, const StatsOptions &options,
                                                  const ProgressCallback &progress)
{
    return analyseStats(computeModelStats(std::move(model), options, progress));
}

} // namespace bitcliff::app
