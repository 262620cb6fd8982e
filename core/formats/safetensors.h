#pragma once
// safetensors reader (format: the huggingface/safetensors README).
//   u64 LE header length N | N bytes of UTF-8 JSON | data buffer
// JSON: {"name": {"dtype": "BF16", "shape": [..], "data_offsets": [begin, end]}, ...,
//        "__metadata__": {string: string}}; offsets are relative to the data buffer.
// Every count, offset and size is checked against the bytes that are there; violations
// throw FormatError("<label>: <problem>"). Supported dtypes: F32, F16, BF16, F8_E4M3; other
// valid dtypes are catalogued as DType::Unsupported with their name kept.
#include "formats/model.h"

#include <exception>
#include <span>
#include <string_view>

namespace bitcliff {

struct SafetensorsContents
{
    std::vector<TensorInfo> tensors; // offsets absolute in the file, fileIndex as given
    Model::Metadata metadata;        // "__metadata__"
};

SafetensorsContents parseSafetensors(std::span<const std::byte> file, const std::string &label, int fileIndex = 0);

// A single .safetensors file as a model (architecture unknown unless a config.json sits
// beside it).
std::shared_ptr<const Model> openSafetensorsFile(const std::filesystem::path &path);

// Helpers for messages about text read from files (one line, bounded length).
// Non-printable bytes become \xNN; longer text is cut with "...".
std::string printableExcerpt(std::string_view text, size_t maxLength = 80);
// The short reason of a JSON parser exception, without the library's prefix and echo.
std::string jsonErrorReason(const std::exception &error);

} // namespace bitcliff
