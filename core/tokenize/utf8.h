#pragma once
// UTF-8 helpers for the tokenizers: validation, code points and the lossy repair that
// Hugging Face's decoders apply to byte sequences that are not valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bitcliff::utf8 {

// Offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or npos when all is valid.
size_t firstInvalid(std::string_view text);

// Length of the valid sequence that starts at text[offset] (1-4), or 0 when none starts there.
size_t sequenceLength(std::string_view text, size_t offset);

// Decodes the valid sequence at text[offset] (see sequenceLength) into a code point.
char32_t codePointAt(std::string_view text, size_t offset);

void append(std::string &out, char32_t codePoint);

// `bytes` with every invalid sequence replaced by U+FFFD (one per maximal invalid run of
// bytes that cannot start a sequence, as Rust's from_utf8_lossy and JavaScript's TextDecoder).
std::string repaired(std::string_view bytes);

} // namespace bitcliff::utf8
