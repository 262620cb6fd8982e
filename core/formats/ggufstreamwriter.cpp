#include "formats/ggufstreamwriter.h"

#include "util/error.h"

#include <algorithm>
#include <array>

namespace bitcliff {

GgufStreamWriter::GgufStreamWriter(std::filesystem::path path, const GgufMetadata &metadata,
                                   std::vector<GgufTensorLayout> tensors, uint64_t alignment)
    : m_path(std::move(path))
    , m_tensors(std::move(tensors))
    , m_alignment(alignment)
{
    // Serialized first so a bad value or alignment throws before any file exists.
    const std::vector<std::byte> header = serializeGgufHeader(metadata, m_tensors, alignment);
    m_file = std::make_unique<AtomicFileStream>(m_path);
    writeRaw(header.data(), header.size());
    finishCompleteTensors(); // leading empty tensors
}

GgufStreamWriter::~GgufStreamWriter() = default;

void GgufStreamWriter::writeRaw(const void *data, size_t size) { m_file->write(data, size); }

// Pads every tensor that has all its bytes and moves on to the next one.
void GgufStreamWriter::finishCompleteTensors()
{
    static constexpr std::array<char, 256> kZeros{};
    while (m_current < m_tensors.size() && m_writtenInTensor == m_tensors[m_current].byteSize) {
        uint64_t padding = ggufPadding(m_writtenInTensor, m_alignment);
        while (padding > 0) {
            const uint64_t step = std::min<uint64_t>(padding, kZeros.size());
            writeRaw(kZeros.data(), step);
            padding -= step;
        }
        ++m_current;
        m_writtenInTensor = 0;
    }
}

void GgufStreamWriter::write(std::span<const std::byte> bytes)
{
    while (!bytes.empty()) {
        if (m_current >= m_tensors.size())
            throw Error(m_path.string() + ": more tensor data than the header announced");
        const GgufTensorLayout &tensor = m_tensors[m_current];
        const uint64_t step = std::min<uint64_t>(bytes.size(), tensor.byteSize - m_writtenInTensor);
        writeRaw(bytes.data(), step);
        m_writtenInTensor += step;
        bytes = bytes.subspan(step);
        finishCompleteTensors();
    }
}

void GgufStreamWriter::commit()
{
    if (m_current < m_tensors.size())
        throw Error(m_path.string() + ": tensor " + m_tensors[m_current].name + " is missing "
                    + std::to_string(m_tensors[m_current].byteSize - m_writtenInTensor) + " bytes of data");
    m_file->commit();
}

} // namespace bitcliff
