#include "report/modelanalysis.h"

#include "viewformat.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace bitcliff::app {

// The translation context of the outlier map's texts.
struct OutlierMapText
{
    Q_DECLARE_TR_FUNCTIONS(bitcliff::app::OutlierMapText)
};

namespace {

// The weight matrix of `role` in `layer` (as buildOutlierMaps picks it), or nullptr.
const TensorStats *roleTensor(const ModelStats &stats, TensorRole role, int layer)
{
    const auto &infos = stats.model->tensors();
    const TensorStats *found = nullptr;
    for (size_t i = 0; i < infos.size(); ++i)
        if (infos[i].role == role && infos[i].layer == layer && stats.tensors[i].computed
            && infos[i].name.ends_with("weight"))
            found = &stats.tensors[i];
    return found;
}

} // namespace

HeatmapData relativeOutlierHeatmap(const OutlierMap &map, const ModelStats &stats)
{
    HeatmapData data = HeatmapData::fromOutlierMap(map);
    // Each layer's channels divided by that tensor's median channel absmax: layers of
    // different scales read alike, and the outlier rule (k x median) is one value on the bar.
    bool anyOutlier = false;
    for (int row = 0; row < data.rows; ++row) {
        const TensorStats *tensor = roleTensor(stats, map.role, map.layerIds[size_t(row)]);
        const float median = tensor ? tensor->cols.medianAbsmax : 0.0f;
        float *values = data.values.data() + size_t(row) * size_t(data.cols);
        for (int col = 0; col < data.cols; ++col) {
            values[col] = median > 0.0f ? values[col] / median : std::nanf("");
            anyOutlier = anyOutlier || values[col] > float(stats.rule.k);
        }
        anyOutlier = anyOutlier || (tensor && !tensor->cols.outliers.empty());
    }
    const std::string_view role = roleName(map.role);
    const QString roleText = QString::fromUtf8(role.data(), qsizetype(role.size()));
    const QString k = ViewFormat::value(stats.rule.k, 3);
    data.title = OutlierMapText::tr("%1: per-input-channel absmax ÷ the layer's median channel").arg(roleText);
    if (!anyOutlier)
        data.title = OutlierMapText::tr("%1: no outlier channels at k = %2 (absmax ÷ median channel)").arg(roleText, k);
    data.valueLabel = OutlierMapText::tr("absmax ÷ median channel absmax");
    data.missingLabel = OutlierMapText::tr("no statistics");
    data.marker = stats.rule.k;
    data.markerLabel = OutlierMapText::tr("k = %1").arg(k);
    // The threshold stays on the bar even when no channel reaches it: then nothing is bright.
    float top = 0.0f;
    for (float v : data.values)
        if (std::isfinite(v))
            top = std::max(top, v);
    data.scaleMax = std::max(double(top), stats.rule.k * 1.25);
    return data;
}

std::shared_ptr<const ModelAnalysis> analyseStats(std::shared_ptr<const ModelStats> stats)
{
    auto analysis = std::make_shared<ModelAnalysis>();
    for (const OutlierMap &map : buildOutlierMaps(*stats)) {
        const bool anyValue = std::any_of(map.values.begin(), map.values.end(), [](float v) { return !std::isnan(v); });
        analysis->outlierMaps.push_back(
            {map.role, anyValue ? std::make_shared<const HeatmapData>(relativeOutlierHeatmap(map, *stats)) : nullptr,
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

std::shared_ptr<const ModelAnalysis> analyseModel(
    std::shared_ptr<const Model> model, const StatsOptions &options, const ProgressCallback &progress)
{
    return analyseStats(computeModelStats(std::move(model), options, progress));
}

} // namespace bitcliff::app
