#pragma once
// What the Quantize page shows, computed off the GUI thread: one or two quantization
// reports of the same model and their overview heatmaps, ready to display.
#include "quant/modelquantizer.h"
#include "quantheatmaps.h"

#include <memory>

namespace bitcliff::app {

struct QuantRun
{
    std::shared_ptr<const QuantReport> report;
    std::shared_ptr<const OverviewHeatmap> overview;
};

struct QuantAnalysis
{
    QuantRun first;
    QuantRun second; // empty unless comparing two schemes
};

// Quantizes with `first` (and `second` when given), progress split between the two; only
// `onlyTensors` when not empty.
std::shared_ptr<const QuantAnalysis> analyseQuantization(std::shared_ptr<const Model> model, const QuantScheme &first,
                                                         const std::optional<QuantScheme> &second,
                                                         const std::vector<std::string> &onlyTensors,
                                                         const ProgressCallback &progress);

// The per-tensor views of one tensor in an analysis (error maps of each scheme, their
// difference), built with their pyramids so the GUI thread only paints.
struct TensorQuantViews
{
    int tensorIndex = -1;
    QString tensorName;
    std::shared_ptr<const HeatmapData> firstError;
    std::shared_ptr<const HeatmapData> secondError;
    std::shared_ptr<const HeatmapData> difference;
    std::shared_ptr<const TensorError> firstErrorValues;
    std::shared_ptr<const TensorError> secondErrorValues;
};

TensorQuantViews buildTensorQuantViews(const QuantAnalysis &analysis, int tensorIndex);

} // namespace bitcliff::app
