#pragma once
// A regular expression matched from the start of a text, as Python's re.match does (module
// patterns in GPTQModel's `dynamic` and compressed-tensors' "re:" targets). PCRE2, whose
// syntax is Python's for such patterns; std::regex is not used (GCC 12's <regex> trips
// -Wmaybe-uninitialized in the sanitizer build).
#include <memory>
#include <string>
#include <string_view>

namespace bitcliff {

class PrefixRegex
{
public:
    PrefixRegex() = default; // matches nothing
    // Throws Error with PCRE2's reason when `pattern` does not compile.
    explicit PrefixRegex(const std::string &pattern);

    bool matchesFromStart(std::string_view text) const;

private:
    struct Code;
    std::shared_ptr<const Code> m_code; // immutable once compiled: copies share it
};

} // namespace bitcliff
