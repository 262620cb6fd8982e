#pragma once
// Views that show one tensor take shared_ptr<const TensorInfo> / <const TensorStats>: these
// alias into the catalog or statistics snapshot, keeping the whole snapshot alive without a
// copy, and let a view show a tensor that belongs to no snapshot (e.g. a quantized copy).
#include "formats/model.h"
#include "stats/modelstats.h"

#include <memory>

namespace bitcliff {

inline std::shared_ptr<const TensorInfo> tensorInfoSnapshot(const std::shared_ptr<const Model> &model,
                                                            int index)
{
    if (!model || index < 0 || static_cast<size_t>(index) >= model->tensors().size())
        return {};
    return {model, &model->tensors()[static_cast<size_t>(index)]};
}

inline std::shared_ptr<const TensorStats> tensorStatsSnapshot(const std::shared_ptr<const ModelStats> &stats,
                                                              int index)
{
    if (!stats || index < 0 || static_cast<size_t>(index) >= stats->tensors.size())
        return {};
    return {stats, &stats->tensors[static_cast<size_t>(index)]};
}

} // namespace bitcliff
