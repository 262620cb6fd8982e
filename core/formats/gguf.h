#pragma once
// GGUF v2/v3 reader (format: ggml docs/gguf.md).
//   "GGUF" | u32 version | u64 tensor_count | u64 kv_count
//   kv_count × (gguf_string key, u32 type, value)        strings: u64 length + bytes
//   tensor_count × (name, u32 n_dims ≤ 4, u64 ne[n_dims], u32 ggml_type, u64 offset)
//   zero padding to general.alignment (default 32) | data section
// Every count, length and offset is checked against the bytes left; violations throw
// FormatError("<label>: <problem>"). Arrays may nest 3 levels; keys and tensor names are at
// most 64 KiB. Unknown ggml types are catalogued as Unsupported (byteSize 0 when even their
// block size is unknown). The ggml type table is in ggmltypes.h.
#include "formats/model.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bitcliff {

// GGUF metadata value type codes (GgufValue::type).
namespace GgufType {
enum Code : uint32_t { U8, I8, U16, I16, U32, I32, F32, Bool, String, Array, U64, I64, F64 };
}

struct GgufValue;
using GgufArray = std::vector<GgufValue>;
// Unsigned types are held as uint64_t, signed as int64_t, f32/f64 as double.
struct GgufValue
{
    uint32_t type = 0; // GGUF value type code (0 u8 ... 12 f64, 9 array)
    std::variant<uint64_t, int64_t, double, bool, std::string, GgufArray> value;
    std::string toDisplayString(size_t maxItems = 8) const; // arrays summarized
    uint32_t arrayType = 0; // element type of an array (kept so empty arrays round-trip)
};

struct GgufContents
{
    uint32_t version = 0;
    uint64_t alignment = 32;
    uint64_t dataOffset = 0;
    std::vector<std::pair<std::string, GgufValue>> metadata; // file order
    std::vector<TensorInfo> tensors; // shape in PyTorch order, offsets absolute
    const GgufValue *find(std::string_view key) const;
};

GgufContents parseGguf(std::span<const std::byte> file, const std::string &label);
// Architecture summary from general.architecture and the [arch].* keys.
ArchitectureSummary ggufArchitecture(const GgufContents &contents);
std::shared_ptr<const Model> openGgufFile(const std::filesystem::path &path);
std::shared_ptr<const Model> modelFromGguf(std::shared_ptr<const MappedFile> file);

} // namespace bitcliff
