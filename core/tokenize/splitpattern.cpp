#include "tokenize/splitpattern.h"

#include "formats/safetensors.h"
#include "util/error.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>

namespace bitcliff {

struct SplitPattern::Code
{
    pcre2_code *code = nullptr;
    ~Code() { pcre2_code_free(code); }
};

namespace {

// One match-data block per thread, enough for the whole-match offsets.
pcre2_match_data *threadMatchData()
{
    struct Holder
    {
        pcre2_match_data *data = pcre2_match_data_create(1, nullptr);
        ~Holder() { pcre2_match_data_free(data); }
    };
    thread_local Holder holder;
    if (!holder.data)
        throw Error("out of memory for a regular expression match");
    return holder.data;
}

std::string pcre2Message(int code)
{
    PCRE2_UCHAR buffer[256];
    const int length = pcre2_get_error_message(code, buffer, sizeof buffer);
    return length < 0 ? "error " + std::to_string(code) : std::string(reinterpret_cast<const char *>(buffer));
}

} // namespace

SplitPattern::SplitPattern(const std::string &pattern, bool regex, SplitBehavior behavior, bool invert)
    : m_code(std::make_unique<Code>())
    , m_behavior(behavior)
    , m_invert(invert)
{
    int error = 0;
    PCRE2_SIZE errorOffset = 0;
    const uint32_t options = PCRE2_UTF | (regex ? PCRE2_UCP : PCRE2_LITERAL);
    m_code->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error,
                                 &errorOffset, nullptr);
    if (!m_code->code)
        throw Error("regex '" + printableExcerpt(pattern) + "' does not compile at offset " + std::to_string(errorOffset)
                    + ": " + pcre2Message(error));
    pcre2_jit_compile(m_code->code, PCRE2_JIT_COMPLETE); // falls back to the interpreter when JIT is missing
}

SplitPattern::~SplitPattern() = default;

void SplitPattern::findAll(std::string_view text, std::vector<std::pair<size_t, size_t>> &matches) const
{
    pcre2_match_data *data = threadMatchData();
    const auto *subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    size_t start = 0;
    while (start < text.size()) {
        const int rc = pcre2_match(m_code->code, subject, text.size(), start, PCRE2_NO_UTF_CHECK, data, nullptr);
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0)
            throw Error("regex matching failed: " + pcre2Message(rc));
        const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(data);
        const size_t begin = ovector[0], end = ovector[1];
        if (end > begin) {
            matches.emplace_back(begin, end);
            start = end;
        } else {
            // An empty match: step over one character and search again.
            start = begin + 1;
            while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
                ++start;
        }
    }
}

void SplitPattern::split(std::string_view text, std::vector<std::string_view> &pieces) const
{
    struct Part
    {
        size_t begin, end;
        bool match;
    };
    std::vector<std::pair<size_t, size_t>> found;
    findAll(text, found);
    std::vector<Part> parts;
    parts.reserve(found.size() * 2 + 1);
    size_t previous = 0;
    for (const auto &[begin, end] : found) {
        if (begin > previous)
            parts.push_back({previous, begin, m_invert});
        parts.push_back({begin, end, !m_invert});
        previous = end;
    }
    if (previous < text.size())
        parts.push_back({previous, text.size(), m_invert});

    // Combine as tokenizers' NormalizedString::split does for each behaviour.
    std::vector<Part> out;
    out.reserve(parts.size());
    bool previousMatch = false;
    switch (m_behavior) {
    case SplitBehavior::Isolated:
        out = parts;
        break;
    case SplitBehavior::Removed:
        for (const Part &part : parts)
            if (!part.match)
                out.push_back(part);
        break;
    case SplitBehavior::MergedWithPrevious:
        for (const Part &part : parts) {
            if (part.match && !previousMatch && !out.empty())
                out.back().end = part.end;
            else
                out.push_back(part);
            previousMatch = part.match;
        }
        break;
    case SplitBehavior::MergedWithNext:
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
            if (it->match && !previousMatch && !out.empty())
                out.back().begin = it->begin;
            else
                out.push_back(*it);
            previousMatch = it->match;
        }
        std::reverse(out.begin(), out.end());
        break;
    case SplitBehavior::Contiguous:
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i > 0 && parts[i].match == previousMatch)
                out.back().end = parts[i].end;
            else
                out.push_back(parts[i]);
            previousMatch = parts[i].match;
        }
        break;
    }
    for (const Part &part : out)
        if (part.end > part.begin)
            pieces.push_back(text.substr(part.begin, part.end - part.begin));
}

} // namespace bitcliff
