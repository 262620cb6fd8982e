#include "stats/modelstats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace bitcliff {

const TensorStats *ModelStats::find(std::string_view name) const
{
    for (const TensorStats &stats : tensors)
        if (stats.name == name)
            return &stats;
    return nullptr;
}

std::shared_ptr<const ModelStats> withOutlierRule(const ModelStats &stats, const OutlierRule &rule)
{
    auto copy = std::make_shared<ModelStats>(stats);
    copy->rule = rule;
    for (TensorStats &tensor : copy->tensors) {
        if (!tensor.computed)
            continue;
        flagOutliers(tensor.rows, rule);
        flagOutliers(tensor.cols, rule);
    }
    return copy;
}

std::vector<OutlierMap> buildOutlierMaps(const ModelStats &stats)
{
    std::vector<OutlierMap> maps;
    if (!stats.model)
        return maps;
    const auto &infos = stats.model->tensors();
    for (int r = 0; r <= static_cast<int>(TensorRole::FfnDown); ++r) {
        const auto role = static_cast<TensorRole>(r);
        // layer -> tensor index; the most common input width defines the map's columns.
        std::map<int, size_t> byLayer;
        std::map<int64_t, int> widthVotes;
        std::map<int64_t, int> unreadableWidths; // votes only when no matrix of the role is readable
        std::vector<size_t> unreadable;
        for (size_t i = 0; i < infos.size(); ++i) {
            if (infos[i].role != role || infos[i].layer < 0)
                continue;
            if (!infos[i].name.ends_with("weight"))
                continue; // biases share the role but are not the matrix
            if (!infos[i].supported()) {
                unreadable.push_back(i);
                ++unreadableWidths[infos[i].cols()];
                byLayer.try_emplace(infos[i].layer, i);
                continue;
            }
            if (!stats.tensors[i].computed)
                continue;
            byLayer[infos[i].layer] = i;
            ++widthVotes[infos[i].cols()];
        }
        if (widthVotes.empty())
            widthVotes = unreadableWidths;
        if (byLayer.empty())
            continue;
        OutlierMap map;
        map.role = role;
        map.channels = std::max_element(widthVotes.begin(), widthVotes.end(), [](auto &a, auto &b) {
                           return a.second < b.second;
                       })->first;
        map.unreadableTensors = std::move(unreadable);
        for (const auto &[layer, index] : byLayer) {
            const auto &absmax = stats.tensors[index].cols.absmax;
            map.layerIds.push_back(layer);
            if (stats.tensors[index].computed && static_cast<int64_t>(absmax.size()) == map.channels)
                map.values.insert(map.values.end(), absmax.begin(), absmax.end());
            else
                map.values.insert(map.values.end(), static_cast<size_t>(map.channels),
                                  std::numeric_limits<float>::quiet_NaN());
        }
        map.layers = static_cast<int>(map.layerIds.size());
        maps.push_back(std::move(map));
    }
    return maps;
}

} // namespace bitcliff
