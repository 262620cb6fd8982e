#include "train/checkpointconfig.h"

#include "util/error.h"

#include <charconv>
#include <cstdlib>

namespace bitcliff::train {

namespace {

std::string architectureOf(const std::string &family)
{
    if (family == "llama")
        return "LlamaForCausalLM";
    if (family == "qwen2")
        return "Qwen2ForCausalLM";
    if (family == "qwen3")
        return "Qwen3ForCausalLM";
    throw Error("cannot write a checkpoint of family '" + family + "' (llama, qwen2, qwen3)");
}

// The shortest decimal that reads back as the same float (1e-05 rather than 9.99999974738e-06).
double shortestDecimal(float value)
{
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    *result.ptr = '\0';
    return std::strtod(text, nullptr);
}

template<class T>
void compare(const std::string &label, const char *field, const T &read, const T &expected)
{
    if (!(read == expected))
        throw Error(label + ": config.json reads back a different " + field);
}

} // namespace

nlohmann::ordered_json checkpointConfigJson(const TransformerConfig &c, const nlohmann::json &ropeScaling)
{
    nlohmann::ordered_json json;
    json["architectures"] = nlohmann::ordered_json::array({architectureOf(c.family)});
    json["model_type"] = c.family;
    json["hidden_size"] = c.hidden;
    json["intermediate_size"] = c.intermediate;
    json["num_hidden_layers"] = c.layers;
    json["num_attention_heads"] = c.heads;
    json["num_key_value_heads"] = c.kvHeads;
    json["head_dim"] = c.headDim;
    json["vocab_size"] = c.vocab;
    json["max_position_embeddings"] = c.contextLength;
    json["rms_norm_eps"] = shortestDecimal(c.rmsEps);
    json["rope_theta"] = c.ropeTheta;
    if (!ropeScaling.is_null())
        json["rope_scaling"] = ropeScaling;
    json["tie_word_embeddings"] = c.tiedOutput;
    if (c.family == "llama")
        json["attention_bias"] = c.qkvBias; // qwen2 always has q/k/v biases, qwen3 none
    json["hidden_act"] = "silu";
    json["torch_dtype"] = "float32";
    return json;
}

void requireSameConfig(const TransformerConfig &expected, const TransformerConfig &read, const std::string &label)
{
    compare(label, "family", read.family, expected.family);
    compare(label, "layer count", read.layers, expected.layers);
    compare(label, "hidden size", read.hidden, expected.hidden);
    compare(label, "intermediate size", read.intermediate, expected.intermediate);
    compare(label, "head count", read.heads, expected.heads);
    compare(label, "KV head count", read.kvHeads, expected.kvHeads);
    compare(label, "head size", read.headDim, expected.headDim);
    compare(label, "vocabulary size", read.vocab, expected.vocab);
    compare(label, "context length", read.contextLength, expected.contextLength);
    compare(label, "RMSNorm epsilon", read.rmsEps, expected.rmsEps);
    compare(label, "RoPE theta", read.ropeTheta, expected.ropeTheta);
    compare(label, "RoPE layout", read.ropeLayout, expected.ropeLayout);
    compare(label, "RoPE scaling", read.ropeFreqFactors, expected.ropeFreqFactors);
    compare(label, "q/k/v bias", read.qkvBias, expected.qkvBias);
    compare(label, "q/k norm", read.qkNorm, expected.qkNorm);
    compare(label, "tied output", read.tiedOutput, expected.tiedOutput);
}

} // namespace bitcliff::train
