#include "formats/safetensorsstreamwriter.h"

#include "util/error.h"

#include <nlohmann/json.hpp>

namespace bitcliff {

std::string safetensorsHeaderText(const std::vector<SafetensorsHeaderEntry> &entries,
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
    for (const SafetensorsHeaderEntry &entry : entries) {
        header[entry.name] = {{"dtype", entry.dtype}, {"shape", entry.shape}, {"data_offsets", {offset, offset + entry.byteSize}}};
        offset += entry.byteSize;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    return text;
}

SafetensorsStreamWriter::SafetensorsStreamWriter(std::filesystem::path path, std::vector<SafetensorsHeaderEntry> entries,
                                                 const std::vector<std::pair<std::string, std::string>> &metadata)
    : m_path(std::move(path))
    , m_file(m_path)
{
    for (const SafetensorsHeaderEntry &entry : entries)
        m_expected += entry.byteSize;
    const std::string text = safetensorsHeaderText(entries, metadata);
    const uint64_t length = text.size();
    m_file.write(&length, 8);
    m_file.write(text.data(), text.size());
}

void SafetensorsStreamWriter::write(std::span<const std::byte> bytes)
{
    if (m_written + bytes.size() > m_expected)
        throw Error(m_path.string() + ": more tensor data than the header announced");
    m_file.write(bytes.data(), bytes.size());
    m_written += bytes.size();
}

void SafetensorsStreamWriter::commit()
{
    if (m_written != m_expected)
        throw Error(m_path.string() + ": " + std::to_string(m_expected - m_written) + " bytes of tensor data missing");
    m_file.commit();
}

} // namespace bitcliff
