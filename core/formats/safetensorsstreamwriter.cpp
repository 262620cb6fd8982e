#include "formats/safetensorsstreamwriter.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unistd.h>

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
{
    for (const SafetensorsHeaderEntry &entry : entries)
        m_expected += entry.byteSize;
    const std::string text = safetensorsHeaderText(entries, metadata);

    m_temporary = m_path;
    m_temporary += ".tmp-" + std::to_string(::getpid());
    m_out.open(m_temporary, std::ios::binary | std::ios::trunc);
    if (!m_out)
        throw Error(m_path.string() + ": cannot write: " + std::strerror(errno));
    const uint64_t length = text.size();
    m_out.write(reinterpret_cast<const char *>(&length), 8);
    m_out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

SafetensorsStreamWriter::~SafetensorsStreamWriter()
{
    if (m_committed)
        return;
    m_out.close();
    std::error_code ignored;
    std::filesystem::remove(m_temporary, ignored);
}

void SafetensorsStreamWriter::write(std::span<const std::byte> bytes)
{
    if (m_written + bytes.size() > m_expected)
        throw Error(m_path.string() + ": more tensor data than the header announced");
    m_out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!m_out)
        throw Error(m_path.string() + ": write failed: " + std::strerror(errno));
    m_written += bytes.size();
}

void SafetensorsStreamWriter::commit()
{
    if (m_written != m_expected)
        throw Error(m_path.string() + ": " + std::to_string(m_expected - m_written) + " bytes of tensor data missing");
    m_out.flush();
    m_out.close();
    if (!m_out)
        throw Error(m_path.string() + ": write failed: " + std::strerror(errno));
    std::error_code ec;
    std::filesystem::rename(m_temporary, m_path, ec);
    if (ec)
        throw Error(m_path.string() + ": cannot rename into place: " + ec.message());
    m_committed = true;
}

} // namespace bitcliff
