#include "demo/syntheticcheckpoint.h"

#include "demo/demotokenizer.h"
#include "formats/safetensorswriter.h"
#include "util/atomicwrite.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace bitcliff {

namespace {

class WeightSampler
{
public:
    WeightSampler(const SyntheticModelSpec &spec)
        : m_spec(spec)
        , m_random(spec.seed)
        , m_studentT(spec.degreesOfFreedom)
        // Student-t with nu dof has variance nu/(nu-2): rescale to the requested std.
        , m_scale(spec.weightStd / std::sqrt(spec.degreesOfFreedom / (spec.degreesOfFreedom - 2.0)))
    {
    }

    // A [rows, cols] BF16 matrix; `columnGain(c)` multiplies input column c.
    template<typename Gain>
    SafetensorsEntry matrix(const std::string &name, int rows, int cols, Gain columnGain)
    {
        SafetensorsEntry entry{name, "BF16", {rows, cols}, std::vector<std::byte>(size_t(rows) * size_t(cols) * 2)};
        std::vector<float> gains(static_cast<size_t>(cols));
        for (int c = 0; c < cols; ++c)
            gains[static_cast<size_t>(c)] = static_cast<float>(columnGain(c));
        std::byte *out = entry.data.data();
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                const float value = static_cast<float>(m_studentT(m_random) * m_scale) * gains[static_cast<size_t>(c)];
                const uint16_t bits = floatToBf16(value);
                std::memcpy(out, &bits, 2);
                out += 2;
            }
        }
        return entry;
    }

    // RMSNorm weights near 1, with the persistent outlier dimensions scaled up.
    SafetensorsEntry norm(const std::string &name, int size, bool outliers)
    {
        SafetensorsEntry entry{name, "BF16", {size}, std::vector<std::byte>(size_t(size) * 2)};
        std::normal_distribution<float> jitter(1.0f, 0.05f);
        for (int i = 0; i < size; ++i) {
            float value = jitter(m_random);
            if (outliers && isOutlier(i))
                value *= 6.0f;
            const uint16_t bits = floatToBf16(value);
            std::memcpy(entry.data.data() + 2 * i, &bits, 2);
        }
        return entry;
    }

    bool isOutlier(int channel) const
    {
        for (int c : m_spec.outlierChannels)
            if (c == channel)
                return true;
        return false;
    }

    std::mt19937 &random() { return m_random; }

private:
    const SyntheticModelSpec &m_spec;
    std::mt19937 m_random;
    std::student_t_distribution<double> m_studentT;
    double m_scale;
};

std::string configJson(const SyntheticModelSpec &spec)
{
    const nlohmann::ordered_json config = {
        {"architectures", {"LlamaForCausalLM"}},
        {"model_type", "llama"},
        {"_comment", "SYNTHETIC BitCliff demo checkpoint: random heavy-tailed weights, not a trained model"},
        {"hidden_size", spec.hiddenSize},
        {"intermediate_size", spec.intermediateSize},
        {"num_hidden_layers", spec.layers},
        {"num_attention_heads", spec.heads},
        {"num_key_value_heads", spec.kvHeads},
        {"head_dim", spec.hiddenSize / spec.heads},
        {"vocab_size", spec.vocabSize},
        {"max_position_embeddings", 2048},
        {"rms_norm_eps", 1e-5},
        {"rope_theta", 10000.0},
        {"tie_word_embeddings", false},
        {"hidden_act", "silu"},
        {"torch_dtype", "bfloat16"},
        {"bitcliff_demo_version", kSyntheticDemoVersion},
    };
    return config.dump(2) + "\n";
}

} // namespace

