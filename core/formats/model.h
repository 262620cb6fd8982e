#pragma once
// The model catalog: every tensor of a checkpoint with its shape, type and place, and lazy
// access to its bytes in the memory-mapped files. Immutable once built; share it as
// shared_ptr<const Model> between threads.
#include "formats/architecture.h"
#include "formats/packedweight.h"
#include "formats/tensorinfo.h"
#include "util/mappedfile.h"

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace bitcliff {

enum class ModelFormat : uint8_t { Safetensors, Gguf };
std::string_view formatName(ModelFormat format); // "safetensors", "gguf"

class Model
{
public:
    using Metadata = std::vector<std::pair<std::string, std::string>>;

    Model(ModelFormat format, std::string sourcePath, ArchitectureSummary architecture,
          std::vector<TensorInfo> tensors, std::vector<std::shared_ptr<const MappedFile>> files,
          Metadata metadata = {});

    ModelFormat format() const { return m_format; }
    const std::string &sourcePath() const { return m_sourcePath; }
    const ArchitectureSummary &architecture() const { return m_architecture; }
    const std::vector<TensorInfo> &tensors() const { return m_tensors; }
    const Metadata &metadata() const { return m_metadata; }
    const std::vector<std::shared_ptr<const MappedFile>> &files() const { return m_files; }

    const TensorInfo *find(std::string_view name) const; // nullptr when absent
    int64_t parameterCount() const;
    uint64_t byteSize() const;

    // The tensor's bytes inside its mapped file (validated by the reader). Throws Error for
    // packed weights (GPTQ, AWQ...), whose bytes are several tensors in their own layout.
    std::span<const std::byte> rawBytes(const TensorInfo &tensor) const;
    // Bytes of one matrix row of the tensor (see TensorInfo::rows()); for packed weights the
    // average, for sizing work.
    uint64_t rowBytes(const TensorInfo &tensor) const;
    // Dequantizes rows [rowBegin, rowEnd) into `out` ((rowEnd-rowBegin) * cols floats).
    // Throws Error for unsupported types.
    void readRows(const TensorInfo &tensor, int64_t rowBegin, int64_t rowEnd, float *out) const;
    // Drops the mapped pages of those rows from memory (a streaming pass is done with them).
    void releaseRows(const TensorInfo &tensor, int64_t rowBegin, int64_t rowEnd) const;

private:
    std::span<const std::byte> rangeBytes(const ByteRange &range) const;

    ModelFormat m_format;
    std::string m_sourcePath;
    ArchitectureSummary m_architecture;
    std::vector<TensorInfo> m_tensors;
    std::vector<std::shared_ptr<const MappedFile>> m_files;
    Metadata m_metadata;
};

// Opens a safetensors file, a GGUF file, or a Hugging Face checkpoint directory
// (single or sharded safetensors + config.json). Throws Error/FormatError.
std::shared_ptr<const Model> openModel(const std::filesystem::path &path);

} // namespace bitcliff
