#pragma once
// A Hugging Face `Split` step: a regular expression (PCRE2 with Unicode properties, JIT
// compiled when available) or a literal string, and what to do with its matches.
// Compiled once; splitting is thread-safe.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bitcliff {

enum class SplitBehavior { Isolated, Removed, MergedWithPrevious, MergedWithNext, Contiguous };

class SplitPattern
{
public:
    // `regex` false: `pattern` is matched literally. Throws Error naming the pattern and
    // PCRE2's reason when it does not compile.
    SplitPattern(const std::string &pattern, bool regex, SplitBehavior behavior = SplitBehavior::Isolated,
                 bool invert = false);
    ~SplitPattern();
    SplitPattern(const SplitPattern &) = delete;
    SplitPattern &operator=(const SplitPattern &) = delete;

    // Appends the non-empty pieces of `text` (valid UTF-8) to `pieces`, views into `text`,
    // in order, as HF's pre-tokenizer splits them.
    void split(std::string_view text, std::vector<std::string_view> &pieces) const;

    // The non-empty matches of `text` as (begin, end) byte offsets.
    void findAll(std::string_view text, std::vector<std::pair<size_t, size_t>> &matches) const;

private:
    struct Code;
    std::unique_ptr<Code> m_code;
    SplitBehavior m_behavior;
    bool m_invert;
};

} // namespace bitcliff
