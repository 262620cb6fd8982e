#pragma once
// Everything a BPE tokenizer is built from, whether read from tokenizer.json or from a GGUF
// file's tokenizer.ggml.* keys (see hftokenizerjson.h, gguftokenizer.h).
#include "tokenize/addedtokens.h"
#include "tokenize/normalizer.h"
#include "tokenize/pretokenizer.h"
#include "tokenize/tokenizer.h"
#include "tokenize/vocabulary.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bitcliff {

struct TokenizerSpec
{
    enum class Algorithm {
        ByteLevelBpe,       // GPT-2 style: bytes spelled as characters, rank-based merges
        SentencePieceBpe,   // tokenizer.json BPE over characters with <0xXX> byte fallback
        SentencePieceScores // llama.cpp's SPM: score-based merges (GGUF "llama")
    };
    Algorithm algorithm = Algorithm::ByteLevelBpe;
    std::string label; // file named in errors

    // Indexed by id. Byte-level normal tokens are in their byte-level spelling ("Ġworld");
    // added tokens are plain text.
    std::vector<std::string> tokens;
    std::vector<TokenType> types;
    std::vector<float> scores; // SentencePieceScores
    // Merges in rank order, as spelled in `tokens`.
    std::vector<std::pair<std::string, std::string>> merges;
    std::vector<AddedToken> addedTokens;

    std::vector<NormalizerStep> normalizer;
    PreTokenizer preTokenizer;

    bool ignoreMerges = false;
    bool byteFallback = false;
    bool fuseUnknown = false;
    int32_t unknownId = -1;
    int32_t bosId = -1;
    int32_t eosId = -1;
    bool addsBos = false;
    bool stripLeadingSpace = false; // SentencePiece decode drops the space the encoder added
};

// Throws FormatError(label, ...) when the spec is inconsistent (no tokens, a byte-level
// vocabulary without single-byte tokens...).
std::shared_ptr<const Tokenizer> buildTokenizer(TokenizerSpec spec);

} // namespace bitcliff
