#include "tokenize/utf8.h"

namespace bitcliff::utf8 {

size_t sequenceLength(std::string_view text, size_t offset)
{
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[offset + i]); };
    const size_t left = text.size() - offset;
    const unsigned char lead = byte(0);
    if (lead < 0x80)
        return 1;
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0; // overlong
        else if (lead == 0xED)
            high = 0x9F; // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90; // overlong
        else if (lead == 0xF4)
            high = 0x8F; // above U+10FFFF
    } else {
        return 0;
    }
    if (left < length || byte(1) < low || byte(1) > high)
        return 0;
    for (size_t i = 2; i < length; ++i)
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
    return length;
}

size_t firstInvalid(std::string_view text)
{
    size_t i = 0;
    while (i < text.size()) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const size_t length = sequenceLength(text, i);
        if (length == 0)
            return i;
        i += length;
    }
    return std::string_view::npos;
}

char32_t codePointAt(std::string_view text, size_t offset)
{
    const auto byte = [&](size_t i) { return char32_t(static_cast<unsigned char>(text[offset + i])); };
    switch (sequenceLength(text, offset)) {
    case 1:
        return byte(0);
    case 2:
        return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
    case 3:
        return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    case 4:
        return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    default:
        return 0xFFFD;
    }
}

void append(std::string &out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

std::string repaired(std::string_view bytes)
{
    if (firstInvalid(bytes) == std::string_view::npos)
        return std::string(bytes);
    std::string out;
    out.reserve(bytes.size() + 8);
    size_t i = 0;
    while (i < bytes.size()) {
        const size_t length = sequenceLength(bytes, i);
        if (length > 0) {
            out.append(bytes.substr(i, length));
            i += length;
            continue;
        }
        // A truncated but otherwise well-formed prefix counts as one invalid sequence.
        size_t skip = 1;
        const auto lead = static_cast<unsigned char>(bytes[i]);
        const size_t expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 1;
        while (skip < expected && i + skip < bytes.size()) {
            const std::string_view probe = bytes.substr(i, skip + 1);
            // Keep consuming while the bytes so far could still begin a valid sequence.
            std::string padded(probe);
            padded.append(expected - probe.size(), '\x80');
            if (sequenceLength(padded, 0) == 0)
                break;
            ++skip;
        }
        out += "\xEF\xBF\xBD";
        i += skip;
    }
    return out;
}

} // namespace bitcliff::utf8
