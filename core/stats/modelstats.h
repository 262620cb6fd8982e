#pragma once
#include "formats/model.h"
#include "stats/tensorstats.h"

#include <memory>
#include <vector>

namespace bitcliff {

// Layers x input channels of per-input-channel absmax for one role, across the model:
// persistent outlier channels show up as bright vertical lines.
struct OutlierMap
{
    TensorRole role = TensorRole::Other;
    int layers = 0;
    int64_t channels = 0;
    std::vector<float> values;     // layers * channels, row-major; NaN where a layer lacks it
    std::vector<int> layerIds;     // the layer number of each row
    // Tensors of this role whose type BitCliff cannot read (IQ2_XXS...): their layers are
    // rows of NaN, so the map says what is missing instead of dropping the layer.
    std::vector<size_t> unreadableTensors; // indices into the model's tensors
    float at(int layerRow, int64_t channel) const { return values[static_cast<size_t>(layerRow * channels + channel)]; }
};

struct ModelStats
{
    std::shared_ptr<const Model> model;
    OutlierRule rule;
    std::vector<TensorStats> tensors; // same order as model->tensors()
    const TensorStats *find(std::string_view name) const;
};

// The same statistics with outliers flagged by another rule (no pass over the weights).
std::shared_ptr<const ModelStats> withOutlierRule(const ModelStats &stats, const OutlierRule &rule);

// One outlier map per linear role present in the model (rows sorted by layer), also for a
// role whose matrices are all unreadable (then every row is NaN).
std::vector<OutlierMap> buildOutlierMaps(const ModelStats &stats);

} // namespace bitcliff
