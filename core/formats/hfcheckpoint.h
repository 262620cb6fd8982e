#pragma once
// Hugging Face checkpoint directories: config.json + model.safetensors, or sharded
// model-0000X-of-0000N.safetensors with model.safetensors.index.json ("weight_map").
#include "formats/model.h"

#include <string_view>

namespace bitcliff {

// Reads config.json text into an architecture summary (missing fields stay 0/empty).
ArchitectureSummary parseHfConfig(std::string_view json, const std::string &label);
// Reads and parses a config.json file; errors name the file.
ArchitectureSummary readHfConfigFile(const std::filesystem::path &path);

// Throws FormatError naming the directory when it holds no weights. optimizer.safetensors (the
// optimizer state a BitCliff training checkpoint keeps beside its weights) is not read.
std::shared_ptr<const Model> openHfDirectory(const std::filesystem::path &directory);

} // namespace bitcliff
