#pragma once
// GGUF tokenizer.ggml.* keys -> TokenizerSpec, as llama.cpp reads them:
// model "gpt2" (byte-level BPE with merges and the pre-tokenizer named by
// tokenizer.ggml.pre) or "llama" (SentencePiece with scores and <0xXX> byte tokens).
#include "formats/gguf.h"
#include "tokenize/tokenizerspec.h"

namespace bitcliff {

// Throws FormatError(label, ...) when the file has no tokenizer, an unsupported one, or
// keys of the wrong type.
TokenizerSpec ggufTokenizerSpec(const GgufContents &contents, const std::string &label);

} // namespace bitcliff
