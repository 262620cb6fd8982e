#pragma once
// Per-channel statistics of every linear input of a model on calibration text (the absolute
// maximum SmoothQuant migrates, the mean |x| AWQ weighs by), from full forward passes of the
// float32 model: the Model page's activation statistics, on calibration windows.
#include "calibrate/calibrationset.h"
#include "eval/activationstats.h"
#include "formats/model.h"
#include "util/progress.h"

#include <memory>

namespace bitcliff {

// Runs every calibration sequence through `model` (float32, no quantization). Throws Error
// when the weights do not fit; Cancelled on cancel.
ActivationStats channelStats(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration,
                             int threads = 0, const ProgressCallback &progress = {});

} // namespace bitcliff
