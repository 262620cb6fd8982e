#include "report/modelanalysis.h"

namespace bitcliff::app {

std::shared_ptr<const ModelAnalysis> analyseStats(std::shared_ptr<const ModelStats> stats)
{
    auto analysis = std::make_shared<ModelAnalysis>();
    for (const OutlierMap &map : buildOutlierMaps(*stats))
        analysis->outlierMaps.push_back({map.role, std::make_shared<const HeatmapData>(HeatmapData::fromOutlierMap(map))});
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
