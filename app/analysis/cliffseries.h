#pragma once
// A sweep's cells as the snapshots the cliff views draw: one metric against bits per weight,
// one line per method, the unquantized value as the baseline, a 95 % interval per point; or
// small multiples with a panel per difficulty tier, language or task file; the per-language
// metric disagreement table; the rows of the results table. Runs anywhere (no widgets), so the
// Cliff page builds snapshots off the GUI thread and the report renders them headless.
#include "analysis/resultcell.h"
#include "cliffdata.h"
#include "metricdisagreementview.h"
#include "sweepresultsmodel.h"

#include <QStringList>

namespace bitcliff::app {

// AnswerLoss: the teacher-forced loss on the answers' characters (nats/char), smooth where
// accuracy jumps.
enum class CliffChartMetric { LnPplRatio, Perplexity, Kld, SameTop, Accuracy, AnswerLoss };
enum class CliffXAxis { StoredBits, NominalBits };
enum class CliffSlice { Overall, Difficulty, Language, TaskFile, LanguageDifficulty }; // the last: "hi/hard"

struct CliffChartRequest
{
    CliffChartMetric metric = CliffChartMetric::Kld;
    CliffXAxis x = CliffXAxis::StoredBits;
    CliffSlice slice = CliffSlice::Overall; // Overall: one panel; else a panel per label
    uint64_t seed = 0; // of the KLD bootstrap
};

// Whether any ok cell has the metric (text metrics need a text, accuracy a task file).
bool hasMetric(const ResultCells &cells, CliffChartMetric metric);
// The panels a slice gives for a metric: tiers easy..hard, languages (Latin script first),
// task files; empty when the metric has no such breakdown (text metrics by difficulty).
QStringList sliceLabels(const ResultCells &cells, CliffChartMetric metric, CliffSlice slice);

CliffChartData cliffChartData(const ResultCells &cells, const CliffChartRequest &request);
MetricDisagreementData metricDisagreementData(const ResultCells &cells);
QVector<SweepResultRow> sweepResultRows(const ResultCells &cells);

// "GGUF K-quants", "RTN g128 sym", "NF4 g64"...: the legend's name of a series key.
QString methodDisplayName(const QString &method);
QString metricTitle(CliffChartMetric metric); // with unit, for the y axis

} // namespace bitcliff::app
