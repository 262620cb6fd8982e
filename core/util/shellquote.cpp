#include "util/shellquote.h"

namespace bitcliff {

std::string shellQuoted(std::string_view text)
{
    // Inside single quotes nothing is special but the closing quote itself, so a quote ends
    // the quoted part, is written escaped, and a new quoted part begins.
    std::string quoted = "'";
    for (const char c : text) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    quoted += '\'';
    return quoted;
}

} // namespace bitcliff
