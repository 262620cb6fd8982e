#pragma once
// Reading Hugging Face tokenizer files (tokenizer.json, tokenizer_config.json, config.json):
// the pieces both the tokenizers (hftokenizerspec.cpp) and the GGUF export's tokenizer
// conversion (formats/tokenizerconversion.cpp) need. Internal to the core.
#include "tokenize/tokenizerspec.h"
#include "tokenize/vocabulary.h"

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bitcliff::hfjson {

using Json = nlohmann::json;

// A JSON object parsed from `text` ({} when `text` is empty). Throws FormatError(label, ...)
// with the parser's reason.
Json parseObject(std::string_view text, const std::string &label);

// object[key], or a null value when absent.
const Json &member(const Json &object, const char *key);
bool boolMember(const Json &object, const char *key, bool fallback = false);
std::string stringMember(const Json &object, const char *key);

// A token given as "<s>" or {"content": "<s>", ...}; empty otherwise.
std::string tokenText(const Json &value);

// True when `node`, or any component of a Sequence below it, has type `type`.
bool hasComponent(const Json &node, std::string_view type);

enum class BpeStyle { ByteLevel, SentencePiece, Neither };
// How the BPE model of a tokenizer.json spells its tokens: ByteLevel pre-tokenizer or
// decoder -> byte-level; byte_fallback, Metaspace or a "▁" normalizer -> SentencePiece.
BpeStyle bpeStyle(const Json &tokenizer);

// model.vocab plus added_tokens by id, with their token types (added special tokens are
// Control, other added tokens UserDefined; SentencePiece "<0xXX>" pieces Byte, "<unk>"
// Unknown). Throws FormatError for a missing vocab or invalid ids.
std::map<int64_t, std::pair<std::string, TokenType>> readVocabulary(const Json &tokenizer, bool sentencePiece,
                                                                    const std::string &label);

// model.merges as "a b" strings or ["a", "b"] pairs, in rank order.
std::vector<std::pair<std::string, std::string>> readMerges(const Json &merges, const std::string &label);

// The whole file; empty when it does not exist. Throws Error when it cannot be read or is
// far larger than any tokenizer file.
std::string readTextFile(const std::filesystem::path &path);

// A tokenizer.json (with tokenizer_config.json and config.json, either may be empty) as a
// tokenizer spec. Throws FormatError(label, ...) for malformed JSON or unsupported parts.
TokenizerSpec readTokenizerSpec(std::string_view tokenizerJson, std::string_view tokenizerConfigJson,
                                std::string_view configJson, const std::string &label);

} // namespace bitcliff::hfjson
