#pragma once
// Hand-made tokenizer.json files for the tokenizer tests: small vocabularies whose merges
// the tests choose, in the two BPE flavours (byte-level and SentencePiece).
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace bitcliff::test {

using Merges = std::vector<std::pair<std::string, std::string>>;

// Byte-level BPE (GPT-2 style): ids 0-255 are the single bytes (id = byte value, in
// byte-level spelling), then every merge's result in merge order. `merges` are plain text
// ("h", "e"); they are written in byte-level spelling. Pre-tokenizer: ByteLevel with the
// GPT-2 regex; decoder ByteLevel; no added tokens.
nlohmann::ordered_json byteLevelTokenizer(const Merges &merges);

// SentencePiece-style BPE (Llama-2 style): <unk> 0, <s> 1, </s> 2 (added, special), <0x00>-
// <0xFF> 3-258, then `pieces` (single characters, "▁" for a space), then every merge's
// result. Normalizer Prepend "▁" + Replace " " -> "▁", byte fallback, fuse_unk, decoder
// Replace / ByteFallback / Fuse / Strip.
nlohmann::ordered_json sentencePieceTokenizer(const std::vector<std::string> &pieces, const Merges &merges);

// {"id", "content", "special", "lstrip", "rstrip", "single_word", "normalized"}.
nlohmann::ordered_json addedToken(int id, const std::string &content, bool special = true);

// The id of `token` (as spelled in the vocabulary) in a fixture's model.vocab.
int vocabId(const nlohmann::ordered_json &tokenizer, const std::string &token);

void writeTextFile(const std::filesystem::path &path, const std::string &content);

// The largest id in a tokenizer.json (model vocabulary and added tokens) + 1: the vocabulary
// size a model needs for it.
int tokenizerVocabularySize(const std::filesystem::path &tokenizerJson);

} // namespace bitcliff::test
