// GGUF metadata: reading values (with their bounds checks) and showing them.
#include "formats/gguf.h"
#include "formats/ggufreader.h"

#include <charconv>
#include <cstdint>

namespace bitcliff {

namespace ggufdetail {

namespace {

// Arrays may nest (ggml allows it), but no real file goes deeper than this.
constexpr int kMaxArrayDepth = 3;

// Smallest encoded size of one value of `type`, so a count can be checked against the
// bytes left before anything is allocated.
uint64_t minimumValueSize(uint32_t type)
{
    switch (type) {
    case GgufType::U8:
    case GgufType::I8:
    case GgufType::Bool:
        return 1;
    case GgufType::U16:
    case GgufType::I16:
        return 2;
    case GgufType::U32:
    case GgufType::I32:
    case GgufType::F32:
        return 4;
    case GgufType::String: // u64 length
    case GgufType::U64:
    case GgufType::I64:
    case GgufType::F64:
        return 8;
    case GgufType::Array: // u32 element type + u64 count
        return 12;
    default:
        return 1;
    }
}

GgufValue makeValue(uint32_t type, auto payload)
{
    GgufValue value;
    value.type = type;
    value.value = std::move(payload);
    return value;
}

} // namespace

std::string quoteText(std::string_view text)
{
    constexpr size_t kMaxShown = 96;
    std::string out = "'";
    for (size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (text.size() > kMaxShown)
        out += "...";
    out += '\'';
    return out;
}

GgufValue readGgufValue(GgufCursor &cursor, uint32_t type, int depth, uint64_t &budget)
{
    if (budget == 0)
        cursor.fail("the metadata holds more values than any GGUF file needs; the file is corrupt");
    --budget;
    switch (type) {
    case GgufType::U8:
        return makeValue(type, uint64_t{cursor.read<uint8_t>("u8 value")});
    case GgufType::I8:
        return makeValue(type, int64_t{cursor.read<int8_t>("i8 value")});
    case GgufType::U16:
        return makeValue(type, uint64_t{cursor.read<uint16_t>("u16 value")});
    case GgufType::I16:
        return makeValue(type, int64_t{cursor.read<int16_t>("i16 value")});
    case GgufType::U32:
        return makeValue(type, uint64_t{cursor.read<uint32_t>("u32 value")});
    case GgufType::I32:
        return makeValue(type, int64_t{cursor.read<int32_t>("i32 value")});
    case GgufType::F32:
        return makeValue(type, double{cursor.read<float>("f32 value")});
    case GgufType::Bool:
        return makeValue(type, cursor.read<uint8_t>("bool value") != 0);
    case GgufType::String:
        return makeValue(type, std::string(cursor.string("string value")));
    case GgufType::U64:
        return makeValue(type, cursor.read<uint64_t>("u64 value"));
    case GgufType::I64:
        return makeValue(type, cursor.read<int64_t>("i64 value"));
    case GgufType::F64:
        return makeValue(type, cursor.read<double>("f64 value"));
    case GgufType::Array:
        break;
    default:
        cursor.fail("unknown value type " + std::to_string(type));
    }

    if (depth >= kMaxArrayDepth)
        cursor.fail("arrays nested more than " + std::to_string(kMaxArrayDepth) + " levels deep");
    const uint32_t elementType = cursor.read<uint32_t>("array element type");
    if (elementType > GgufType::F64)
        cursor.fail("unknown array element type " + std::to_string(elementType));
    const uint64_t count = cursor.read<uint64_t>("array length");
    const uint64_t elementSize = minimumValueSize(elementType);
    if (count > SIZE_MAX / sizeof(GgufValue) || count > cursor.remaining() / elementSize)
        cursor.fail("array of " + std::to_string(count) + " items cannot fit in the "
                    + std::to_string(cursor.remaining()) + " bytes left in the file");
    if (count > budget)
        cursor.fail("array of " + std::to_string(count)
                    + " items is larger than any GGUF file needs; the file is corrupt");
    GgufArray items;
    items.reserve(static_cast<size_t>(count));
    for (uint64_t i = 0; i < count; ++i)
        items.push_back(readGgufValue(cursor, elementType, depth + 1, budget));
    GgufValue array = makeValue(type, std::move(items));
    array.arrayType = elementType;
    return array;
}

} // namespace ggufdetail

namespace {

template <typename T>
std::string shortestText(T number)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
    return std::string(buffer, result.ptr);
}

// A string inside an array: quoted, control characters escaped, long ones cut.
std::string arrayItemText(const std::string &text)
{
    constexpr size_t kMaxShown = 48;
    std::string out = "\"";
    for (size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
        const char c = text[i];
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    if (text.size() > kMaxShown)
        out += "...";
    out += '"';
    return out;
}

} // namespace

std::string GgufValue::toDisplayString(size_t maxItems) const
{
    if (const auto *u = std::get_if<uint64_t>(&value))
        return std::to_string(*u);
    if (const auto *i = std::get_if<int64_t>(&value))
        return std::to_string(*i);
    if (const auto *d = std::get_if<double>(&value))
        return type == GgufType::F32 ? shortestText(static_cast<float>(*d)) : shortestText(*d);
    if (const auto *b = std::get_if<bool>(&value))
        return *b ? "true" : "false";
    if (const auto *s = std::get_if<std::string>(&value))
        return *s;
    const GgufArray &items = std::get<GgufArray>(value);
    std::string out = "[";
    const size_t shown = std::min(items.size(), maxItems);
    for (size_t i = 0; i < shown; ++i) {
        if (i > 0)
            out += ", ";
        const GgufValue &item = items[i];
        if (const auto *s = std::get_if<std::string>(&item.value))
            out += arrayItemText(*s);
        else
            out += item.toDisplayString(std::min<size_t>(maxItems, 3));
    }
    if (shown < items.size())
        out += (shown > 0 ? ", ... (" : "... (") + std::to_string(items.size()) + " items)";
    out += ']';
    return out;
}

const GgufValue *GgufContents::find(std::string_view key) const
{
    for (const auto &[name, value] : metadata)
        if (name == key)
            return &value;
    return nullptr;
}

} // namespace bitcliff
