#pragma once
// Added and special tokens ("<|begin_of_text|>", "<s>", "<think>"...): found in the text
// before anything else, leftmost-longest, with tokenizer.json's lstrip / rstrip /
// single_word options as Hugging Face's AddedVocabulary applies them.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bitcliff {

struct AddedToken
{
    std::string content;
    int32_t id = -1;
    bool special = false;
    bool lstrip = false;     // swallows the whitespace before it
    bool rstrip = false;     // swallows the whitespace after it
    bool singleWord = false; // only matches when no word character touches it
    bool normalized = false; // matched in the normalized text instead of the raw text
};

class AddedTokenMatcher
{
public:
    struct Piece
    {
        size_t begin = 0, end = 0;
        int32_t id = -1; // -1: plain text to tokenize
    };

    AddedTokenMatcher() = default;
    // `tokens` with an empty content are ignored.
    explicit AddedTokenMatcher(std::vector<AddedToken> tokens);

    bool empty() const { return m_tokens.empty(); }
    // Covers `text` with pieces in order: plain text and matched tokens.
    void split(std::string_view text, std::vector<Piece> &pieces) const;

private:
    // Index into m_tokens of the longest token at text[position], or -1.
    int longestAt(std::string_view text, size_t position) const;

    std::vector<AddedToken> m_tokens;
    std::array<std::vector<int>, 256> m_byFirstByte; // longest first
};

} // namespace bitcliff
