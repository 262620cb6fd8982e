#pragma once
// Text <-> token ids, as the model's own tokenizer does it: byte-level BPE
// (GPT-2, Llama-3, Qwen2, SmolLM) and SentencePiece-style BPE with byte fallback (Llama-2,
// Mistral, TinyLlama), from tokenizer.json or from a GGUF file's tokenizer.ggml.* keys.
// Immutable once built; share it between threads.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bitcliff {

class Model;

class Tokenizer
{
public:
    virtual ~Tokenizer() = default;

    // Ids of `text` (UTF-8). Added/special tokens written literally in the text are
    // recognised. `addBos` prepends the BOS token (when the vocabulary has one).
    virtual std::vector<int32_t> encode(std::string_view text, bool addBos = false) const = 0;
    // UTF-8 text of `ids`; special tokens are written as their text.
    virtual std::string decode(std::span<const int32_t> ids) const = 0;

    virtual int vocabSize() const = 0;
    virtual int32_t bosId() const = 0;   // -1 when none
    virtual int32_t eosId() const = 0;   // -1 when none
    // Whether the model's own setup adds BOS (tokenizer_config add_bos_token / post-processor,
    // GGUF tokenizer.ggml.add_bos_token, defaults as llama.cpp applies them).
    virtual bool addsBos() const = 0;
    virtual std::string_view kind() const = 0; // "byte-level BPE" / "SentencePiece BPE"

    // The token as the vocabulary spells it ("Ġworld", "▁the", "<0x0A>", "<s>"), as Hugging
    // Face's convert_ids_to_tokens gives it; empty for an id outside the vocabulary.
    virtual std::string piece(int32_t id) const { return decode(std::span<const int32_t>(&id, 1)); }
};

// From a tokenizer.json file, a Hugging Face checkpoint directory (tokenizer.json +
// tokenizer_config.json) or a GGUF file. Throws Error/FormatError with one clear line
// ("no tokenizer.json in <dir>", "GGUF has no tokenizer.ggml.tokens"...).
std::shared_ptr<const Tokenizer> loadTokenizer(const std::filesystem::path &path);

// From the text of a tokenizer.json and, when not empty, of its tokenizer_config.json;
// `label` names it in errors. Throws FormatError.
std::shared_ptr<const Tokenizer> tokenizerFromJson(std::string_view tokenizerJson,
                                                   std::string_view tokenizerConfigJson = {},
                                                   const std::string &label = "tokenizer.json");

// The tokenizer that belongs to an opened model (its directory or GGUF). Throws Error
// ("<model>: no tokenizer ...") when it has none.
std::shared_ptr<const Tokenizer> tokenizerForModel(const Model &model);

} // namespace bitcliff
