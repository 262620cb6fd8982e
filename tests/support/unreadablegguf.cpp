#include "support/unreadablegguf.h"

#include "formats/ggmltypes.h"
#include "formats/gguf.h"
#include "formats/ggufwriter.h"
#include "util/error.h"
#include "util/mappedfile.h"

namespace bitcliff::test {

int retypeGgufTensors(const std::filesystem::path &from, const std::filesystem::path &to, uint32_t ggmlType,
    const std::function<bool(const TensorInfo &)> &which)
{
    const GgmlTypeInfo *type = findGgmlType(ggmlType);
    if (!type || type->blockSize == 0)
        throw Error("retypeGgufTensors: no block layout for ggml type " + std::to_string(ggmlType));
    const auto file = MappedFile::open(from);
    const GgufContents contents = parseGguf(file->bytes(), file->label());
    std::vector<GgufTensorEntry> tensors;
    int retyped = 0;
    for (TensorInfo t : contents.tensors) {
        const TensorPlace place = classifyTensorName(t.name); // the reader leaves roles to the Model
        t.layer = place.layer;
        t.role = place.role;
        GgufTensorEntry entry { t.name, t.shape, 0, {} };
        if (which(t)) {
            if (t.cols() % type->blockSize != 0)
                throw Error("retypeGgufTensors: " + t.name + " rows do not fit " + std::string(type->name) + " blocks");
            entry.ggmlType = ggmlType;
            entry.data.resize(size_t(t.elementCount() / type->blockSize * type->typeSize));
            for (size_t i = 0; i < entry.data.size(); ++i)
                entry.data[i] = std::byte(uint8_t(i * 37 + 11)); // any bytes: BitCliff must not read them
            ++retyped;
        } else {
            entry.ggmlType = ggmlTypeCode(t.dtype);
            const std::byte *begin = file->bytes().data() + t.offset;
            entry.data.assign(begin, begin + t.byteSize);
        }
        tensors.push_back(std::move(entry));
    }
    GgufMetadata metadata;
    for (const auto &[key, value] : contents.metadata)
        if (key != "general.alignment")
            metadata.emplace_back(key, value);
    writeGguf(to, metadata, tensors, contents.alignment);
    return retyped;
}

} // namespace bitcliff::test
