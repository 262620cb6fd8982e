#include "formats/safetensorswriter.h"

#include "util/atomicwrite.h"

#include <cstring>
#include <nlohmann/json.hpp>

namespace bitcliff {

std::vector<std::byte> serializeSafetensors(const std::vector<SafetensorsEntry> &entries,
                                            const std::vector<std::pair<std::string, std::string>> &metadata)
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) {
        nlohmann::ordered_json meta = nlohmann::ordered_json::object();
        for (const auto &[key, value] : metadata)
            meta[key] = value;
        header["__metadata__"] = meta;
    }
    uint64_t offset = 0;
    for (const SafetensorsEntry &entry : entries) {
        header[entry.name] = {{"dtype", entry.dtype},
                              {"shape", entry.shape},
                              {"data_offsets", {offset, offset + entry.data.size()}}};
        offset += entry.data.size();
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');

    std::vector<std::byte> out(8 + text.size() + offset);
    const uint64_t headerLength = text.size();
    std::memcpy(out.data(), &headerLength, 8);
    std::memcpy(out.data() + 8, text.data(), text.size());
    std::byte *data = out.data() + 8 + text.size();
    for (const SafetensorsEntry &entry : entries) {
        if (!entry.data.empty())
            std::memcpy(data, entry.data.data(), entry.data.size());
        data += entry.data.size();
    }
    return out;
}

void writeSafetensors(const std::filesystem::path &path, const std::vector<SafetensorsEntry> &entries,
                      const std::vector<std::pair<std::string, std::string>> &metadata)
{
    const std::vector<std::byte> bytes = serializeSafetensors(entries, metadata);
    writeFileAtomically(path, bytes);
}

} // namespace bitcliff
