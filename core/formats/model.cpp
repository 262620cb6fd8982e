#include "formats/model.h"

#include "formats/dequantize.h"
#include "formats/packeddequantize.h"
#include "util/error.h"

namespace bitcliff {

std::string_view formatName(ModelFormat format)
{
    return format == ModelFormat::Gguf ? "gguf" : "safetensors";
}

Model::Model(ModelFormat format, std::string sourcePath, ArchitectureSummary architecture,
             std::vector<TensorInfo> tensors, std::vector<std::shared_ptr<const MappedFile>> files,
             Metadata metadata)
    : m_format(format)
    , m_sourcePath(std::move(sourcePath))
    , m_architecture(std::move(architecture))
    , m_tensors(std::move(tensors))
    , m_files(std::move(files))
    , m_metadata(std::move(metadata))
{
    for (TensorInfo &tensor : m_tensors) {
        const TensorPlace place = classifyTensorName(tensor.name);
        tensor.layer = place.layer;
        tensor.role = place.role;
    }
}

const TensorInfo *Model::find(std::string_view name) const
{
    for (const TensorInfo &tensor : m_tensors)
        if (tensor.name == name)
            return &tensor;
    return nullptr;
}

int64_t Model::parameterCount() const
{
    int64_t total = 0;
    for (const TensorInfo &tensor : m_tensors)
        total += tensor.elementCount();
    return total;
}

uint64_t Model::byteSize() const
{
    uint64_t total = 0;
    for (const TensorInfo &tensor : m_tensors)
        total += tensor.byteSize;
    return total;
}

std::span<const std::byte> Model::rangeBytes(const ByteRange &range) const
{
    if (range.byteSize == 0)
        return {};
    return m_files.at(static_cast<size_t>(range.fileIndex))->bytes().subspan(range.offset, range.byteSize);
}

std::span<const std::byte> Model::rawBytes(const TensorInfo &tensor) const
{
    if (tensor.packed)
        throw Error(tensor.name + ": " + tensor.dtypeLabel
                    + " is packed in several tensors; it has no bytes of its own to copy (read its rows)");
    const MappedFile &file = *m_files.at(static_cast<size_t>(tensor.fileIndex));
    return file.bytes().subspan(tensor.offset, tensor.byteSize);
}

uint64_t Model::rowBytes(const TensorInfo &tensor) const
{
    const int64_t rows = tensor.rows();
    return rows == 0 ? 0 : tensor.byteSize / static_cast<uint64_t>(rows);
}

void Model::readRows(const TensorInfo &tensor, int64_t rowBegin, int64_t rowEnd, float *out) const
{
    if (!tensor.supported())
        throw Error(tensor.name + ": type " + tensor.dtypeLabel + " is not supported");
    if (const PackedWeight *packed = tensor.packed.get()) {
        const PackedBytes bytes{rangeBytes(packed->codes), rangeBytes(packed->zeros), rangeBytes(packed->scales),
                                rangeBytes(packed->groupIndex)};
        try {
            dequantizePackedRows(tensor.dtype, *packed, bytes, tensor.rows(), tensor.cols(), rowBegin, rowEnd, out);
        } catch (const Error &e) {
            throw Error(tensor.name + " (" + tensor.dtypeLabel + "): " + e.what());
        }
        return;
    }
    const uint64_t stride = rowBytes(tensor);
    const std::byte *src = rawBytes(tensor).data() + static_cast<uint64_t>(rowBegin) * stride;
    dequantize(tensor.dtype, src, out, (rowEnd - rowBegin) * tensor.cols());
}

void Model::releaseRows(const TensorInfo &tensor, int64_t rowBegin, int64_t rowEnd) const
{
    if (const PackedWeight *packed = tensor.packed.get()) {
        // A row's codes are spread over every word row (GPTQ, AWQ): only the whole tensor's
        // pages can go without being read again by the next rows.
        if (rowBegin > 0 || rowEnd < tensor.rows())
            return;
        for (const ByteRange *range : {&packed->codes, &packed->zeros, &packed->scales, &packed->groupIndex})
            if (range->byteSize > 0)
                m_files.at(static_cast<size_t>(range->fileIndex))->releasePages(range->offset, range->byteSize);
        return;
    }
    const uint64_t stride = rowBytes(tensor);
    m_files.at(static_cast<size_t>(tensor.fileIndex))
        ->releasePages(tensor.offset + static_cast<uint64_t>(rowBegin) * stride,
                       static_cast<uint64_t>(rowEnd - rowBegin) * stride);
}

} // namespace bitcliff
