#include "formats/safetensors.h"

#include "formats/hfcheckpoint.h"
#include "formats/packedtensors.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <algorithm>
#include <array>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

namespace bitcliff {

namespace {

using Json = nlohmann::json;

constexpr uint64_t kMaxHeaderLength = 100'000'000; // the reference reader's limit
// A valid header nests 3 deep (root → entry → shape); extra fields may nest a little more.
constexpr int kMaxJsonDepth = 16;
constexpr size_t kMaxArrayItems = 4096; // shapes have a handful of dimensions

struct DTypeSpec
{
    std::string_view name;
    int bits;
    DType dtype;
};

constexpr std::array<DTypeSpec, 22> kDTypes{{
    {"BOOL", 8, DType::Unsupported},
    {"F4", 4, DType::Unsupported},
    {"F6_E2M3", 6, DType::Unsupported},
    {"F6_E3M2", 6, DType::Unsupported},
    {"U8", 8, DType::Unsupported},
    {"I8", 8, DType::Unsupported},
    {"F8_E5M2", 8, DType::Unsupported},
    {"F8_E4M3", 8, DType::F8_E4M3},
    {"F8_E8M0", 8, DType::Unsupported},
    {"F8_E4M3FNUZ", 8, DType::Unsupported},
    {"F8_E5M2FNUZ", 8, DType::Unsupported},
    {"I16", 16, DType::Unsupported},
    {"U16", 16, DType::Unsupported},
    {"F16", 16, DType::F16},
    {"BF16", 16, DType::BF16},
    {"I32", 32, DType::Unsupported},
    {"U32", 32, DType::Unsupported},
    {"F32", 32, DType::F32},
    {"C64", 64, DType::Unsupported},
    {"F64", 64, DType::Unsupported},
    {"I64", 64, DType::Unsupported},
    {"U64", 64, DType::Unsupported},
}};

const DTypeSpec *findDType(std::string_view name)
{
    for (const DTypeSpec &spec : kDTypes)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

std::string quotedName(std::string_view name) { return "'" + printableExcerpt(name) + "'"; }

// Parses while rejecting duplicate keys (nlohmann would keep the last), deep nesting and
// long arrays: a header needs neither, and they would only serve to exhaust memory.
Json parseStrict(std::string_view text, const std::string &label)
{
    struct Container
    {
        bool array = false;
        size_t items = 0;
        std::set<std::string> keys;
    };
    std::vector<Container> open;
    const auto countItem = [&] {
        if (!open.empty() && open.back().array && ++open.back().items > kMaxArrayItems)
            throw FormatError(label, "header has an array of more than " + std::to_string(kMaxArrayItems) + " items");
    };
    const Json::parser_callback_t callback = [&](int depth, Json::parse_event_t event, Json &parsed) {
        if (depth > kMaxJsonDepth)
            throw FormatError(label, "header JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        switch (event) {
        case Json::parse_event_t::object_start:
        case Json::parse_event_t::array_start:
            countItem();
            open.push_back({event == Json::parse_event_t::array_start, 0, {}});
            break;
        case Json::parse_event_t::object_end:
        case Json::parse_event_t::array_end:
            open.pop_back();
            break;
        case Json::parse_event_t::key:
            if (!open.back().keys.insert(parsed.get<std::string>()).second)
                throw FormatError(label, "duplicate key " + quotedName(parsed.get<std::string>()) + " in header");
            break;
        case Json::parse_event_t::value:
            countItem();
            break;
        }
        return true;
    };
    try {
        return Json::parse(text.begin(), text.end(), callback);
    } catch (const Json::exception &e) {
        throw FormatError(label, "header is not valid UTF-8 JSON: " + jsonErrorReason(e));
    }
}

uint64_t unsignedValue(const Json &value, bool &ok)
{
    ok = value.is_number_unsigned();
    return ok ? value.get<uint64_t>() : 0;
}

std::vector<int64_t> readShape(const Json &entry, const std::string &label, const std::string &name)
{
    const auto it = entry.find("shape");
    if (it == entry.end() || !it->is_array())
        throw FormatError(label, "tensor " + name + " has no shape array");
    std::vector<int64_t> shape;
    shape.reserve(it->size());
    for (const Json &dim : *it) {
        bool ok = false;
        const uint64_t value = unsignedValue(dim, ok);
        if (!ok)
            throw FormatError(label, "tensor " + name + " has a shape entry that is not a non-negative integer");
        if (value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            throw FormatError(label, "tensor " + name + " has an absurd dimension " + std::to_string(value));
        shape.push_back(static_cast<int64_t>(value));
    }
    return shape;
}

// Element count; the product of the non-zero dimensions must fit too, so that no later
// arithmetic on the shape can overflow.
int64_t checkedElementCount(const std::vector<int64_t> &shape, const std::string &label, const std::string &name)
{
    int64_t product = 1;
    bool empty = false;
    for (int64_t dim : shape) {
        if (dim == 0) {
            empty = true;
            continue;
        }
        if (__builtin_mul_overflow(product, dim, &product))
            throw FormatError(label, "tensor " + name + " has an absurd shape " + shapeText(shape));
    }
    return empty ? 0 : product;
}

std::string describeOffsets(uint64_t begin, uint64_t end)
{
    return "[" + std::to_string(begin) + ", " + std::to_string(end) + "]";
}

struct Span
{
    uint64_t begin;
    uint64_t end;
    size_t index;
};

TensorInfo readEntry(const std::string &key, const Json &entry, const std::string &label, uint64_t dataStart,
                     uint64_t dataSize, int fileIndex, Span &span)
{
    const std::string name = quotedName(key);
    if (!entry.is_object())
        throw FormatError(label, "tensor " + name + " is not a JSON object");

    const auto dtypeIt = entry.find("dtype");
    if (dtypeIt == entry.end() || !dtypeIt->is_string())
        throw FormatError(label, "tensor " + name + " has no dtype string");
    const std::string &dtypeLabel = dtypeIt->get_ref<const std::string &>();
    const DTypeSpec *spec = findDType(dtypeLabel);
    if (!spec)
        throw FormatError(label, "tensor " + name + " has unknown dtype " + quotedName(dtypeLabel));

    std::vector<int64_t> shape = readShape(entry, label, name);
    const int64_t count = checkedElementCount(shape, label, name);

    const auto offsetsIt = entry.find("data_offsets");
    bool beginOk = false;
    bool endOk = false;
    uint64_t begin = 0;
    uint64_t end = 0;
    if (offsetsIt != entry.end() && offsetsIt->is_array() && offsetsIt->size() == 2) {
        begin = unsignedValue((*offsetsIt)[0], beginOk);
        end = unsignedValue((*offsetsIt)[1], endOk);
    }
    if (!beginOk || !endOk)
        throw FormatError(label, "tensor " + name + " needs data_offsets [begin, end] of non-negative integers");
    if (begin > end)
        throw FormatError(label, "tensor " + name + " has reversed data_offsets " + describeOffsets(begin, end));
    if (end > dataSize)
        throw FormatError(label, "tensor " + name + " data_offsets " + describeOffsets(begin, end)
                                     + " run past the end of the " + std::to_string(dataSize) + "-byte data buffer");

    uint64_t bits = 0;
    if (__builtin_mul_overflow(static_cast<uint64_t>(count), static_cast<uint64_t>(spec->bits), &bits))
        throw FormatError(label, "tensor " + name + " has an absurd shape " + shapeText(shape));
    if (bits % 8 != 0)
        throw FormatError(label, "tensor " + name + " shape " + shapeText(shape) + " " + dtypeLabel
                                     + " does not fill a whole number of bytes");
    const uint64_t needed = bits / 8;
    if (needed != end - begin)
        throw FormatError(label, "tensor " + name + " needs " + std::to_string(needed) + " bytes for shape "
                                     + shapeText(shape) + " " + dtypeLabel + " but data_offsets span "
                                     + std::to_string(end - begin));

    TensorInfo info;
    info.name = key;
    info.shape = std::move(shape);
    info.dtype = spec->dtype;
    info.dtypeLabel = dtypeLabel;
    info.fileIndex = fileIndex;
    info.offset = dataStart + begin;
    info.byteSize = end - begin;
    span.begin = begin;
    span.end = end;
    return info;
}

Model::Metadata readMetadata(const Json &value, const std::string &label)
{
    if (!value.is_object())
        throw FormatError(label, "__metadata__ is not a JSON object");
    Model::Metadata metadata;
    for (const auto &[key, item] : value.items()) {
        if (!item.is_string())
            throw FormatError(label, "__metadata__ value of " + quotedName(key) + " is not a string");
        metadata.emplace_back(key, item.get<std::string>());
    }
    return metadata;
}

// Sorted by offset, the tensors must cover the data buffer exactly: no gap, no overlap.
void checkTiling(std::vector<Span> spans, const std::vector<TensorInfo> &tensors, uint64_t dataSize,
                 const std::string &label)
{
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    uint64_t expected = 0;
    const Span *previous = nullptr;
    for (const Span &span : spans) {
        const std::string name = quotedName(tensors[span.index].name);
        if (span.begin < expected)
            throw FormatError(label, "tensor " + name + " overlaps tensor " + quotedName(tensors[previous->index].name)
                                         + " (data_offsets " + describeOffsets(span.begin, span.end) + ")");
        if (span.begin > expected)
            throw FormatError(label, "gap of " + std::to_string(span.begin - expected)
                                         + " unused bytes in the data buffer before tensor " + name);
        expected = span.end;
        previous = &span;
    }
    if (expected != dataSize)
        throw FormatError(label, std::to_string(dataSize - expected)
                                     + " bytes after the last tensor are not covered by any tensor");
}

} // namespace

std::string printableExcerpt(std::string_view text, size_t maxLength)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (const char c : text) {
        if (out.size() >= maxLength) {
            out += "...";
            break;
        }
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F) {
            out += c;
        } else {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return out;
}

std::string jsonErrorReason(const std::exception &error)
{
    std::string_view text = error.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: ...; last read: '...'"
    if (text.starts_with("[json.exception.")) {
        const size_t close = text.find("] ");
        if (close != std::string_view::npos)
            text.remove_prefix(close + 2);
    }
    const size_t lastRead = text.find("; last read");
    if (lastRead != std::string_view::npos)
        text = text.substr(0, lastRead);
    return printableExcerpt(text, 160);
}

SafetensorsContents parseSafetensors(std::span<const std::byte> file, const std::string &label, int fileIndex)
{
    if (file.size() < 8)
        throw FormatError(label, "file is " + std::to_string(file.size())
                                     + " bytes, too short for a safetensors header length");
    const uint64_t headerLength = readU64(file.data());
    if (headerLength > kMaxHeaderLength)
        throw FormatError(label, "header length " + std::to_string(headerLength) + " exceeds the limit of "
                                     + std::to_string(kMaxHeaderLength) + " bytes (not a safetensors file?)");
    if (headerLength > file.size() - 8)
        throw FormatError(label, "header length " + std::to_string(headerLength) + " runs past the end of the "
                                     + std::to_string(file.size()) + "-byte file");

    const std::string_view text(reinterpret_cast<const char *>(file.data()) + 8, headerLength);
    const Json header = parseStrict(text, label);
    if (!header.is_object())
        throw FormatError(label, "header is not a JSON object");

    const uint64_t dataStart = 8 + headerLength;
    const uint64_t dataSize = file.size() - dataStart;
    SafetensorsContents contents;
    std::vector<Span> spans;
    for (const auto &[key, value] : header.items()) {
        if (key == "__metadata__") {
            contents.metadata = readMetadata(value, label);
            continue;
        }
        Span span{0, 0, contents.tensors.size()};
        contents.tensors.push_back(readEntry(key, value, label, dataStart, dataSize, fileIndex, span));
        spans.push_back(span);
    }
    checkTiling(spans, contents.tensors, dataSize, label);

    // Storage order is the natural reading order (JSON object order is not kept).
    std::stable_sort(contents.tensors.begin(), contents.tensors.end(),
                     [](const TensorInfo &a, const TensorInfo &b) { return a.offset < b.offset; });
    return contents;
}

std::shared_ptr<const Model> openSafetensorsFile(const std::filesystem::path &path)
{
    std::shared_ptr<const MappedFile> file = MappedFile::open(path);
    SafetensorsContents contents = parseSafetensors(file->bytes(), file->label(), 0);

    ArchitectureSummary architecture;
    const std::filesystem::path config = path.parent_path() / "config.json";
    std::error_code ec;
    if (std::filesystem::is_regular_file(config, ec))
        architecture = readHfConfigFile(config);
    std::vector<std::shared_ptr<const MappedFile>> files{std::move(file)};
    // A GPTQ/AWQ file's packed weights, as its directory's quantization config says.
    assemblePackedTensors(readQuantizationConfig(path.parent_path().empty() ? "." : path.parent_path()),
                          contents.tensors, files, path.string());

    return std::make_shared<const Model>(ModelFormat::Safetensors, path.string(), std::move(architecture),
                                         std::move(contents.tensors), std::move(files), std::move(contents.metadata));
}

} // namespace bitcliff