void writeSyntheticCheckpoint(const std::filesystem::path &directory, const SyntheticModelSpec &spec,
                              const ProgressCallback &progress)
{
    if (spec.layers <= 0 || spec.hiddenSize <= 0 || spec.heads <= 0 || spec.kvHeads <= 0
        || spec.hiddenSize % spec.heads != 0 || spec.heads % spec.kvHeads != 0 || spec.degreesOfFreedom <= 2.0)
        throw Error("synthetic model: inconsistent shape");
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec)
        throw Error(directory.string() + ": cannot create directory: " + ec.message());

    WeightSampler sampler(spec);
    const int hidden = spec.hiddenSize, inter = spec.intermediateSize;
    const int kvWidth = spec.kvHeads * (hidden / spec.heads);
    const double gain = spec.outlierGain;
    auto residualGain = [&](int c) { return sampler.isOutlier(c) ? gain : 1.0; };
    auto plain = [](int) { return 1.0; };

    std::vector<SafetensorsEntry> entries;
    entries.push_back(sampler.matrix("model.embed_tokens.weight", spec.vocabSize, hidden, plain));
    for (int layer = 0; layer < spec.layers; ++layer) {
        const std::string prefix = "model.layers." + std::to_string(layer) + ".";
        // A few intermediate channels per layer are outliers of down_proj only (not persistent).
        std::uniform_int_distribution<int> pick(0, inter - 1);
        const int spikeA = pick(sampler.random()), spikeB = pick(sampler.random());
        auto downGain = [&](int c) { return (c == spikeA || c == spikeB) ? gain * 0.6 : 1.0; };

        entries.push_back(sampler.norm(prefix + "input_layernorm.weight", hidden, true));
        entries.push_back(sampler.matrix(prefix + "self_attn.q_proj.weight", hidden, hidden, residualGain));
        entries.push_back(sampler.matrix(prefix + "self_attn.k_proj.weight", kvWidth, hidden, residualGain));
        entries.push_back(sampler.matrix(prefix + "self_attn.v_proj.weight", kvWidth, hidden, residualGain));
        entries.push_back(sampler.matrix(prefix + "self_attn.o_proj.weight", hidden, hidden, plain));
        entries.push_back(sampler.norm(prefix + "post_attention_layernorm.weight", hidden, true));
        entries.push_back(sampler.matrix(prefix + "mlp.gate_proj.weight", inter, hidden, residualGain));
        entries.push_back(sampler.matrix(prefix + "mlp.up_proj.weight", inter, hidden, residualGain));
        entries.push_back(sampler.matrix(prefix + "mlp.down_proj.weight", hidden, inter, downGain));
        if (!reportProgress(progress, 0.9 * double(layer + 1) / spec.layers))
            throw Cancelled();
    }
    entries.push_back(sampler.norm("model.norm.weight", hidden, false));
    entries.push_back(sampler.matrix("lm_head.weight", spec.vocabSize, hidden, plain));

    writeSafetensors(directory / "model.safetensors", entries,
                     {{"format", "pt"}, {"bitcliff.synthetic", "true"},
                      {"description", "BitCliff synthetic demo: heavy-tailed random weights with persistent outlier channels"}});
    const std::string tokenizer = demoTokenizerJson();
    writeFileAtomically(directory / "tokenizer.json",
                        std::span(reinterpret_cast<const std::byte *>(tokenizer.data()), tokenizer.size()));
    const std::string config = configJson(spec); // last: its version marks the checkpoint complete
    writeFileAtomically(directory / "config.json",
                        std::span(reinterpret_cast<const std::byte *>(config.data()), config.size()));
    reportProgress(progress, 1.0);
}

bool isCurrentSyntheticCheckpoint(const std::filesystem::path &directory)
{
    std::error_code ec;
    if (!std::filesystem::exists(directory / "model.safetensors", ec)
        || !std::filesystem::exists(directory / "tokenizer.json", ec))
        return false;
    std::ifstream file(directory / "config.json");
    const nlohmann::json config = nlohmann::json::parse(file, nullptr, false);
    return config.is_object() && config.value("bitcliff_demo_version", 0) == kSyntheticDemoVersion;
}

} // namespace bitcliff
