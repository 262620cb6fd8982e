#pragma once
// Chart and table snapshots of an evaluation report for the Evaluate page and exported
// reports: one metric across categories (languages or difficulties), one series per run.
#include "barchartdata.h"
#include "eval/evaluation.h"

#include <QCoreApplication>
#include <QStringList>

#include <map>
#include <string>

namespace bitcliff::app {

enum class EvalMetric {
    PerplexityByText,
    KldByText,
    SameTopByText,
    AccuracyByDifficulty,
    AccuracyByLanguage,
    AccuracyByTask,
    TokensPerCharacter,
};

class EvalCharts
{
    Q_DECLARE_TR_FUNCTIONS(bitcliff::app::EvalCharts)

public:
    static QList<EvalMetric> metrics();
    static QString metricName(EvalMetric metric);
    // Whether the report has data for this metric (KLD needs a scheme, accuracy needs tasks).
    static bool available(const EvalReport &report, EvalMetric metric);
    static BarChartData chart(const EvalReport &report, EvalMetric metric);
    // A run's bits per weight (of its quantized tensors; the unquantized run's as stored) and
    // its legend name: "q4_k · 5.28 bpw".
    static double bitsPerWeight(const EvalReport &report, const EvalRun &run);
    static QString legendName(const EvalReport &report, const EvalRun &run);
    // Group labels in reading order: difficulties easy, medium, hard, then the others
    // alphabetically.
    static QStringList orderedLabels(const std::map<std::string, Accuracy> &group);
};

// A plain table: header and rows of display strings (for the results table and CSV export).
struct EvalTable
{
    QStringList header;
    QList<QStringList> rows;
};

class EvalTables
{
    Q_DECLARE_TR_FUNCTIONS(bitcliff::app::EvalTables)

public:
    // Per run and text: tokens, tokens/char, tokens/word, PPL ± err, KLD, same top, RMS Δp.
    static EvalTable texts(const EvalReport &report);
    // Per run: overall acc/acc_norm and acc per difficulty and per language.
    static EvalTable accuracy(const EvalReport &report);
    // Per run: what its scheme did — bits per weight, tensors as asked / fallen back / kept.
    static EvalTable runs(const EvalReport &report);
    static QString toCsv(const EvalTable &table);
};

} // namespace bitcliff::app
