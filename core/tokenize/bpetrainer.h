#pragma once
// Trains a byte-level BPE tokenizer (GPT-2 / Qwen2 style) on sample texts and writes it as a
// Hugging Face tokenizer.json that BitCliff's tokenizer reads and the GGUF export converts:
//   pre-tokenizer  Qwen2's split regex (pretokenizerpatterns::kQwen2: every digit alone, in
//                  any script, so arithmetic is learned digit by digit), then ByteLevel;
//                  the GGUF export names it "qwen2", which llama.cpp applies the same.
//   vocabulary     the 256 bytes (id = byte value), one token per merge in merge order, then
//                  the BOS and EOS special tokens. No normalizer (llama.cpp applies none).
//   BOS            added by a TemplateProcessing post-processor and by tokenizer_config.json's
//                  add_bos_token (the GGUF export reads bos/eos/add_bos from there).
// Merging follows the classic trainer: count the pre-tokenized words, then repeatedly merge
// the most frequent adjacent pair, ties broken by the smaller (left id, right id); the same
// texts always give the same bytes.
#include "util/progress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitcliff {

struct BpeTrainerOptions
{
    int vocabSize = 512;        // everything: 256 bytes + merged tokens + the two special tokens
    std::string bosToken = "<|begin_of_text|>";
    std::string eosToken = "<|end_of_text|>";
    int64_t minPairCount = 2;   // merging stops earlier when no pair occurs this often
};

struct BpeTrainingResult
{
    std::string tokenizerJson;       // tokenizer.json
    std::string tokenizerConfigJson; // tokenizer_config.json: bos/eos tokens, add_bos_token
    int vocabSize = 0;               // as built: below the target when pairs ran out
    int mergeCount = 0;              // may exceed the new tokens: two merges can make one token
    int32_t bosId = -1;
    int32_t eosId = -1;
};

// Throws Error for a target below 258 or text that is not valid UTF-8 (naming the text's
// index), Cancelled when `progress` asks to stop.
BpeTrainingResult trainByteLevelBpe(const std::vector<std::string> &texts, const BpeTrainerOptions &options = {},
                                    const ProgressCallback &progress = {});

} // namespace bitcliff
