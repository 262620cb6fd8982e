#pragma once
// Writes whole safetensors files from tensors held in memory: the demo generator and the
// tests' fixtures (the fake-quantized export streams through safetensorsstreamwriter.h).
// Header padded with spaces to a multiple of 8.
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
// Writes through util/atomicwrite.h: a failed or killed write leaves nothing behind.
void writeSafetensors(const std::filesystem::path &path, const std::vector<SafetensorsEntry> &entries,
                      const std::vector<std::pair<std::string, std::string>> &metadata = {});

} // namespace bitcliff
