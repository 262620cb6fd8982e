#pragma once
// Pre-tokenization: how a text segment is cut into the words that BPE merges within, as
// tokenizer.json describes it: regex splits (`Split`, `ByteLevel` use_regex, `Digits`),
// optionally after a text transform (`ByteLevel` add_prefix_space, `Metaspace`).
// Immutable once built; thread-safe.
#include "tokenize/splitpattern.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bitcliff {

namespace pretokenizerpatterns {
extern const char *const kGpt2;
extern const char *const kLlama3;
extern const char *const kQwen2;
} // namespace pretokenizerpatterns

enum class PrependScheme { Always, First, Never };

class PreTokenizer
{
public:
    // Splits every current piece with `pattern`, in the order added.
    void addSplit(std::shared_ptr<const SplitPattern> pattern);
    void addRegexSplit(const std::string &regex) { addSplit(std::make_shared<const SplitPattern>(regex, true)); }
    // ByteLevel add_prefix_space: a space before a segment that does not start with one.
    void setPrefixSpace(bool on) { m_prefixSpace = on; }
    // Metaspace: spaces become `replacement`, which is prepended per `scheme`; `split` cuts
    // before every replacement character.
    void setMetaspace(std::string replacement, PrependScheme scheme, bool split);

    bool hasSplits() const { return !m_splits.empty(); }
    bool hasTransform() const { return m_prefixSpace || !m_replacement.empty(); }

    // Appends the pieces of `text` to `pieces`; they view `text` or `storage`.
    // `atTextStart`: the segment begins the whole text (Metaspace "first").
    void apply(std::string_view text, bool atTextStart, std::string &storage,
               std::vector<std::string_view> &pieces) const;

    // The pre-tokenizer llama.cpp uses for a GGUF tokenizer.ggml.pre value of a byte-level
    // vocabulary; throws Error for names it does not know.
    static PreTokenizer forGgufPre(const std::string &pre);

private:
    std::vector<std::shared_ptr<const SplitPattern>> m_splits;
    bool m_prefixSpace = false;
    std::string m_replacement; // Metaspace when not empty
    PrependScheme m_scheme = PrependScheme::Always;
};

} // namespace bitcliff
