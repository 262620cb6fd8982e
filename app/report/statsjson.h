#pragma once
// JSON documents of the catalog and statistics, shared by `bitcliff-cli --json` and the
// data files written next to exported charts.
#include "stats/modelstats.h"

#include <nlohmann/json.hpp>

namespace bitcliff::app {

nlohmann::ordered_json architectureJson(const ArchitectureSummary &architecture);
// {format, path, architecture, parameters, tensors: [{name, shape, dtype, layer, role,
//  parameters, absmax, mean, std, kurtosis, outlier_channels, outlier_rows}]}
nlohmann::ordered_json inspectJson(const ModelStats &stats);
// Per-channel statistics of one tensor along one axis ("rows" or "cols").
nlohmann::ordered_json channelsJson(const TensorInfo &tensor, const TensorStats &stats, bool rows);

} // namespace bitcliff::app
