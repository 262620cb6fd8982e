#include "support/fixtures.h"

#include "util/error.h"

#include <cstring>
#include <fstream>
#include <random>

namespace bitcliff::test {

std::vector<float> tensorValues(const Model &model, const std::string &name)
{
    const TensorInfo *t = model.find(name);
    if (!t)
        throw Error("no tensor " + name);
    std::vector<float> out(static_cast<size_t>(t->elementCount()));
    model.readRows(*t, 0, t->rows(), out.data());
    return out;
}

std::vector<std::byte> f32Bytes(const std::vector<float> &values)
{
    std::vector<std::byte> bytes(values.size() * sizeof(float));
    if (!values.empty())
        std::memcpy(bytes.data(), values.data(), bytes.size());
    return bytes;
}

SafetensorsEntry f32Entry(const std::string &name, std::vector<int64_t> shape, const std::vector<float> &values)
{
    return {name, "F32", std::move(shape), f32Bytes(values)};
}

std::vector<float> randomValues(size_t count, unsigned seed, float scale)
{
    std::mt19937 random(seed);
    std::normal_distribution<float> normal(0.0f, scale);
    std::vector<float> values(count);
    for (float &v : values)
        v = normal(random);
    return values;
}

void writeTinyLlama(const std::filesystem::path &directory, int layers, int hidden, int outlierChannel)
{
    std::filesystem::create_directories(directory);
    const int inter = hidden * 2, vocab = 32;
    unsigned seed = 1;
    auto linear = [&](const std::string &name, int rows, int cols, bool outlier) {
        std::vector<float> values = randomValues(size_t(rows) * size_t(cols), seed++, 0.02f);
        if (outlier)
            for (int r = 0; r < rows; ++r)
                values[size_t(r) * size_t(cols) + size_t(outlierChannel)] *= 20.0f;
        return f32Entry(name, {rows, cols}, values);
    };
    std::vector<SafetensorsEntry> entries;
    entries.push_back(linear("model.embed_tokens.weight", vocab, hidden, false));
    for (int layer = 0; layer < layers; ++layer) {
        const std::string p = "model.layers." + std::to_string(layer) + ".";
        entries.push_back(f32Entry(p + "input_layernorm.weight", {hidden}, std::vector<float>(size_t(hidden), 1.0f)));
        entries.push_back(linear(p + "self_attn.q_proj.weight", hidden, hidden, true));
        entries.push_back(linear(p + "self_attn.k_proj.weight", hidden / 2, hidden, true));
        entries.push_back(linear(p + "self_attn.v_proj.weight", hidden / 2, hidden, true));
        entries.push_back(linear(p + "self_attn.o_proj.weight", hidden, hidden, false));
        entries.push_back(f32Entry(p + "post_attention_layernorm.weight", {hidden}, std::vector<float>(size_t(hidden), 1.0f)));
        entries.push_back(linear(p + "mlp.gate_proj.weight", inter, hidden, false));
        entries.push_back(linear(p + "mlp.up_proj.weight", inter, hidden, false));
        entries.push_back(linear(p + "mlp.down_proj.weight", hidden, inter, false));
    }
    entries.push_back(f32Entry("model.norm.weight", {hidden}, std::vector<float>(size_t(hidden), 1.0f)));
    entries.push_back(linear("lm_head.weight", vocab, hidden, false));
    writeSafetensors(directory / "model.safetensors", entries);

    std::ofstream config(directory / "config.json");
    config << R"({"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": )" << hidden
           << R"(, "intermediate_size": )" << inter << R"(, "num_hidden_layers": )" << layers
           << R"(, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": )" << vocab
           << R"(, "rms_norm_eps": 1e-05, "rope_theta": 10000.0, "tie_word_embeddings": false})" << "\n";
}

} // namespace bitcliff::test
