#pragma once
// The Tokenizer of every BPE flavour (tokenizerspec.h): added tokens first, then per text
// segment normalization, pre-tokenization and merging, with a per-call cache of words.
#include "tokenize/bpemerges.h"
#include "tokenize/spmmerges.h"
#include "tokenize/tokenizerspec.h"

#include <array>
#include <memory>

namespace bitcliff {

class BpeTokenizer final : public Tokenizer
{
public:
    explicit BpeTokenizer(TokenizerSpec spec);

    std::vector<int32_t> encode(std::string_view text, bool addBos = false) const override;
    std::string decode(std::span<const int32_t> ids) const override;
    std::string piece(int32_t id) const override;

    int vocabSize() const override { return m_vocabulary.size(); }
    int32_t bosId() const override { return m_bosId; }
    int32_t eosId() const override { return m_eosId; }
    bool addsBos() const override { return m_addsBos; }
    std::string_view kind() const override;

private:
    struct EncodeState;
    void encodeSegment(std::string_view segment, bool atTextStart, EncodeState &state,
                       std::vector<int32_t> &ids) const;
    void encodeWord(std::string_view word, EncodeState &state, std::vector<int32_t> &ids) const;
    // The starting symbols of `word` before any merge.
    void initialSymbols(std::string_view word, std::vector<int32_t> &symbols) const;
    std::string decodeByteLevel(std::span<const int32_t> ids) const;
    std::string decodeSentencePiece(std::span<const int32_t> ids) const;

    TokenizerSpec::Algorithm m_algorithm;
    Vocabulary m_vocabulary; // byte-level normal tokens hold their bytes
    std::vector<float> m_scores;
    BpeMerges m_merges;
    std::unique_ptr<SpmMerger> m_spm;
    AddedTokenMatcher m_rawAdded;
    AddedTokenMatcher m_normalizedAdded;
    Normalizer m_normalizer;
    PreTokenizer m_preTokenizer;
    std::array<int32_t, 256> m_byteIds{}; // single-byte token (byte-level) or <0xXX> token
    std::vector<int32_t> m_plainPieces;   // byte-level tokens not in byte-level spelling, sorted
    bool m_ignoreMerges;
    bool m_byteFallback;
    bool m_fuseUnknown;
    int32_t m_unknownId;
    int32_t m_bosId;
    int32_t m_eosId;
    bool m_addsBos;
    bool m_stripLeadingSpace;
};

} // namespace bitcliff
