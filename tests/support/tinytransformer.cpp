#include "support/tinytransformer.h"

#include "formats/safetensorswriter.h"
#include "support/fixtures.h"
#include "util/floatformats.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

namespace bitcliff::test {

namespace {

std::string architectureName(const std::string &family)
{
    if (family == "llama")
        return "LlamaForCausalLM";
    if (family == "qwen2")
        return "Qwen2ForCausalLM";
    if (family == "qwen3")
        return "Qwen3ForCausalLM";
    return family;
}

// Rounds the values to the stored type and returns their bytes.
std::vector<std::byte> encode(std::vector<float> &values, const std::string &dtype)
{
    if (dtype == "F32")
        return f32Bytes(values);
    std::vector<std::byte> bytes(values.size() * 2);
    for (size_t i = 0; i < values.size(); ++i) {
        const uint16_t half = dtype == "F16" ? floatToFp16(values[i]) : floatToBf16(values[i]);
        values[i] = dtype == "F16" ? fp16ToFloat(half) : bf16ToFloat(half);
        std::memcpy(bytes.data() + 2 * i, &half, 2);
    }
    return bytes;
}

class Writer
{
public:
    explicit Writer(TinyTransformer &model)
        : m_model(model)
        , m_seed(model.spec.seed * 1000u)
    {
    }

    // Random values of std `scale` around `center`.
    void add(const std::string &name, std::vector<int64_t> shape, float scale, float center = 0.0f)
    {
        size_t count = 1;
        for (int64_t d : shape)
            count *= size_t(d);
        std::vector<float> values = randomValues(count, ++m_seed, scale);
        for (float &v : values)
            v += center;
        const auto &omit = m_model.spec.omit;
        if (std::find(omit.begin(), omit.end(), name) != omit.end())
            return;
        // Norms and biases stay F32, as checkpoints usually keep them.
        const std::string dtype = shape.size() == 1 ? "F32" : m_model.spec.dtype;
        m_entries.push_back({name, dtype, std::move(shape), encode(values, dtype)});
        m_model.tensors[name] = std::move(values);
    }

    // A linear layer's weight [out × in], scaled so activations stay near unit size.
    void linear(const std::string &name, int out, int in) { add(name, {out, in}, 1.0f / std::sqrt(float(in))); }

    const std::vector<SafetensorsEntry> &entries() const { return m_entries; }

private:
    TinyTransformer &m_model;
    unsigned m_seed;
    std::vector<SafetensorsEntry> m_entries;
};

void writeConfig(const std::filesystem::path &directory, const TinyTransformerSpec &s)
{
    nlohmann::ordered_json config = {
        {"architectures", {architectureName(s.family)}},
        {"model_type", s.family},
        {"hidden_size", s.hidden},
        {"intermediate_size", s.intermediate},
        {"num_hidden_layers", s.layers},
        {"num_attention_heads", s.heads},
        {"num_key_value_heads", s.kvHeads},
        {"vocab_size", s.vocab},
        {"max_position_embeddings", 256},
        {"rms_norm_eps", s.rmsEps},
        {"rope_theta", s.ropeTheta},
        {"hidden_act", "silu"},
        {"attention_bias", s.qkvBias},
        {"tie_word_embeddings", s.tied},
        {"torch_dtype", s.dtype == "F32" ? "float32" : (s.dtype == "F16" ? "float16" : "bfloat16")},
    };
    if (s.headDim > 0)
        config["head_dim"] = s.headDim;
    if (s.llama3Rope)
        config["rope_scaling"] = {{"rope_type", "llama3"},
                                  {"factor", kTinyRopeFactor},
                                  {"low_freq_factor", 1.0},
                                  {"high_freq_factor", 4.0},
                                  {"original_max_position_embeddings", kTinyRopeOriginalContext}};
    std::ofstream(directory / "config.json") << config.dump(2) << "\n";
}

} // namespace

TinyTransformer writeTinyTransformer(const std::filesystem::path &directory, const TinyTransformerSpec &spec)
{
    std::filesystem::create_directories(directory);
    TinyTransformer model{spec, {}};
    const int hd = model.headDim(), q = spec.heads * hd, kv = spec.kvHeads * hd;
    Writer w(model);
    w.add("model.embed_tokens.weight", {spec.vocab, spec.hidden}, 1.0f);
    for (int layer = 0; layer < spec.layers; ++layer) {
        const std::string p = "model.layers." + std::to_string(layer) + ".";
        w.add(p + "input_layernorm.weight", {spec.hidden}, 0.1f, 1.0f);
        w.linear(p + "self_attn.q_proj.weight", q, spec.hidden);
        w.linear(p + "self_attn.k_proj.weight", kv, spec.hidden);
        w.linear(p + "self_attn.v_proj.weight", kv, spec.hidden);
        if (model.hasBias()) {
            w.add(p + "self_attn.q_proj.bias", {q}, 0.2f);
            w.add(p + "self_attn.k_proj.bias", {kv}, 0.2f);
            w.add(p + "self_attn.v_proj.bias", {kv}, 0.2f);
        }
        if (spec.family == "qwen3") {
            w.add(p + "self_attn.q_norm.weight", {hd}, 0.1f, 1.0f);
            w.add(p + "self_attn.k_norm.weight", {hd}, 0.1f, 1.0f);
        }
        w.linear(p + "self_attn.o_proj.weight", spec.hidden, q);
        w.add(p + "post_attention_layernorm.weight", {spec.hidden}, 0.1f, 1.0f);
        w.linear(p + "mlp.gate_proj.weight", spec.intermediate, spec.hidden);
        w.linear(p + "mlp.up_proj.weight", spec.intermediate, spec.hidden);
        w.linear(p + "mlp.down_proj.weight", spec.hidden, spec.intermediate);
    }
    w.add("model.norm.weight", {spec.hidden}, 0.1f, 1.0f);
    if (!spec.tied)
        w.linear("lm_head.weight", spec.vocab, spec.hidden);
    writeSafetensors(directory / "model.safetensors", w.entries());
    writeConfig(directory, spec);
    return model;
}

std::filesystem::path subdirectory(const std::filesystem::path &root, const std::string &name)
{
    std::string safe = name;
    for (char &ch : safe)
        if (!std::isalnum(static_cast<unsigned char>(ch)))
            ch = '_';
    return root / safe;
}

TinyTransformerSpec narrowSpec(int hidden)
{
    TinyTransformerSpec spec;
    spec.hidden = hidden;
    spec.heads = hidden / 64;
    spec.kvHeads = std::max(1, spec.heads / 3);
    spec.intermediate = 512;
    return spec;
}

} // namespace bitcliff::test
