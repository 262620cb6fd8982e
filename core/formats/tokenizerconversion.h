#pragma once
// Hugging Face tokenizer.json -> GGUF tokenizer.ggml.* keys, as llama.cpp's
// converter writes them for the two BPE flavours of Llama/Mistral/Qwen2 checkpoints:
//   byte-level BPE (ByteLevel pre-tokenizer or decoder) -> model "gpt2": tokens, token_type
//     (1 normal, 3 control = special added token, 4 user-defined = other added token,
//     5 unused = "[PAD<id>]" filler), merges "a b" in rank order, pre "llama-bpe" (llama),
//     "qwen2" (qwen2) or "gpt-2".
//   SentencePiece-style BPE (byte_fallback, "▁" metaspace) -> model "llama": tokens, scores,
//     token_type (6 byte "<0xXX>", 2 "<unk>", 3 control, 4 user-defined). tokenizer.json
//     carries merges, not SentencePiece scores; llama.cpp's SPM tokenizer only needs scores
//     that order the pieces, so a piece scores minus the rank of the first merge that makes
//     it (SPM then merges in BPE's order; ids do not follow it: Llama-2's "▁▁▁▁" is id 260
//     but merged late), pieces no merge makes score below all.
// Special ids come from tokenizer_config.json (bos/eos/pad/unk token strings), falling back to
// config.json's bos_token_id / eos_token_id; add_bos_token, add_eos_token and chat_template
// from tokenizer_config.json.
#include "formats/ggufwriter.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace bitcliff {

struct TokenizerConversion
{
    GgufMetadata metadata; // empty when nothing was converted
    std::string note;      // why no tokenizer was written; empty when one was
};

// `tokenizerConfigJson` and `configJson` may be empty. Tokens are padded with "[PAD<id>]" up
// to `vocabSize` (the embedding rows). Throws FormatError(label...) for malformed JSON.
TokenizerConversion convertHfTokenizer(std::string_view tokenizerJson, std::string_view tokenizerConfigJson,
                                       std::string_view configJson, const std::string &ggufArchitecture,
                                       int vocabSize, const std::string &label);

// Reads tokenizer.json, tokenizer_config.json and config.json from `directory`; without a
// tokenizer.json the result is empty with a note.
TokenizerConversion convertHfTokenizerDirectory(const std::filesystem::path &directory,
                                                const std::string &ggufArchitecture, int vocabSize);

} // namespace bitcliff
