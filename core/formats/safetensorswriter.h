#pragma once
// Writes safetensors files: used by the demo generator, the tests' fixtures and (later)
// the fake-quantized export. Header padded with spaces to a multiple of 8.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace bitcliff {

struct SafetensorsEntry
{
    std::string name;
    std::string dtype; // "F32", "BF16", ... written as-is (tests may write any string)
    std::vector<int64_t> shape;
    std::vector<std::byte> data;
};

std::vector<std::byte> serializeSafetensors(const std::vector<SafetensorsEntry> &entries,
                                            const std::vector<std::pair<std::string, std::string>> &metadata = {});
// Writes via a temporary file and rename, so a failed write leaves nothing behind.
void writeSafetensors(const std::filesystem::path &path, const std::vector<SafetensorsEntry> &entries,
                      const std::vector<std::pair<std::string, std::string>> &metadata = {});

} // namespace bitcliff
