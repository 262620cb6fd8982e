#include "formats/safetensorswriter.h"

#include "formats/safetensorsstreamwriter.h"
#include "util/atomicwrite.h"

#include <cstring>

namespace bitcliff {

std::vector<std::byte> serializeSafetensors(const std::vector<SafetensorsEntry> &entries,
                                            const std::vector<std::pair<std::string, std::string>> &metadata)
{
    std::vector<SafetensorsHeaderEntry> header;
    uint64_t dataBytes = 0;
    for (const SafetensorsEntry &entry : entries) {
        header.push_back({entry.name, entry.dtype, entry.shape, entry.data.size()});
        dataBytes += entry.data.size();
    }
    const std::string text = safetensorsHeaderText(header, metadata);
    std::vector<std::byte> out(8 + text.size() + dataBytes);
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
