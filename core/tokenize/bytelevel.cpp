#include "tokenize/bytelevel.h"

#include "tokenize/utf8.h"

#include <array>

namespace bitcliff::bytelevel {

namespace {

struct ByteMap
{
    std::array<char32_t, 256> character{};
    std::array<int16_t, 0x144> byteOf{}; // every mapped character is below U+0144

    ByteMap()
    {
        byteOf.fill(-1);
        char32_t next = 0x100;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            character[size_t(b)] = printable ? char32_t(b) : next++;
            byteOf[character[size_t(b)]] = int16_t(b);
        }
    }
};

const ByteMap &byteMap()
{
    static const ByteMap map;
    return map;
}

} // namespace

char32_t characterOf(unsigned char byte) { return byteMap().character[byte]; }

std::optional<std::string> decodeToken(std::string_view token)
{
    const ByteMap &map = byteMap();
    std::string bytes;
    bytes.reserve(token.size());
    for (size_t i = 0; i < token.size();) {
        const size_t length = utf8::sequenceLength(token, i);
        if (length == 0)
            return std::nullopt;
        const char32_t c = utf8::codePointAt(token, i);
        if (c >= map.byteOf.size() || map.byteOf[c] < 0)
            return std::nullopt;
        bytes += char(map.byteOf[c]);
        i += length;
    }
    return bytes;
}

std::string encodeBytes(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char b : bytes)
        utf8::append(out, characterOf(static_cast<unsigned char>(b)));
    return out;
}

} // namespace bitcliff::bytelevel
