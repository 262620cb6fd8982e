#include "formats/ggufwriter.h"

#include "util/atomicwrite.h"
#include "util/error.h"

#include <cstring>

namespace bitcliff {

namespace {

class ByteWriter
{
public:
    explicit ByteWriter(std::vector<std::byte> &out)
        : m_out(out)
    {
    }

    template <typename T>
    void put(T value)
    {
        const size_t at = m_out.size();
        m_out.resize(at + sizeof(T));
        std::memcpy(m_out.data() + at, &value, sizeof(T));
    }

    void putBytes(const void *data, size_t size)
    {
        const size_t at = m_out.size();
        m_out.resize(at + size);
        if (size > 0)
            std::memcpy(m_out.data() + at, data, size);
    }

    void putString(std::string_view text)
    {
        put<uint64_t>(text.size());
        putBytes(text.data(), text.size());
    }

    void padTo(uint64_t alignment) { m_out.resize(m_out.size() + (alignment - m_out.size() % alignment) % alignment); }

    void putValue(const GgufValue &value);

private:
    std::vector<std::byte> &m_out;
};

// Integer payload of a numeric value, whichever alternative holds it.
template <typename T>
T numberAs(const GgufValue &value)
{
    if (const auto *u = std::get_if<uint64_t>(&value.value))
        return static_cast<T>(*u);
    if (const auto *i = std::get_if<int64_t>(&value.value))
        return static_cast<T>(*i);
    if (const auto *d = std::get_if<double>(&value.value))
        return static_cast<T>(*d);
    if (const auto *b = std::get_if<bool>(&value.value))
        return static_cast<T>(*b);
    throw Error("GGUF writer: value of type " + std::to_string(value.type) + " holds no number");
}

void ByteWriter::putValue(const GgufValue &value)
{
    switch (value.type) {
    case GgufType::U8: return put(numberAs<uint8_t>(value));
    case GgufType::I8: return put(numberAs<int8_t>(value));
    case GgufType::U16: return put(numberAs<uint16_t>(value));
    case GgufType::I16: return put(numberAs<int16_t>(value));
    case GgufType::U32: return put(numberAs<uint32_t>(value));
    case GgufType::I32: return put(numberAs<int32_t>(value));
    case GgufType::F32: return put(numberAs<float>(value));
    case GgufType::Bool: return put<uint8_t>(numberAs<uint8_t>(value) != 0 ? 1 : 0);
    case GgufType::U64: return put(numberAs<uint64_t>(value));
    case GgufType::I64: return put(numberAs<int64_t>(value));
    case GgufType::F64: return put(numberAs<double>(value));
    case GgufType::String: {
        const auto *text = std::get_if<std::string>(&value.value);
        if (!text)
            throw Error("GGUF writer: string value holds no string");
        return putString(*text);
    }
    case GgufType::Array: {
        const auto *items = std::get_if<GgufArray>(&value.value);
        if (!items)
            throw Error("GGUF writer: array value holds no array");
        const uint32_t elementType = items->empty() ? value.arrayType : items->front().type;
        put<uint32_t>(elementType);
        put<uint64_t>(items->size());
        for (const GgufValue &item : *items) {
            if (item.type != elementType)
                throw Error("GGUF writer: array items of different types");
            putValue(item);
        }
        return;
    }
    default:
        throw Error("GGUF writer: unknown value type " + std::to_string(value.type));
    }
}

} // namespace

std::vector<std::byte> serializeGgufHeader(const GgufMetadata &metadata, const std::vector<GgufTensorLayout> &tensors,
                                           uint64_t alignment)
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0 || alignment > UINT32_MAX)
        throw Error("GGUF writer: alignment " + std::to_string(alignment) + " is not a power of two");
    bool hasAlignmentKey = false;
    for (const auto &entry : metadata)
        hasAlignmentKey = hasAlignmentKey || entry.first == "general.alignment";
    const bool addAlignment = alignment != 32 && !hasAlignmentKey;

    std::vector<std::byte> out;
    ByteWriter writer(out);
    writer.putBytes("GGUF", 4);
    writer.put<uint32_t>(3);
    writer.put<uint64_t>(tensors.size());
    writer.put<uint64_t>(metadata.size() + (addAlignment ? 1 : 0));
    for (const auto &[key, value] : metadata) {
        writer.putString(key);
        writer.put<uint32_t>(value.type);
        writer.putValue(value);
    }
    if (addAlignment) {
        writer.putString("general.alignment");
        writer.put<uint32_t>(GgufType::U32);
        writer.put<uint32_t>(static_cast<uint32_t>(alignment));
    }

    uint64_t offset = 0;
    for (const GgufTensorLayout &tensor : tensors) {
        writer.putString(tensor.name);
        writer.put<uint32_t>(static_cast<uint32_t>(tensor.shape.size()));
        for (auto d = tensor.shape.rbegin(); d != tensor.shape.rend(); ++d) // ne: innermost first
            writer.put<uint64_t>(static_cast<uint64_t>(*d));
        writer.put<uint32_t>(tensor.ggmlType);
        writer.put<uint64_t>(offset);
        offset += tensor.byteSize + ggufPadding(tensor.byteSize, alignment);
    }
    writer.padTo(alignment);
    return out;
}

std::vector<std::byte> serializeGguf(const GgufMetadata &metadata, const std::vector<GgufTensorEntry> &tensors,
                                     uint64_t alignment)
{
    std::vector<GgufTensorLayout> layouts;
    layouts.reserve(tensors.size());
    for (const GgufTensorEntry &tensor : tensors)
        layouts.push_back({tensor.name, tensor.shape, tensor.ggmlType, tensor.data.size()});
    std::vector<std::byte> out = serializeGgufHeader(metadata, layouts, alignment);
    ByteWriter writer(out);
    for (const GgufTensorEntry &tensor : tensors) {
        writer.putBytes(tensor.data.data(), tensor.data.size());
        writer.padTo(alignment);
    }
    return out;
}

void writeGguf(const std::filesystem::path &path, const GgufMetadata &metadata,
               const std::vector<GgufTensorEntry> &tensors, uint64_t alignment)
{
    writeFileAtomically(path, serializeGguf(metadata, tensors, alignment));
}

namespace {

GgufValue makeValue(uint32_t type, auto payload)
{
    GgufValue value;
    value.type = type;
    value.value = std::move(payload);
    return value;
}

} // namespace

GgufValue ggufU32(uint64_t value) { return makeValue(GgufType::U32, value); }
GgufValue ggufI32(int64_t value) { return makeValue(GgufType::I32, value); }
GgufValue ggufF32(double value) { return makeValue(GgufType::F32, value); }
GgufValue ggufBool(bool value) { return makeValue(GgufType::Bool, value); }
GgufValue ggufString(std::string value) { return makeValue(GgufType::String, std::move(value)); }

GgufValue ggufArray(uint32_t elementType, GgufArray items)
{
    GgufValue value = makeValue(GgufType::Array, std::move(items));
    value.arrayType = elementType;
    return value;
}

} // namespace bitcliff
