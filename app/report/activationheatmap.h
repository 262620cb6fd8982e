#pragma once
// Layers x channels heatmaps of captured activations: the activation side of the outlier
// map (massive activations sit in a few channels, the same ones in every layer).
#include "eval/activationstats.h"
#include "heatmapdata.h"

#include <QCoreApplication>

#include <memory>

namespace bitcliff::app {

class ActivationHeatmaps
{
    Q_DECLARE_TR_FUNCTIONS(bitcliff::app::ActivationHeatmaps)

public:
    // Which linear input ("attn_in"...) and per-channel absmax or mean |x|. nullptr when the
    // capture holds nothing for that input.
    static std::shared_ptr<const HeatmapData> build(const ActivationStats &stats, LinearInput input, bool meanAbs);
    static QString inputDescription(LinearInput input);
};

} // namespace bitcliff::app
