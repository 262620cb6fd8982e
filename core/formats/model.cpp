#include "formats/model.h"

#include "formats/dequantize.h"
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

std::span<const std::byte> Model::rawBytes(const TensorInfo &tensor) const
{
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
    const uint64_t stride = rowBytes(tensor);
    const std::byte *src = rawBytes(tensor).data() + static_cast<uint64_t>(rowBegin) * stride;
    dequantize(tensor.dtype, src, out, (rowEnd - rowBegin) * tensor.cols());
}

void Model::releaseRows(const TensorInfo &tensor, int64_t rowBegin, int64_t rowEnd) const
{
    const uint64_t stride = rowBytes(tensor);
    m_files.at(static_cast<size_t>(tensor.fileIndex))
        ->releasePages(tensor.offset + static_cast<uint64_t>(rowBegin) * stride,
                       static_cast<uint64_t>(rowEnd - rowBegin) * stride);
}

} // namespace bitcliff
