#include "demo/demotokenizer.h"

#include "tokenize/bytelevel.h"

#include <nlohmann/json.hpp>

namespace bitcliff {

std::string demoTokenizerJson()
{
    nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
    for (int byte = 0; byte < 256; ++byte)
        vocab[bytelevel::encodeBytes(std::string(1, char(byte)))] = byte;
    const nlohmann::ordered_json tokenizer = {
        {"version", "1.0"},
        {"added_tokens", nlohmann::ordered_json::array()},
        {"normalizer", nullptr},
        {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}}},
        {"post_processor", nullptr},
        {"decoder", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}, {"use_regex", true}}},
        {"model",
         {{"type", "BPE"},
          {"dropout", nullptr},
          {"unk_token", nullptr},
          {"byte_fallback", false},
          {"ignore_merges", false},
          {"vocab", vocab},
          {"merges", nlohmann::ordered_json::array()}}},
    };
    return tokenizer.dump() + "\n";
}

} // namespace bitcliff
