#pragma once
// GGUF v3 writer: metadata and tensors whose bytes are already encoded. serializeGguf builds a
// whole file in memory (tests, fixtures); GgufStreamWriter (ggufstreamwriter.h) shares
// serializeGgufHeader and appends the data tensor by tensor.
#include "formats/gguf.h"

namespace bitcliff {

struct GgufTensorEntry
{
    std::string name;
    std::vector<int64_t> shape; // PyTorch order; written reversed as ne
    uint32_t ggmlType = 0;
    std::vector<std::byte> data;
};

// A tensor info without its bytes: what the header needs to place it.
struct GgufTensorLayout
{
    std::string name;
    std::vector<int64_t> shape; // PyTorch order; written reversed as ne
    uint32_t ggmlType = 0;
    uint64_t byteSize = 0;
};

using GgufMetadata = std::vector<std::pair<std::string, GgufValue>>;

// Everything before the data section: header, metadata, tensor infos with offsets laid out
// in order (each tensor padded to `alignment`), and the padding up to the data section.
// A general.alignment already in `metadata` is written as given (tests use that to write
// inconsistent files); otherwise it is added when `alignment` differs from the default 32.
std::vector<std::byte> serializeGgufHeader(const GgufMetadata &metadata, const std::vector<GgufTensorLayout> &tensors,
                                           uint64_t alignment = 32);

std::vector<std::byte> serializeGguf(const GgufMetadata &metadata, const std::vector<GgufTensorEntry> &tensors,
                                     uint64_t alignment = 32);
void writeGguf(const std::filesystem::path &path, const GgufMetadata &metadata,
               const std::vector<GgufTensorEntry> &tensors, uint64_t alignment = 32);

// Zero bytes that follow `size` bytes to reach the next multiple of `alignment`.
inline uint64_t ggufPadding(uint64_t size, uint64_t alignment) { return (alignment - size % alignment) % alignment; }

// Value constructors for building metadata.
GgufValue ggufU32(uint64_t value);
GgufValue ggufI32(int64_t value);
GgufValue ggufF32(double value);
GgufValue ggufBool(bool value);
GgufValue ggufString(std::string value);
GgufValue ggufArray(uint32_t elementType, GgufArray items);

} // namespace bitcliff
