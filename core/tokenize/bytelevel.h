#pragma once
// GPT-2's byte <-> character map (openai/gpt-2 encoder.py bytes_to_unicode): byte-level BPE vocabularies spell every
// byte as one printable character. Bytes 0x21-0x7E, 0xA1-0xAC and 0xAE-0xFF stand for
// themselves; the other 68 map, in increasing order, to U+0100, U+0101, ... (space -> 'Ġ').
#include <optional>
#include <string>
#include <string_view>

namespace bitcliff::bytelevel {

char32_t characterOf(unsigned char byte);

// The bytes a byte-level token spells ("Ġworld" -> " world"); nullopt when `token` holds a
// character outside the map (added tokens are written as plain text).
std::optional<std::string> decodeToken(std::string_view token);

// The byte-level spelling of `bytes` (" world" -> "Ġworld").
std::string encodeBytes(std::string_view bytes);

} // namespace bitcliff::bytelevel
