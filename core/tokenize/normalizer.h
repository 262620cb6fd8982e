#pragma once
// The text normalizers of Hugging Face tokenizer.json that BPE models use: Unicode
// normalization forms (ICU), Prepend, Replace (string or regex), Strip and Lowercase,
// applied in order. Immutable; thread-safe.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bitcliff {

class SplitPattern;

struct NormalizerStep
{
    enum class Kind { Nfc, Nfd, Nfkc, Nfkd, Prepend, Replace, Strip, Lowercase };
    Kind kind = Kind::Nfc;
    std::string text;    // Prepend: what to prepend; Replace: the replacement
    std::shared_ptr<const SplitPattern> pattern; // Replace: what to replace
    bool left = false, right = false; // Strip
};

class Normalizer
{
public:
    Normalizer() = default;
    explicit Normalizer(std::vector<NormalizerStep> steps);

    bool empty() const { return m_steps.empty(); }
    // `text` is valid UTF-8; so is the result.
    std::string apply(std::string_view text) const;

private:
    std::vector<NormalizerStep> m_steps;
};

// SentencePiece's escaping as llama.cpp and Llama-2's tokenizer.json do it: spaces become
// "▁" (U+2581), and with `prependSpace` one "▁" goes before the text.
std::vector<NormalizerStep> sentencePieceEscaping(bool prependSpace);

// Whether `c` counts as part of a word for an added token's single_word (Rust regex \w).
bool isWordCharacter(char32_t c);
// Unicode White_Space (what an added token's lstrip/rstrip swallow).
bool isWhiteSpace(char32_t c);

} // namespace bitcliff
