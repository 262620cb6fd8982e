#include "report/quantanalysis.h"

#include "util/error.h"

namespace bitcliff::app {

namespace {

QuantRun runScheme(const std::shared_ptr<const Model> &model, const QuantScheme &scheme,
    const std::vector<std::string> &onlyTensors, const ProgressCallback &progress)
{
    QuantizeOptions options;
    options.scheme = scheme;
    options.onlyTensors = onlyTensors;
    QuantRun run;
    run.report = quantizeModel(model, options, progress);
    run.overview = std::make_shared<const OverviewHeatmap>(sqnrOverviewHeatmap(*run.report));
    return run;
}

} // namespace

std::shared_ptr<const QuantAnalysis> analyseQuantization(std::shared_ptr<const Model> model, const QuantScheme &first,
    const std::optional<QuantScheme> &second, const std::vector<std::string> &onlyTensors,
    const ProgressCallback &progress)
{
    auto analysis = std::make_shared<QuantAnalysis>();
    const double share = second ? 0.5 : 1.0;
    analysis->first
        = runScheme(model, first, onlyTensors, [&](double f) { return reportProgress(progress, f * share); });
    if (second) {
        analysis->second
            = runScheme(model, *second, onlyTensors, [&](double f) { return reportProgress(progress, 0.5 + f * 0.5); });
        // Side by side, one color must mean one SQNR in both maps.
        OverviewHeatmap a = *analysis->first.overview;
        OverviewHeatmap b = *analysis->second.overview;
        HeatmapData::shareColorScale(a.data, b.data);
        analysis->first.overview = std::make_shared<const OverviewHeatmap>(std::move(a));
        analysis->second.overview = std::make_shared<const OverviewHeatmap>(std::move(b));
    }
    return analysis;
}

TensorQuantViews buildTensorQuantViews(const QuantAnalysis &analysis, int tensorIndex)
{
    TensorQuantViews views;
    views.tensorIndex = tensorIndex;
    const auto result = [&](const QuantRun &run) -> const TensorQuantResult * {
        if (!run.report || tensorIndex < 0 || size_t(tensorIndex) >= run.report->tensors.size())
            return nullptr;
        const TensorQuantResult &t = run.report->tensors[size_t(tensorIndex)];
        return t.quantized ? &t : nullptr;
    };
    const TensorQuantResult *a = result(analysis.first);
    const TensorQuantResult *b = result(analysis.second);
    // The page names the tensor once above the maps; each map's title is its scheme.
    const auto titled = [](HeatmapData data, const QString &title) {
        data.title = title;
        return std::make_shared<const HeatmapData>(std::move(data));
    };
    if (a) {
        const QString name = QString::fromStdString(a->name);
        views.tensorName = name;
        const QString schemeA = QString::fromStdString(analysis.first.report->scheme.toString());
        views.firstErrorValues = std::make_shared<const TensorError>(a->error);
        HeatmapData firstMap = errorGridHeatmap(a->error, name, schemeA);
        if (b) {
            const QString schemeB = QString::fromStdString(analysis.second.report->scheme.toString());
            views.secondErrorValues = std::make_shared<const TensorError>(b->error);
            HeatmapData secondMap = errorGridHeatmap(b->error, name, schemeB);
            // Side by side, one color must mean one MSE in both maps.
            HeatmapData::shareColorScale(firstMap, secondMap);
            views.secondError = titled(std::move(secondMap), schemeB);
            views.difference = titled(errorDifferenceHeatmap(a->error, b->error, schemeA, schemeB, name),
                QObject::tr("%1 vs %2 (red: %1 has more error)").arg(schemeB, schemeA));
        }
        views.firstError = titled(std::move(firstMap), schemeA);
    }
    return views;
}

} // namespace bitcliff::app
