#pragma once
// Internal to train/: which tensors a config's Parameters hold, in which order, and where the
// graph finds each of them (indices into Parameters::tensors), so every part of training
// agrees on one layout.
#include "infer/transformer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitcliff::train {

enum class ParameterKind : uint8_t { Embedding, Matrix, Norm, Bias, Output };

struct ParameterSlot
{
    std::string name;
    std::vector<int64_t> shape;
    ParameterKind kind = ParameterKind::Matrix;
    bool decays = false;
    bool quantizable = false;
};

// Per layer, the index of each tensor in the layout; -1 where the config has none.
struct LayerSlots
{
    int attnNorm = -1;
    int q = -1, qBias = -1, k = -1, kBias = -1, v = -1, vBias = -1, o = -1;
    int qNorm = -1, kNorm = -1;
    int ffnNorm = -1;
    int gate = -1, up = -1, down = -1;
};

struct ParameterIndex
{
    int embedding = -1;
    std::vector<LayerSlots> layers;
    int outputNorm = -1;
    int output = -1; // -1 when tied to the embedding
};

// Every tensor of `config` in order: the embedding; per layer input_layernorm, q/k/v (each
// followed by its bias when qkvBias), o_proj, q_norm, k_norm (qkNorm), post_attention_layernorm,
// gate/up/down; the final norm; lm_head unless tied. Throws Error on a config with zero or
// negative sizes, heads not a multiple of KV heads, or an odd head size.
std::vector<ParameterSlot> parameterLayout(const TransformerConfig &config);
ParameterIndex parameterIndex(const TransformerConfig &config);

// One-line description of a config's sizes for messages: "llama 2 layers, hidden 64, ...".
std::string configText(const TransformerConfig &config);

} // namespace bitcliff::train
