#include "formats/hfconfigjson.h"

#include "formats/safetensors.h"
#include "util/error.h"
#include "util/mappedfile.h"

#include <nlohmann/json.hpp>

namespace bitcliff {

namespace {
constexpr uint64_t kMaxJsonFileSize = 64ull << 20; // config and index files are kilobytes
} // namespace

std::string readSmallJsonFile(const std::filesystem::path &path)
{
    const std::shared_ptr<const MappedFile> file = MappedFile::open(path);
    if (file->size() > kMaxJsonFileSize)
        throw FormatError(file->label(), "is " + std::to_string(file->size()) + " bytes, too large for a JSON file");
    return std::string(reinterpret_cast<const char *>(file->bytes().data()), file->size());
}

nlohmann::json readJsonFile(const std::filesystem::path &path)
{
    const std::string text = readSmallJsonFile(path);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw FormatError(path.string(), "not valid JSON: " + jsonErrorReason(e));
    }
}

const nlohmann::json &hfConfigFields(const nlohmann::json &root)
{
    if (!root.is_object() || root.contains("hidden_size"))
        return root;
    const auto textConfig = root.find("text_config");
    return textConfig != root.end() && textConfig->is_object() ? *textConfig : root;
}

const nlohmann::json *hfRopeParameters(const nlohmann::json &fields)
{
    if (!fields.is_object())
        return nullptr;
    for (const char *key : {"rope_scaling", "rope_parameters"}) {
        const auto it = fields.find(key);
        if (it == fields.end() || !it->is_object())
            continue;
        if (it->contains("rope_type") || it->contains("type") || it->contains("factor") || it->contains("rope_theta"))
            return &*it;
        const auto full = it->find("full_attention");
        if (full != it->end() && full->is_object())
            return &*full;
    }
    return nullptr;
}

} // namespace bitcliff
