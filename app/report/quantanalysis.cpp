#include "report/quantanalysis.h"

#include "util/error.h"

#include <QDir>
#include <QFileInfo>

namespace bitcliff::app {

QString modelName(const Model &model)
{
    return QFileInfo(QDir::cleanPath(QString::fromStdString(model.sourcePath()))).fileName();
}

namespace {

QuantRun runScheme(const std::shared_ptr<const Model> &model, const QuantScheme &scheme, const QString &label,
    const std::vector<std::string> &onlyTensors, const ProgressCallback &progress)
{
    QuantizeOptions options;
    options.scheme = scheme;
    options.onlyTensors = onlyTensors;
    QuantRun run;
    run.label = label;
    run.report = quantizeModel(model, options, progress);
    run.overview = std::make_shared<const OverviewHeatmap>(sqnrOverviewHeatmap(*run.report, label));
    return run;
}

} // namespace

std::shared_ptr<const QuantAnalysis> analyseQuantization(const QuantRequest &request, const ProgressCallback &progress)
{
    if (!request.model)
        throw Error("no model to quantize");
    auto analysis = std::make_shared<QuantAnalysis>();
    const bool twoRuns = request.second || request.secondModel;
    const QuantScheme secondScheme = request.second.value_or(request.first);
    const auto secondModel = request.secondModel ? request.secondModel : request.model;
    // Each run says what it is about: the scheme, and the model when there are two.
    const auto label = [&](const QuantScheme &scheme, const Model &model) {
        const QString text = QString::fromStdString(scheme.toString());
        return request.secondModel ? QStringLiteral("%1 \u00b7 %2").arg(text, modelName(model)) : text;
    };
    // Refused before any work: a second model that lacks a tensor asked for, or fits no scheme.
    if (request.secondModel) {
        QuantizeOptions options;
        options.scheme = secondScheme;
        options.onlyTensors = request.onlyTensors;
        checkQuantizable(*request.secondModel, options);
    }
    const double share = twoRuns ? 0.5 : 1.0;
    analysis->first = runScheme(request.model, request.first, label(request.first, *request.model),
        request.onlyTensors, [&](double f) { return reportProgress(progress, f * share); });
    if (twoRuns) {
        analysis->second = runScheme(secondModel, secondScheme, label(secondScheme, *secondModel),
            request.onlyTensors, [&](double f) { return reportProgress(progress, 0.5 + f * 0.5); });
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
    const auto quantized = [](const TensorQuantResult *t) { return t && t->quantized ? t : nullptr; };
    const QuantReport *firstReport = analysis.first.report.get();
    const TensorQuantResult *a = firstReport && tensorIndex >= 0 && size_t(tensorIndex) < firstReport->tensors.size()
        ? quantized(&firstReport->tensors[size_t(tensorIndex)])
        : nullptr;
    // The same tensor of the second run: by name, since the second model may order them otherwise.
    const TensorQuantResult *b = a && analysis.second.report ? quantized(analysis.second.report->find(a->name)) : nullptr;
    // The page names the tensor once above the maps; each map's title is its scheme.
    const auto titled = [](HeatmapData data, const QString &title) {
        data.title = title;
        return std::make_shared<const HeatmapData>(std::move(data));
    };
    if (a) {
        const QString name = QString::fromStdString(a->name);
        views.tensorName = name;
        const QString schemeA = analysis.first.label;
        views.firstErrorValues = std::make_shared<const TensorError>(a->error);
        HeatmapData firstMap = errorGridHeatmap(a->error, name, schemeA);
        if (b) {
            const QString schemeB = analysis.second.label;
            views.secondErrorValues = std::make_shared<const TensorError>(b->error);
            HeatmapData secondMap = errorGridHeatmap(b->error, name, schemeB);
            // Side by side, one color must mean one MSE in both maps.
            HeatmapData::shareColorScale(firstMap, secondMap);
            views.secondError = titled(std::move(secondMap), schemeB);
            // (Empty, with its axis, when the second model's tensor has another shape.)
            views.difference = titled(errorDifferenceHeatmap(a->error, b->error, schemeA, schemeB, name),
                QObject::tr("%1 vs %2 (red: %1 has more error)").arg(schemeB, schemeA));
        }
        views.firstError = titled(std::move(firstMap), schemeA);
    }
    return views;
}

} // namespace bitcliff::app
