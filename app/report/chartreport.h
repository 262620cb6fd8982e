#pragma once
// The outlier report: the charts of a model analysis as PNG and SVG files, with the data
// behind each chart (CSV) and the full statistics (JSON). Used by File ▸ Export Charts and
// by the headless `bitcliff-cli demo`. Renders widgets, so it runs on the GUI thread, but
// computes nothing: the analysis is already done.
#include <QString>
#include <QStringList>

namespace bitcliff::app {

struct ModelAnalysis;

// Writes into `directory` (created if needed); returns the files written. Throws Error when
// a file cannot be written.
QStringList writeOutlierReport(const ModelAnalysis &analysis, const QString &directory);

} // namespace bitcliff::app
