#include "infer/tensornames.h"

namespace bitcliff::infer {

namespace {

struct Names
{
    const char *hf;
    const char *gguf;
};

constexpr std::array<Names, 7> kLinearNames{{
    {"self_attn.q_proj", "attn_q"},
    {"self_attn.k_proj", "attn_k"},
    {"self_attn.v_proj", "attn_v"},
    {"self_attn.o_proj", "attn_output"},
    {"mlp.gate_proj", "ffn_gate"},
    {"mlp.up_proj", "ffn_up"},
    {"mlp.down_proj", "ffn_down"},
}};

constexpr std::array<Names, 4> kNormNames{{
    {"input_layernorm", "attn_norm"},
    {"post_attention_layernorm", "ffn_norm"},
    {"self_attn.q_norm", "attn_q_norm"},
    {"self_attn.k_norm", "attn_k_norm"},
}};

constexpr std::array<Names, 4> kGlobalNames{{
    {"model.embed_tokens.weight", "token_embd.weight"},
    {"model.norm.weight", "output_norm.weight"},
    {"lm_head.weight", "output.weight"},
    {"", "rope_freqs.weight"},
}};

std::string layerName(ModelFormat format, int layer, const Names &names, const char *kind)
{
    if (format == ModelFormat::Gguf)
        return "blk." + std::to_string(layer) + "." + names.gguf + kind;
    return "model.layers." + std::to_string(layer) + "." + names.hf + kind;
}

} // namespace

std::string linearTensorName(ModelFormat format, int layer, Linear linear, bool bias)
{
    return layerName(format, layer, kLinearNames[size_t(linear)], bias ? ".bias" : ".weight");
}

std::string normTensorName(ModelFormat format, int layer, Norm norm)
{
    return layerName(format, layer, kNormNames[size_t(norm)], ".weight");
}

std::string globalTensorName(ModelFormat format, GlobalTensor tensor)
{
    const Names &names = kGlobalNames[size_t(tensor)];
    return format == ModelFormat::Gguf ? names.gguf : names.hf;
}

} // namespace bitcliff::infer
