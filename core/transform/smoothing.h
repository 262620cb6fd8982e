#pragma once
// SmoothQuant (Xiao et al. 2023): activation outliers migrate into the weights. For the
// input X of a group of linears, per channel j: s_j = max|X_j|^α / max|W_j|^(1−α) (W: the
// group's weights, max over their rows); X_j is divided by s_j where it is made — in the
// RMSNorm's weight for q/k/v and gate/up, in up's rows for down, in v's rows (and bias) for
// o when v and o have the same heads (no GQA) — and W's column j multiplied by s_j, so the
// model computes the same function while its activations have smaller outliers.
#include "calibrate/calibrationset.h"
#include "formats/model.h"
#include "util/progress.h"

#include <memory>
#include <string>

namespace bitcliff {

struct SmoothedModel
{
    std::shared_ptr<const Model> model; // an overlay with the smoothed tensors
    std::string note;                   // "smoothed (α 0.5): 4 layers × 4 linear inputs from 64 × 256 tokens"
};

// Throws Error for α outside (0, 1) or a model the engine cannot run; Cancelled on cancel.
SmoothedModel smoothModel(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration, double alpha,
                          int threads = 0, const ProgressCallback &progress = {});

} // namespace bitcliff
