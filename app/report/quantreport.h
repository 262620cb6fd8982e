#pragma once
// The quantization part of the headless report (`bitcliff-cli demo`): per scheme, the
// layers × roles SQNR map and, for the model's most outlier-laden tensor, the error of each
// input channel against its absmax (outlier channels marked), as PNG and SVG with the data
// behind them (CSV); every tensor's figures in quantization.json and one line per scheme in
// quantization-summary.csv. Renders widgets (GUI thread) but computes nothing.
#include "quant/modelquantizer.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace bitcliff::app {

struct ModelAnalysis;

// Writes into `directory` (which must exist); returns the files written. Throws Error when a
// file cannot be written.
QStringList writeQuantizationReport(const std::vector<std::shared_ptr<const QuantReport>> &reports,
                                    const ModelAnalysis &analysis, const QString &directory);

} // namespace bitcliff::app
