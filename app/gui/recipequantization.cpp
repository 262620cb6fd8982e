#include "gui/recipequantization.h"

#include "analysis/calibrationinput.h"
#include "calibrate/preparedreport.h"
#include "calibrate/preparedweights.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <map>

namespace bitcliff::app {

namespace {

// One calibration set per model whose tokenizer cuts the text, built when first needed.
class Calibrations
{
public:
    explicit Calibrations(const RecipeQuantRequest &request)
        : m_request(request)
    { }

    const CalibrationSet *of(const Model &model)
    {
        auto &set = m_sets[&model];
        if (!set)
            set = calibrationFromReference(m_request.calibration, m_request.calibrationSequences,
                m_request.calibrationLength, *tokenizerForModel(model));
        return set.get();
    }

private:
    const RecipeQuantRequest &m_request;
    std::map<const Model *, std::shared_ptr<const CalibrationSet>> m_sets;
};

// The heavy part of a run, for splitting the progress: a calibrated method runs the model
// layer by layer and solves per matrix, rounding only rounds.
double workOf(const QuantRecipe &recipe)
{
    return recipe.isPlainScheme() ? 1.0 : 5.0;
}

QuantRun runRecipe(const std::shared_ptr<const Model> &model, const QuantRecipe &recipe, const QString &label,
    const RecipeQuantRequest &request, Calibrations &calibrations, std::string &note, const ProgressCallback &progress)
{
    QuantRun run;
    run.label = label;
    if (recipe.isPlainScheme()) {
        QuantizeOptions options;
        options.scheme = recipe.scheme;
        options.onlyTensors = request.onlyTensors;
        options.threads = request.threads;
        run.report = quantizeModel(model, options, progress);
    } else {
        PrepareOptions options;
        options.calibration = recipe.needsCalibration() ? calibrations.of(*model) : nullptr;
        options.threads = request.threads;
        // Preparing is most of the work; measuring compares each matrix with the original.
        const PreparedWeights prepared
            = prepareWeights(model, recipe, options, [&](double f) { return reportProgress(progress, 0.85 * f); });
        run.report = quantReportOf(
            model, prepared, request.threads, [&](double f) { return reportProgress(progress, 0.85 + 0.15 * f); });
        note = prepared.calibrationNote;
    }
    run.overview = std::make_shared<const OverviewHeatmap>(sqnrOverviewHeatmap(*run.report, label));
    return run;
}

// Refused before any work, with what the user can change.
void checkRequest(const RecipeQuantRequest &request)
{
    if (!request.model)
        throw Error("no model to quantize");
    for (const QuantRecipe *recipe : { &request.first, request.second ? &*request.second : nullptr }) {
        if (!recipe || recipe->isPlainScheme())
            continue;
        if (!request.onlyTensors.empty())
            throw Error(recipe->toString()
                + " quantizes the layers in turn, each on the outputs of those before "
                  "it: it quantizes the whole model");
        if (recipe->needsCalibration() && request.calibration.empty())
            throw Error(recipe->toString() + " needs calibration text");
    }
    const QuantRecipe &secondRecipe = request.second.value_or(request.first);
    if (request.secondModel && secondRecipe.isPlainScheme()) {
        QuantizeOptions options;
        options.scheme = secondRecipe.scheme;
        options.onlyTensors = request.onlyTensors;
        checkQuantizable(*request.secondModel, options);
    }
}

} // namespace

RecipeAnalysis analyseRecipes(const RecipeQuantRequest &request, const ProgressCallback &progress)
{
    checkRequest(request);
    RecipeAnalysis result;
    const QuantRecipe &secondRecipe = request.second.value_or(request.first);
    if (request.first.isPlainScheme() && secondRecipe.isPlainScheme()) {
        QuantRequest plain { request.model, request.first.scheme, std::nullopt, request.secondModel,
            request.onlyTensors };
        if (request.second)
            plain.second = request.second->scheme;
        result.analysis = analyseQuantization(plain, progress);
        return result;
    }

    auto analysis = std::make_shared<QuantAnalysis>();
    const bool twoRuns = request.second || request.secondModel;
    const auto secondModel = request.secondModel ? request.secondModel : request.model;
    // Each run says what it is about: the recipe, and the model when there are two.
    const auto label = [&](const QuantRecipe &recipe, const Model &model) {
        const QString text = QString::fromStdString(recipe.toString());
        return request.secondModel ? QStringLiteral("%1 \u00b7 %2").arg(text, modelName(model)) : text;
    };
    const double firstWork = workOf(request.first);
    const double total = firstWork + (twoRuns ? workOf(secondRecipe) : 0.0);
    const double firstShare = firstWork / total;
    Calibrations calibrations(request);
    analysis->first = runRecipe(request.model, request.first, label(request.first, *request.model), request,
        calibrations, result.firstNote, [&](double f) { return reportProgress(progress, f * firstShare); });
    if (twoRuns) {
        analysis->second = runRecipe(secondModel, secondRecipe, label(secondRecipe, *secondModel), request,
            calibrations, result.secondNote,
            [&](double f) { return reportProgress(progress, firstShare + f * (1.0 - firstShare)); });
        // Side by side, one color must mean one SQNR in both maps.
        OverviewHeatmap a = *analysis->first.overview;
        OverviewHeatmap b = *analysis->second.overview;
        HeatmapData::shareColorScale(a.data, b.data);
        analysis->first.overview = std::make_shared<const OverviewHeatmap>(std::move(a));
        analysis->second.overview = std::make_shared<const OverviewHeatmap>(std::move(b));
    }
    result.analysis = std::move(analysis);
    return result;
}

} // namespace bitcliff::app
