#include "util/prefixregex.h"

#include "util/error.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace bitcliff {

struct PrefixRegex::Code
{
    pcre2_code *code = nullptr;
    ~Code() { pcre2_code_free(code); }
};

PrefixRegex::PrefixRegex(const std::string &pattern)
{
    auto compiled = std::make_shared<Code>();
    int error = 0;
    PCRE2_SIZE offset = 0;
    compiled->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_UTF | PCRE2_ANCHORED, &error, &offset, nullptr);
    if (!compiled->code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw Error("regular expression '" + pattern + "': " + reinterpret_cast<const char *>(message) + " at offset "
                    + std::to_string(offset));
    }
    m_code = std::move(compiled);
}

bool PrefixRegex::matchesFromStart(std::string_view text) const
{
    if (!m_code)
        return false;
    pcre2_match_data *data = pcre2_match_data_create_from_pattern(m_code->code, nullptr);
    const int result = pcre2_match(m_code->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0,
                                   PCRE2_NO_UTF_CHECK, data, nullptr);
    pcre2_match_data_free(data);
    return result >= 0;
}

} // namespace bitcliff
