#pragma once
// llama.cpp's SentencePiece (SPM) tokenizer for GGUF vocabularies: split
// the text into UTF-8 characters, repeatedly merge the adjacent pair whose concatenation is
// a token with the highest score (ties to the left), then write every symbol that is no
// token as its <0xXX> byte tokens.
#include "tokenize/vocabulary.h"

#include <string_view>
#include <vector>

namespace bitcliff {

class SpmMerger
{
public:
    // `vocabulary` and `scores` (one per id) must outlive the merger.
    SpmMerger(const Vocabulary &vocabulary, const std::vector<float> &scores, int32_t unknownId);

    // Appends the ids of `text` (spaces already escaped as "▁") to `out`.
    void encode(std::string_view text, std::vector<int32_t> &out) const;

private:
    const Vocabulary &m_vocabulary;
    const std::vector<float> &m_scores;
    int32_t m_unknownId;
    std::vector<int32_t> m_byteIds; // <0xXX> token of every byte, -1 when missing
};

} // namespace bitcliff
