#pragma once
// Per-channel statistics of every linear input of a model on calibration text: the absolute
// maximum (SmoothQuant's max|X_j|) and the mean absolute value (AWQ's activation salience),
// from full forward passes of the float32 model.
#include "calibrate/calibrationset.h"
#include "formats/model.h"
#include "infer/transformer.h"
#include "util/progress.h"

#include <array>
#include <memory>
#include <vector>

namespace bitcliff {

struct ChannelStats
{
    std::vector<float> absMax;
    std::vector<double> absSum;
    int64_t tokens = 0;
};

// [layer][LinearInput] of the model's decoder layers.
using LayerChannelStats = std::vector<std::array<ChannelStats, 4>>;

class ChannelStatsObserver : public ActivationObserver
{
public:
    explicit ChannelStatsObserver(int layers) : m_stats(size_t(layers)) {}
    void observe(int layer, LinearInput which, const float *x, int64_t tokens, int64_t channels) override;
    LayerChannelStats take() { return std::move(m_stats); }

private:
    LayerChannelStats m_stats;
};

// Runs every calibration sequence through `model` (float32, no quantization). Throws Error
// when the weights do not fit; Cancelled on cancel.
LayerChannelStats channelStats(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration,
                               int threads = 0, const ProgressCallback &progress = {});

} // namespace bitcliff
