// GGUF reader: header, tensor infos, data-section checks, and the model built from them.
// Metadata values are read in ggufmetadata.cpp.
#include "formats/gguf.h"

#include "formats/ggmltypes.h"
#include "formats/ggufreader.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <unordered_set>

namespace bitcliff {

using ggufdetail::GgufCursor;
using ggufdetail::quoteText;

namespace {

constexpr uint64_t kHeaderSize = 24;                    // magic, version, tensor_count, kv_count
constexpr uint64_t kMinKvSize = 8 + 4 + 1;               // empty key, type, one-byte value
constexpr uint64_t kMinTensorInfoSize = 8 + 4 + 4 + 8;   // empty name, n_dims 0, type, offset
constexpr uint64_t kMaxNameLength = 64 * 1024;           // ggml allows 64; far more is corrupt
constexpr uint32_t kMaxDims = 4;
// Real files hold about a million values (vocabulary arrays); far more means a corrupt count
// that would otherwise turn a big file into tens of gigabytes of GgufValues.
constexpr uint64_t kMaxMetadataValues = uint64_t{1} << 24;
// No ggml type packs more than ~5 elements per byte; 64 leaves room for any future one and
// still keeps a corrupt dimension from reaching the code that allocates per-row buffers.
constexpr uint64_t kMaxElementsPerByte = 64;

std::string valueTypeName(uint32_t type)
{
    static constexpr const char *kNames[] = {"u8",  "i8",     "u16",   "i16", "u32", "i32", "f32",
                                             "bool", "string", "array", "u64", "i64", "f64"};
    return type <= GgufType::F64 ? kNames[type] : "type " + std::to_string(type);
}

// Magic and version; returns the version.
uint32_t readHeader(GgufCursor &cursor)
{
    const uint64_t size = cursor.size();
    if (size < 4)
        cursor.fail("the file is " + std::to_string(size) + " bytes, too short to be GGUF");
    const auto magic = cursor.read<uint32_t>("magic");
    if (magic != 0x46554747u) { // "GGUF" read little-endian
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%08x", magic);
        cursor.fail(std::string("not a GGUF file (magic ") + hex + ")");
    }
    if (size < kHeaderSize)
        cursor.fail("the file is " + std::to_string(size) + " bytes, shorter than the "
                    + std::to_string(kHeaderSize) + "-byte GGUF header");
    const auto version = cursor.read<uint32_t>("version");
    if (version == 1)
        cursor.fail("GGUF version 1 (32-bit counts) is not supported");
    if (version != 0 && (version & 0xFFFFu) == 0)
        cursor.fail("GGUF version " + std::to_string(version)
                    + " looks byte-swapped: big-endian GGUF files are not supported");
    if (version != 2 && version != 3)
        cursor.fail("unsupported GGUF version " + std::to_string(version) + " (2 and 3 are supported)");
    return version;
}

uint64_t readAlignment(GgufCursor &cursor, const GgufContents &contents)
{
    const GgufValue *value = contents.find("general.alignment");
    if (!value)
        return 32;
    if (value->type != GgufType::U32)
        cursor.fail("general.alignment has type " + valueTypeName(value->type) + ", not u32");
    const uint64_t alignment = std::get<uint64_t>(value->value);
    if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        cursor.fail("general.alignment " + std::to_string(alignment) + " is not a power of two");
    return alignment;
}

// One tensor info; the offset is left relative to the data section.
TensorInfo readTensorInfo(GgufCursor &cursor, uint64_t index, std::unordered_set<std::string_view> &names)
{
    cursor.setContext("tensor #" + std::to_string(index));
    const std::string_view name = cursor.string("tensor name");
    if (name.empty())
        cursor.fail("empty tensor name");
    if (name.size() > kMaxNameLength)
        cursor.fail("tensor name of " + std::to_string(name.size()) + " bytes (at most "
                    + std::to_string(kMaxNameLength) + ")");
    cursor.setContext("tensor " + quoteText(name));
    if (!names.insert(name).second)
        cursor.fail("duplicate tensor name");

    const auto dims = cursor.read<uint32_t>("dimension count");
    if (dims > kMaxDims)
        cursor.fail(std::to_string(dims) + " dimensions (at most " + std::to_string(kMaxDims) + ")");
    int64_t ne[kMaxDims] = {1, 1, 1, 1};
    int64_t bounded = 1; // element count with empty dimensions counted as 1
    for (uint32_t d = 0; d < dims; ++d) {
        const auto extent = cursor.read<uint64_t>("dimensions");
        if (extent > static_cast<uint64_t>(INT64_MAX))
            cursor.fail("dimension " + std::to_string(d) + " is negative ("
                        + std::to_string(static_cast<int64_t>(extent)) + ")");
        ne[d] = static_cast<int64_t>(extent);
        if (__builtin_mul_overflow(bounded, std::max<int64_t>(ne[d], 1), &bounded))
            cursor.fail("the element count overflows 64 bits");
    }
    const auto type = cursor.read<uint32_t>("tensor type");
    const auto offset = cursor.read<uint64_t>("tensor offset");

    TensorInfo tensor;
    tensor.name = std::string(name);
    for (uint32_t d = dims; d-- > 0;)
        tensor.shape.push_back(ne[d]);
    tensor.dtypeLabel = ggmlTypeName(type);
    tensor.offset = offset;
    if (static_cast<uint64_t>(bounded) / kMaxElementsPerByte > cursor.size())
        cursor.fail("shape " + shapeText(tensor.shape) + " has more elements than a file of "
                    + std::to_string(cursor.size()) + " bytes could hold");

    const GgmlTypeInfo *info = findGgmlType(type);
    if (!info || info->blockSize == 0)
        return tensor; // unknown layout: catalogued with byteSize 0
    tensor.dtype = info->dtype;
    if (ne[0] % info->blockSize != 0)
        cursor.fail("row length " + std::to_string(ne[0]) + " is not a multiple of the "
                    + std::string(info->name) + " block size " + std::to_string(info->blockSize));
    uint64_t bytes = static_cast<uint64_t>(ne[0] / info->blockSize) * static_cast<uint64_t>(info->typeSize);
    for (uint32_t d = 1; d < kMaxDims; ++d)
        if (__builtin_mul_overflow(bytes, static_cast<uint64_t>(ne[d]), &bytes))
            cursor.fail("the byte size overflows 64 bits");
    tensor.byteSize = bytes;
    return tensor;
}

// Makes offsets absolute and checks that each tensor's bytes lie inside the file.
void placeTensors(GgufCursor &cursor, GgufContents &contents)
{
    const uint64_t fileSize = cursor.size();
    for (TensorInfo &tensor : contents.tensors) {
        cursor.setContext("tensor " + quoteText(tensor.name));
        const uint64_t relative = tensor.offset;
        if (relative % contents.alignment != 0)
            cursor.fail("offset " + std::to_string(relative) + " is not a multiple of the alignment "
                        + std::to_string(contents.alignment));
        uint64_t begin = 0;
        uint64_t end = 0;
        if (__builtin_add_overflow(contents.dataOffset, relative, &begin)
            || __builtin_add_overflow(begin, tensor.byteSize, &end))
            cursor.fail("data offset " + std::to_string(relative) + " + " + std::to_string(tensor.byteSize)
                        + " bytes overflows 64 bits");
        if (end > fileSize)
            cursor.fail("data [" + std::to_string(begin) + ", " + std::to_string(end)
                        + ") lies past the end of the file (" + std::to_string(fileSize) + " bytes)");
        if (tensor.byteSize == 0 && !tensor.supported()) {
            // Unknown layout: at least the elements must be plausible for the bytes after it.
            const auto elements = static_cast<uint64_t>(tensor.elementCount());
            if (elements / kMaxElementsPerByte > fileSize - begin)
                cursor.fail("shape " + shapeText(tensor.shape) + " cannot fit in the "
                            + std::to_string(fileSize - begin) + " bytes after offset "
                            + std::to_string(begin));
        }
        tensor.offset = begin;
    }
}

int clampedInt(const GgufValue *value)
{
    if (!value)
        return 0;
    if (const auto *items = std::get_if<GgufArray>(&value->value)) // per-layer counts
        return items->empty() ? 0 : clampedInt(&items->front());
    double number = 0.0;
    if (const auto *u = std::get_if<uint64_t>(&value->value))
        number = static_cast<double>(*u);
    else if (const auto *i = std::get_if<int64_t>(&value->value))
        number = static_cast<double>(*i);
    else if (const auto *d = std::get_if<double>(&value->value))
        number = *d;
    if (!(number >= 0.0))
        return 0;
    return number >= static_cast<double>(INT_MAX) ? INT_MAX : static_cast<int>(number);
}

double numberOf(const GgufValue *value)
{
    if (!value)
        return 0.0;
    if (const auto *d = std::get_if<double>(&value->value))
        return std::isfinite(*d) ? *d : 0.0;
    if (const auto *u = std::get_if<uint64_t>(&value->value))
        return static_cast<double>(*u);
    if (const auto *i = std::get_if<int64_t>(&value->value))
        return static_cast<double>(*i);
    return 0.0;
}

} // namespace

GgufContents parseGguf(std::span<const std::byte> file, const std::string &label)
{
    GgufCursor cursor(file, label);
    GgufContents contents;
    contents.version = readHeader(cursor);
    const auto tensorCount = cursor.read<uint64_t>("tensor count");
    const auto kvCount = cursor.read<uint64_t>("metadata count");
    if (kvCount > SIZE_MAX / sizeof(contents.metadata[0]) || kvCount > cursor.remaining() / kMinKvSize)
        cursor.fail("metadata count " + std::to_string(kvCount) + " cannot fit in the "
                    + std::to_string(cursor.remaining()) + " bytes left in the file");
    if (tensorCount > SIZE_MAX / sizeof(TensorInfo) || tensorCount > cursor.remaining() / kMinTensorInfoSize)
        cursor.fail("tensor count " + std::to_string(tensorCount) + " cannot fit in the "
                    + std::to_string(cursor.remaining()) + " bytes left in the file");

    // Views into the file: stable while the vectors grow.
    std::unordered_set<std::string_view> keys;
    contents.metadata.reserve(static_cast<size_t>(kvCount));
    uint64_t budget = kMaxMetadataValues;
    for (uint64_t i = 0; i < kvCount; ++i) {
        cursor.setContext("metadata entry #" + std::to_string(i));
        const std::string_view key = cursor.string("key");
        if (key.size() > kMaxNameLength)
            cursor.fail("key of " + std::to_string(key.size()) + " bytes (at most "
                        + std::to_string(kMaxNameLength) + ")");
        cursor.setContext("key " + quoteText(key));
        if (!keys.insert(key).second)
            cursor.fail("duplicate key");
        const auto type = cursor.read<uint32_t>("value type");
        GgufValue value = ggufdetail::readGgufValue(cursor, type, 0, budget);
        contents.metadata.emplace_back(std::string(key), std::move(value));
    }
    cursor.setContext({});
    contents.alignment = readAlignment(cursor, contents);

    if (tensorCount > cursor.remaining() / kMinTensorInfoSize)
        cursor.fail("tensor count " + std::to_string(tensorCount) + " cannot fit in the "
                    + std::to_string(cursor.remaining()) + " bytes left after the metadata");
    std::unordered_set<std::string_view> names;
    contents.tensors.reserve(static_cast<size_t>(tensorCount));
    for (uint64_t i = 0; i < tensorCount; ++i)
        contents.tensors.push_back(readTensorInfo(cursor, i, names));

    // The data section starts at the next multiple of the alignment (it may be absent when
    // there are no tensors).
    const uint64_t pos = cursor.position();
    contents.dataOffset = pos + (contents.alignment - pos % contents.alignment) % contents.alignment;
    placeTensors(cursor, contents);
    return contents;
}

ArchitectureSummary ggufArchitecture(const GgufContents &contents)
{
    ArchitectureSummary summary;
    const GgufValue *arch = contents.find("general.architecture");
    const auto *name = arch ? std::get_if<std::string>(&arch->value) : nullptr;
    if (!name)
        return summary;
    summary.name = *name;
    summary.known = true;
    const auto key = [&](std::string_view suffix) { return contents.find(*name + "." + std::string(suffix)); };
    summary.layers = clampedInt(key("block_count"));
    summary.hiddenSize = clampedInt(key("embedding_length"));
    summary.intermediateSize = clampedInt(key("feed_forward_length"));
    summary.heads = clampedInt(key("attention.head_count"));
    const GgufValue *kvHeads = key("attention.head_count_kv");
    summary.kvHeads = kvHeads ? clampedInt(kvHeads) : summary.heads;
    if (const GgufValue *keyLength = key("attention.key_length"))
        summary.headDim = clampedInt(keyLength);
    else if (summary.heads > 0)
        summary.headDim = summary.hiddenSize / summary.heads;
    summary.contextLength = clampedInt(key("context_length"));
    summary.ropeTheta = numberOf(key("rope.freq_base"));
    summary.rmsNormEps = numberOf(key("attention.layer_norm_rms_epsilon"));
    if (const GgufValue *vocab = key("vocab_size")) {
        summary.vocabSize = clampedInt(vocab);
    } else if (const GgufValue *tokens = contents.find("tokenizer.ggml.tokens")) {
        if (const auto *items = std::get_if<GgufArray>(&tokens->value))
            summary.vocabSize = static_cast<int>(std::min<size_t>(items->size(), INT_MAX));
    }
    if (const GgufValue *scaling = key("rope.scaling.type")) {
        const auto *type = std::get_if<std::string>(&scaling->value);
        if (type && !type->empty() && *type != "none") {
            summary.ropeScaling = *type;
            if (const GgufValue *factor = key("rope.scaling.factor"))
                summary.ropeScaling += " x" + factor->toDisplayString();
        }
    }
    // GGUF drops output.weight when the head reuses the embedding.
    const auto hasTensor = [&](std::string_view tensorName) {
        return std::any_of(contents.tensors.begin(), contents.tensors.end(),
                           [&](const TensorInfo &t) { return t.name == tensorName; });
    };
    summary.tieWordEmbeddings = hasTensor("token_embd.weight") && !hasTensor("output.weight");
    return summary;
}

std::shared_ptr<const Model> modelFromGguf(std::shared_ptr<const MappedFile> file)
{
    if (!file)
        throw Error("modelFromGguf: no file");
    GgufContents contents = parseGguf(file->bytes(), file->label());
    ArchitectureSummary architecture = ggufArchitecture(contents);
    Model::Metadata metadata;
    metadata.reserve(contents.metadata.size());
    for (const auto &[key, value] : contents.metadata)
        metadata.emplace_back(key, value.toDisplayString()); // big arrays come out summarized
    std::string source = file->label();
    return std::make_shared<const Model>(ModelFormat::Gguf, std::move(source), std::move(architecture),
                                         std::move(contents.tensors),
                                         std::vector<std::shared_ptr<const MappedFile>>{std::move(file)},
                                         std::move(metadata));
}

std::shared_ptr<const Model> openGgufFile(const std::filesystem::path &path)
{
    return modelFromGguf(MappedFile::open(path));
}

} // namespace bitcliff
