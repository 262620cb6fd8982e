#pragma once
// Minimal GGUF v3 writer: metadata and tensors whose bytes are already encoded. Used by
// tests (fixtures, corrupt-file matrix) and later by the quantized export.
#include "formats/gguf.h"

namespace bitcliff {

struct GgufTensorEntry
{
    std::string name;
    std::vector<int64_t> shape; // PyTorch order; written reversed as ne
    uint32_t ggmlType = 0;
    std::vector<std::byte> data;
};

std::vector<std::byte> serializeGguf(const std::vector<std::pair<std::string, GgufValue>> &metadata,
                                     const std::vector<GgufTensorEntry> &tensors, uint64_t alignment = 32);
void writeGguf(const std::filesystem::path &path, const std::vector<std::pair<std::string, GgufValue>> &metadata,
               const std::vector<GgufTensorEntry> &tensors, uint64_t alignment = 32);

} // namespace bitcliff
