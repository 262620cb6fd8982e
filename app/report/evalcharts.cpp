#include "report/evalcharts.h"

#include <QLocale>

#include <cmath>
#include <map>

namespace bitcliff::app {
namespace {

QString textCategory(const TextEvaluation &text)
{
    return QString::fromStdString(text.language.empty() ? text.name : text.language);
}

QStringList textCategories(const EvalReport &report)
{
    QStringList categories;
    if (!report.runs.empty())
        for (const TextEvaluation &text : report.runs.front().texts)
            categories << textCategory(text);
    return categories;
}

const std::map<std::string, Accuracy> *accuracyGroup(const EvalRun &run, EvalMetric metric)
{
    switch (metric) {
    case EvalMetric::AccuracyByDifficulty:
        return &run.accuracy.byDifficulty;
    case EvalMetric::AccuracyByLanguage:
        return &run.accuracy.byLanguage;
    case EvalMetric::AccuracyByTask:
        return &run.accuracy.byTask;
    default:
        return nullptr;
    }
}

BarChartData textChart(const EvalReport &report, EvalMetric metric)
{
    BarChartData data;
    data.categories = textCategories(report);
    data.categoryTitle = EvalCharts::tr("Text (language)");
    for (const EvalRun &run : report.runs) {
        if (metric != EvalMetric::PerplexityByText && !run.comparison)
            continue;
        BarSeriesData series { EvalCharts::legendName(report, run), {}, {} };
        for (const TextEvaluation &text : run.texts) {
            if (metric == EvalMetric::PerplexityByText) {
                series.values << text.perplexity.ppl;
                series.errors << text.perplexity.pplError;
            } else if (metric == EvalMetric::KldByText) {
                series.values << text.comparison->kld.mean;
                series.errors << text.comparison->kld.error;
            } else {
                series.values << 100 * text.comparison->sameTop.mean;
                series.errors << 100 * text.comparison->sameTop.error;
            }
        }
        data.series << series;
    }
    return data;
}

} // namespace

QStringList EvalCharts::orderedLabels(const std::map<std::string, Accuracy> &group)
{
    static const QStringList tiers = { "easy", "medium", "hard" };
    QStringList labels;
    for (const QString &tier : tiers)
        if (group.count(tier.toStdString()))
            labels << tier;
    for (const auto &[label, accuracy] : group)
        if (!tiers.contains(QString::fromStdString(label)))
            labels << QString::fromStdString(label);
    return labels;
}

QList<EvalMetric> EvalCharts::metrics()
{
    return { EvalMetric::PerplexityByText, EvalMetric::KldByText, EvalMetric::SameTopByText,
        EvalMetric::AccuracyByDifficulty, EvalMetric::AccuracyByLanguage, EvalMetric::AccuracyByTask,
        EvalMetric::TokensPerCharacter };
}

QString EvalCharts::metricName(EvalMetric metric)
{
    switch (metric) {
    case EvalMetric::PerplexityByText:
        return tr("Perplexity per language");
    case EvalMetric::KldByText:
        return tr("KL divergence per language");
    case EvalMetric::SameTopByText:
        return tr("Same top token per language");
    case EvalMetric::AccuracyByDifficulty:
        return tr("Accuracy per difficulty");
    case EvalMetric::AccuracyByLanguage:
        return tr("Accuracy per language");
    case EvalMetric::AccuracyByTask:
        return tr("Accuracy per task file");
    case EvalMetric::TokensPerCharacter:
        return tr("Tokens per character (fertility)");
    }
    return {};
}

double EvalCharts::bitsPerWeight(const EvalReport &report, const EvalRun &run)
{
    return run.plan ? run.plan->bitsPerWeight : report.storedBitsPerWeight;
}

QString EvalCharts::legendName(const EvalReport &report, const EvalRun &run)
{
    return tr("%1 · %2 bpw")
        .arg(QString::fromStdString(run.label), QLocale().toString(bitsPerWeight(report, run), 'f', 2));
}

bool EvalCharts::available(const EvalReport &report, EvalMetric metric)
{
    if (report.runs.empty())
        return false;
    const EvalRun &first = report.runs.front();
    switch (metric) {
    case EvalMetric::PerplexityByText:
    case EvalMetric::TokensPerCharacter:
        return !first.texts.empty();
    case EvalMetric::KldByText:
    case EvalMetric::SameTopByText:
        return !first.texts.empty() && report.runs.size() > 1;
    default:
        return !first.outcomes.empty() && !accuracyGroup(first, metric)->empty();
    }
}

BarChartData EvalCharts::chart(const EvalReport &report, EvalMetric metric)
{
    BarChartData data;
    if (!available(report, metric))
        return data;
    switch (metric) {
    case EvalMetric::PerplexityByText:
        data = textChart(report, metric);
        data.valueTitle = tr("Perplexity (log scale, lower is better)");
        data.logScale = true;
        break;
    case EvalMetric::KldByText:
        data = textChart(report, metric);
        data.valueTitle = tr("Mean KLD to unquantized (nats)");
        break;
    case EvalMetric::SameTopByText:
        data = textChart(report, metric);
        data.valueTitle = tr("Same top token as unquantized (%, 0–100)");
        data.valueMax = 100.0;
        break;
    case EvalMetric::TokensPerCharacter: {
        data.categories = textCategories(report);
        data.categoryTitle = tr("Text (language)");
        data.valueTitle = tr("Tokens per character");
        BarSeriesData series { tr("tokenizer"), {}, {} };
        for (const TextEvaluation &text : report.runs.front().texts)
            series.values << text.fertility.tokensPerCharacter();
        data.series << series;
        break;
    }
    default: {
        const QStringList labels = EvalCharts::orderedLabels(*accuracyGroup(report.runs.front(), metric));
        data.categories = labels;
        data.categoryTitle = metric == EvalMetric::AccuracyByDifficulty ? tr("Difficulty")
            : metric == EvalMetric::AccuracyByLanguage                  ? tr("Language")
                                                                        : tr("Task file");
        data.valueTitle = tr("Accuracy (%, 0–100)");
        data.valueMax = 100.0; // percentages: the whole scale, so runs and charts compare
        for (const EvalRun &run : report.runs) {
            BarSeriesData series { EvalCharts::legendName(report, run), {}, {} };
            const auto &group = *accuracyGroup(run, metric);
            for (const QString &label : labels) {
                const auto it = group.find(label.toStdString());
                series.values << (it == group.end() ? qQNaN() : 100 * it->second.acc);
                series.errors << (it == group.end() ? 0.0 : 100 * it->second.accError);
            }
            data.series << series;
        }
    }
    }
    data.title = metricName(metric);
    return data;
}

} // namespace bitcliff::app
