#pragma once
// A tiny decoder-only transformer checkpoint written by the tests: the Llama, Qwen2 or Qwen3
// layout (config.json + model.safetensors) with random weights, configurable grouped-query
// attention, q/k/v biases, q/k norms, tied output and Llama-3 rope scaling. The values
// written come back (rounded as stored) for reference computations.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace bitcliff::test {

struct TinyTransformerSpec
{
    std::string family = "llama"; // "llama", "qwen2" (q/k/v biases), "qwen3" (q/k norms); else the architecture name
    int layers = 2;
    int hidden = 64;
    int intermediate = 96;
    int heads = 4;
    int kvHeads = 2;
    int headDim = 0; // 0: hidden / heads; else written as head_dim
    int vocab = 40;
    bool qkvBias = false; // Llama attention_bias (q/k/v only here); Qwen2 always has them
    bool tied = false;
    bool llama3Rope = false; // rope_scaling llama3: factor 8, low 1, high 4, original context 32
    double ropeTheta = 10000.0;
    double rmsEps = 1e-5;
    std::string dtype = "F32"; // "F32", "F16" or "BF16"
    unsigned seed = 1;
    std::vector<std::string> omit; // tensor names not written
};

struct TinyTransformer
{
    TinyTransformerSpec spec;
    std::map<std::string, std::vector<float>> tensors; // HF names, values as stored

    int headDim() const { return spec.headDim > 0 ? spec.headDim : spec.hidden / spec.heads; }
    bool hasBias() const { return spec.qkvBias || spec.family == "qwen2"; }
    const std::vector<float> &operator[](const std::string &name) const { return tensors.at(name); }
};

// Llama-3 scaling parameters the spec writes.
inline constexpr double kTinyRopeFactor = 8.0;
inline constexpr double kTinyRopeOriginalContext = 32.0;

// A Llama of hidden size `hidden` (192, 576 …: rows that fit no 256-block) with heads of 64,
// grouped-query attention (three query heads per K/V head) and SwiGLU 512 (rows of 512 fit).
TinyTransformerSpec narrowSpec(int hidden);

TinyTransformer writeTinyTransformer(const std::filesystem::path &directory, const TinyTransformerSpec &spec);

// root / name, every character of `name` but letters and digits replaced by '_' (QTest data
// tags as directory names).
std::filesystem::path subdirectory(const std::filesystem::path &root, const std::string &name);

} // namespace bitcliff::test
