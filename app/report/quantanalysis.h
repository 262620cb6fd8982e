#pragma once
// What the Quantize page shows, computed off the GUI thread: one or two quantization
// reports (two schemes on the model, or a scheme on the model and on a second one, such as
// a checkpoint trained from it) and their overview heatmaps, ready to display.
#include "quant/modelquantizer.h"
#include "quantheatmaps.h"

#include <memory>

namespace bitcliff::app {

struct QuantRun
{
    QString label; // the scheme, and the model's folder name when two models are compared
    std::shared_ptr<const QuantReport> report;
    std::shared_ptr<const OverviewHeatmap> overview;
};

struct QuantAnalysis
{
    QuantRun first;
    QuantRun second; // empty unless comparing
};

// What to quantize: `first` on `model`; the second run (when `second` or `secondModel` is
// given) uses `second`, or `first` again, on `secondModel`, or on `model` again.
struct QuantRequest
{
    std::shared_ptr<const Model> model;
    QuantScheme first;
    std::optional<QuantScheme> second;
    std::shared_ptr<const Model> secondModel;
    std::vector<std::string> onlyTensors; // all weight matrices when empty
};

// A model's name in titles: its folder (or file) name.
QString modelName(const Model &model);

// Runs the request, progress split between the runs.
std::shared_ptr<const QuantAnalysis> analyseQuantization(const QuantRequest &request, const ProgressCallback &progress);

// The per-tensor views of one tensor in an analysis (error maps of each run, their
// difference), built with their pyramids so the GUI thread only paints. The second run's
// tensor is found by name; the difference needs both maps of one shape.
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
