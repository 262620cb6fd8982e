#pragma once
// Quoting text for POSIX shells (sh, dash, bash), for the scripts BitCliff writes.
#include <string>
#include <string_view>

namespace bitcliff {

// `text` as one shell word that expands to exactly `text`: single quotes around it, each
// single quote inside written as '\''. Safe for any bytes but NUL ("" for the empty text).
std::string shellQuoted(std::string_view text);

} // namespace bitcliff
