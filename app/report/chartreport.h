#pragma once
// The outlier report: the charts of a model analysis as PNG and SVG files, with the data
// behind each chart (CSV) and the full statistics (JSON). Used by File ▸ Export Charts and
// by the headless `bitcliff-cli demo`. Renders widgets, so it runs on the GUI thread, but
// computes nothing: the analysis is already done.
#include "channelchartview.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace bitcliff::app {

struct ModelAnalysis;

// Which tensor's charts to write, drawn how: File ▸ Export Charts passes what the Tensor
// page shows; the defaults are the strongest-outlier tensor's input channels.
struct TensorChartChoice
{
    int tensorIndex = -1; // -1: ModelAnalysis::mostOutlierTensor
    ChannelChartView::Axis axis = ChannelChartView::Axis::InputChannels;
    std::optional<ChannelChartView::Order> order;
    std::optional<bool> channelLogScale;
};

// Writes into `directory` (created if needed); returns the files written. Throws Error when
// a file cannot be written.
QStringList writeOutlierReport(
    const ModelAnalysis &analysis, const QString &directory, const TensorChartChoice &choice = {});

} // namespace bitcliff::app
