#include "tokenize/pretokenizer.h"

#include "util/error.h"

namespace bitcliff {

namespace pretokenizerpatterns {
const char *const kGpt2 = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
const char *const kLlama3 = R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
const char *const kQwen2 = R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
} // namespace pretokenizerpatterns

void PreTokenizer::addSplit(std::shared_ptr<const SplitPattern> pattern) { m_splits.push_back(std::move(pattern)); }

void PreTokenizer::setMetaspace(std::string replacement, PrependScheme scheme, bool split)
{
    m_replacement = std::move(replacement);
    m_scheme = scheme;
    if (split && !m_replacement.empty())
        m_splits.push_back(std::make_shared<const SplitPattern>(m_replacement, false, SplitBehavior::MergedWithNext));
}

void PreTokenizer::apply(std::string_view text, bool atTextStart, std::string &storage,
                         std::vector<std::string_view> &pieces) const
{
    std::string_view current = text;
    if (!m_replacement.empty()) {
        storage.clear();
        const bool prepend = m_scheme == PrependScheme::Always || (m_scheme == PrependScheme::First && atTextStart);
        if (prepend && !text.starts_with(m_replacement) && !text.starts_with(' '))
            storage += m_replacement;
        for (const char c : text) {
            if (c == ' ')
                storage += m_replacement;
            else
                storage += c;
        }
        current = storage;
    } else if (m_prefixSpace && !text.starts_with(' ')) {
        storage.assign(1, ' ');
        storage.append(text);
        current = storage;
    }
    if (m_splits.empty()) {
        pieces.push_back(current);
        return;
    }
    std::vector<std::string_view> parts{current}, next;
    for (size_t step = 0; step < m_splits.size(); ++step) {
        std::vector<std::string_view> &target = step + 1 == m_splits.size() ? pieces : next;
        for (const std::string_view part : parts)
            m_splits[step]->split(part, target);
        if (&target == &next) {
            parts.swap(next);
            next.clear();
        }
    }
}

PreTokenizer PreTokenizer::forGgufPre(const std::string &pre)
{
    PreTokenizer result;
    if (pre == "llama-bpe" || pre == "llama3" || pre == "llama-v3") {
        result.addRegexSplit(pretokenizerpatterns::kLlama3);
    } else if (pre == "qwen2") {
        result.addRegexSplit(pretokenizerpatterns::kQwen2);
    } else if (pre == "smollm") {
        result.addSplit(std::make_shared<const SplitPattern>(R"(\p{N})", true));
        result.addRegexSplit(pretokenizerpatterns::kGpt2);
    } else if (pre.empty() || pre == "gpt-2" || pre == "default") {
        result.addRegexSplit(pretokenizerpatterns::kGpt2);
    } else {
        throw Error("pre-tokenizer '" + pre
                    + "' is not supported (supported: llama-bpe, llama3, qwen2, smollm, gpt-2, default)");
    }
    return result;
}

} // namespace bitcliff
