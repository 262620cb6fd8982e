#pragma once
// Writes a safetensors file tensor by tensor, so an export never holds a whole model in
// memory. The header (all names, dtypes, shapes and sizes) is known up front; data is then
// appended in the same order. Everything goes to a temporary file (util/atomicwrite.h) that
// commit() puts in place: a failed, abandoned or killed write leaves nothing behind.
#include "util/atomicwrite.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace bitcliff {

struct SafetensorsHeaderEntry
{
    std::string name;
    std::string dtype;
    std::vector<int64_t> shape;
    uint64_t byteSize = 0;
};

// The header text (JSON padded with spaces to a multiple of 8) for tensors laid out in order.
std::string safetensorsHeaderText(const std::vector<SafetensorsHeaderEntry> &entries,
                                  const std::vector<std::pair<std::string, std::string>> &metadata);

class SafetensorsStreamWriter
{
public:
    SafetensorsStreamWriter(std::filesystem::path path, std::vector<SafetensorsHeaderEntry> entries,
                            const std::vector<std::pair<std::string, std::string>> &metadata = {});
    // Destroying an uncommitted writer removes the temporary file.
    SafetensorsStreamWriter(const SafetensorsStreamWriter &) = delete;
    SafetensorsStreamWriter &operator=(const SafetensorsStreamWriter &) = delete;

    // Appends bytes of the current tensor; a tensor may arrive in several pieces.
    void write(std::span<const std::byte> bytes);
    // Checks every tensor got exactly its bytes, flushes and renames into place.
    void commit();

private:
    std::filesystem::path m_path;
    AtomicFileStream m_file;
    uint64_t m_expected = 0;
    uint64_t m_written = 0;
};

} // namespace bitcliff
