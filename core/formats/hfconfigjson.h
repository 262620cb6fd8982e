#pragma once
// The JSON files of Hugging Face checkpoints (config.json, the shard index): read whole with
// a size limit, parsed with errors that name the file, and the parts of a config that more
// than one reader needs.
#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>

namespace bitcliff {

// The whole file as text. Throws FormatError when it is larger than any config (64 MiB).
std::string readSmallJsonFile(const std::filesystem::path &path);
// Throws FormatError("<path>: not valid JSON: ...").
nlohmann::json readJsonFile(const std::filesystem::path &path);

// The object that holds the language model's fields: the root, or text_config of a
// multimodal config.
const nlohmann::json &hfConfigFields(const nlohmann::json &root);
// The rope_scaling / rope_parameters object of a config's fields, or nullptr. Newer
// transformers may key rope_parameters by attention type: its "full_attention" entry.
const nlohmann::json *hfRopeParameters(const nlohmann::json &fields);

} // namespace bitcliff
