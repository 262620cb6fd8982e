#pragma once
// Writes a GGUF v3 file tensor by tensor, so an export never holds a whole model in memory.
// The header (metadata and every tensor's name, shape, type and byte size) is written up
// front; tensor data is then appended in the same order, each tensor padded to the
// alignment. Everything goes to a temporary file (util/atomicwrite.h) that commit() puts in
// place: a failed, abandoned or killed write leaves nothing behind.
#include "formats/ggufwriter.h"
#include "util/atomicwrite.h"

#include <filesystem>
#include <memory>
#include <span>

namespace bitcliff {

class GgufStreamWriter
{
public:
    // Throws Error naming `path` when the temporary file cannot be created.
    GgufStreamWriter(std::filesystem::path path, const GgufMetadata &metadata, std::vector<GgufTensorLayout> tensors,
                     uint64_t alignment = 32);
    ~GgufStreamWriter(); // removes the temporary file unless committed
    GgufStreamWriter(const GgufStreamWriter &) = delete;
    GgufStreamWriter &operator=(const GgufStreamWriter &) = delete;

    // Appends bytes of the current tensor; a tensor may arrive in several pieces, and its
    // padding is written as soon as it is complete.
    void write(std::span<const std::byte> bytes);
    // Checks every tensor got exactly its bytes, flushes and renames into place.
    void commit();

private:
    void writeRaw(const void *data, size_t size);
    void finishCompleteTensors();

    std::filesystem::path m_path;
    std::unique_ptr<AtomicFileStream> m_file;
    std::vector<GgufTensorLayout> m_tensors;
    uint64_t m_alignment = 32;
    size_t m_current = 0;          // tensor being written
    uint64_t m_writtenInTensor = 0;
};

} // namespace bitcliff
