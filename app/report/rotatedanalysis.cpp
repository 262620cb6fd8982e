#include "report/rotatedanalysis.h"

#include "report/activationheatmap.h"
#include "report/bundledeval.h"
#include "tokenize/tokenizer.h"
#include "transform/rotation.h"
#include "util/error.h"

namespace bitcliff::app {

std::shared_ptr<const ActivationStats> captureBundledActivations(
    const std::shared_ptr<const Model> &model, const Model &tokenizerSource, const ProgressCallback &progress)
{
    const auto tokenizer = tokenizerForModel(tokenizerSource);
    return captureActivations(model, *tokenizer, bundledCorpus(), 256, 2048, 0, progress);
}

std::shared_ptr<const RotatedAnalysis> analyseRotated(const std::shared_ptr<const Model> &model,
    const std::shared_ptr<const RotatedAnalysis> &previous, const StatsOptions &options, bool withActivations,
    const ProgressCallback &progress)
{
    auto result = std::make_shared<RotatedAnalysis>();
    if (previous && previous->source == model)
        *result = *previous;
    result->source = model;
    const bool capture = withActivations && !result->activations;
    const double rotated = 0.2;
    const double analysed = capture ? 0.5 : 1.0;
    if (!result->model) {
        const RotatedModel rotation = rotateModel(model, kRotationSeed, 0, progressSlice(progress, 0.0, rotated));
        result->model = rotation.model;
        result->note = RotationComparisonText::shortNote(rotation.note);
        result->analysis.reset();
    }
    if (!result->analysis)
        result->analysis = analyseModel(result->model, options, progressSlice(progress, rotated, analysed));
    else if (result->analysis->stats->rule.k != options.rule.k)
        result->analysis = analyseStats(withOutlierRule(*result->analysis->stats, options.rule));
    if (capture) // the tokenizer files sit beside the source checkpoint
        result->activations = captureBundledActivations(result->model, *model, progressSlice(progress, analysed, 1.0));
    if (!reportProgress(progress, 1.0))
        throw Cancelled();
    return result;
}

ComparedMaps RotationComparisonText::compare(
    const std::shared_ptr<const HeatmapData> &original, const std::shared_ptr<const HeatmapData> &rotated)
{
    const auto untitled = [](const std::shared_ptr<const HeatmapData> &map) {
        auto copy = map ? std::make_shared<HeatmapData>(*map) : nullptr;
        if (copy)
            copy->title.clear();
        return copy;
    };
    const auto left = untitled(original);
    const auto right = untitled(rotated);
    if (!left || !right)
        return { left, right };
    HeatmapData::shareColorScale(*left, *right);
    // A threshold above every value (the outlier rule's k) stays on both bars.
    if (!std::isnan(left->marker) && left->scaleMax < left->marker * 1.25)
        left->scaleMax = right->scaleMax = left->marker * 1.25;
    return { left, right };
}

QString RotationComparisonText::weightTitle(TensorRole role)
{
    const std::string_view name = roleName(role);
    return tr("%1: per-input-channel absmax ÷ the layer's median channel")
        .arg(QString::fromUtf8(name.data(), qsizetype(name.size())));
}

QString RotationComparisonText::activationTitle(LinearInput input, bool meanAbs)
{
    return (meanAbs ? tr("%1: per-channel mean |activation|") : tr("%1: per-channel activation absmax"))
        .arg(ActivationHeatmaps::inputDescription(input));
}

QString RotationComparisonText::shortNote(const std::string &note)
{
    QString text = QString::fromStdString(note);
    const QLatin1String prefix("rotated: ");
    if (text.startsWith(prefix))
        text.remove(0, prefix.size());
    if (text.endsWith(QLatin1String(" s"))) // "0.4 s" stays on one line
        text[text.size() - 2] = QChar(0x00a0);
    return text;
}

} // namespace bitcliff::app
