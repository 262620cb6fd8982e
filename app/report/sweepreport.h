#pragma once
// The sweep report on disk (`bitcliff-cli report`, the Cliff page's Export, `demo`): the cliff
// charts (one per metric, small multiples per tier and language, the per-language metric
// disagreement table) as PNG at a chosen DPI, SVG and PDF; with the model at hand also its
// outlier maps and, for the sweep's lowest-bit scheme and its 4-bit ones, the SQNR map and the
// per-channel error of the most outlier-laden tensor; results.csv/json; and report.html with
// all charts inline and the findings in numbers. Callable from any thread: the model analysis
// runs on the caller's, widgets are rendered on the GUI thread.
#include "analysis/resultcell.h"
#include "util/progress.h"

#include <QString>
#include <QStringList>

namespace bitcliff::app {

struct SweepReportOptions
{
    int dpi = 144;
    QString modelPath; // empty: the cells' /repro/model/path; unreadable: no model maps
    uint64_t seed = 0; // of the KLD bootstrap intervals
    bool modelMaps = true; // outlier and SQNR maps of the model (quantizes it again: slower)
    QString title; // empty: "Quantization sweep of <model>"
};

// Writes into `outDir` (created); returns the files written, report.html first. Throws Error
// when there is nothing to report or a file cannot be written; Cancelled from progress.
QStringList writeSweepReport(const ResultCells &cells, const QString &outDir, const SweepReportOptions &options = {},
    const ProgressCallback &progress = {});

} // namespace bitcliff::app
