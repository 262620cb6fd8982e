#include "formats/hfggufmapping.h"

#include "util/error.h"

#include <array>
#include <charconv>
#include <string_view>

namespace bitcliff {

namespace {

struct NamePair
{
    std::string_view hf;
    std::string_view gguf;
};

constexpr std::array<NamePair, 3> kGlobalNames{{
    {"model.embed_tokens.weight", "token_embd.weight"},
    {"model.norm.weight", "output_norm.weight"},
    {"lm_head.weight", "output.weight"},
}};

// Suffixes after "model.layers.N."; ".weight"/".bias" are carried over.
constexpr std::array<NamePair, 10> kLayerNames{{
    {"input_layernorm", "attn_norm"},
    {"self_attn.q_proj", "attn_q"},
    {"self_attn.k_proj", "attn_k"},
    {"self_attn.v_proj", "attn_v"},
    {"self_attn.o_proj", "attn_output"},
    {"post_attention_layernorm", "ffn_norm"},
    {"mlp.gate_proj", "ffn_gate"},
    {"mlp.up_proj", "ffn_up"},
    {"mlp.down_proj", "ffn_down"},
    {"self_attn.rotary_emb", ""}, // inv_freq buffer of old checkpoints: recomputed by llama.cpp
}};

constexpr std::string_view kLayerPrefix = "model.layers.";

std::string_view layerPart(std::string_view name) // "self_attn.q_proj" of a layer tensor name
{
    const size_t dot = name.rfind('.');
    return dot == std::string_view::npos ? std::string_view() : name.substr(0, dot);
}

} // namespace

std::string ggufArchitectureForHf(const std::string &hfArchitecture, const std::string &label)
{
    if (hfArchitecture == "LlamaForCausalLM" || hfArchitecture == "MistralForCausalLM" || hfArchitecture == "llama"
        || hfArchitecture == "mistral")
        return "llama";
    if (hfArchitecture == "Qwen2ForCausalLM" || hfArchitecture == "qwen2")
        return "qwen2";
    const std::string name = hfArchitecture.empty() ? std::string("(none: no config.json)") : "'" + hfArchitecture + "'";
    throw Error(label + ": GGUF export does not support architecture " + name
                + " (supported: LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM)");
}

std::string ggufTensorName(const std::string &hfName)
{
    for (const NamePair &pair : kGlobalNames)
        if (hfName == pair.hf)
            return std::string(pair.gguf);
    const std::string_view name(hfName);
    if (name.starts_with(kLayerPrefix)) {
        const std::string_view rest = name.substr(kLayerPrefix.size());
        const size_t dot = rest.find('.');
        int layer = -1;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + (dot == rest.npos ? 0 : dot), layer);
        if (ec == std::errc() && dot != rest.npos && end == rest.data() + dot && layer >= 0) {
            const std::string_view tail = rest.substr(dot + 1); // "self_attn.q_proj.weight"
            const std::string_view part = layerPart(tail);
            const std::string_view kind = tail.substr(part.size()); // ".weight" / ".bias" / ".inv_freq"
            for (const NamePair &pair : kLayerNames) {
                if (part != pair.hf)
                    continue;
                if (pair.gguf.empty())
                    return {};
                if (kind == ".weight" || kind == ".bias")
                    return "blk." + std::to_string(layer) + "." + std::string(pair.gguf) + std::string(kind);
            }
        }
    }
    throw Error(hfName + ": tensor has no GGUF name (not part of the Llama/Qwen2 layout)");
}

int permutedHeads(const std::string &ggufArchitecture, const std::string &hfName, const ArchitectureSummary &arch)
{
    if (ggufArchitecture != "llama")
        return 0; // qwen2 uses NEOX RoPE, the HF row order
    const std::string_view part = layerPart(hfName);
    if (part.ends_with(".self_attn.q_proj"))
        return arch.heads;
    if (part.ends_with(".self_attn.k_proj"))
        return arch.kvHeads;
    return 0;
}

int64_t permutedSourceRow(int64_t row, int64_t headDim)
{
    const int64_t head = row / headDim, within = row % headDim;
    const int64_t i = within / 2, h = within % 2;
    return head * headDim + h * (headDim / 2) + i;
}

uint32_t ggufFileType(DType type)
{
    switch (type) {
    case DType::Q8_0: return 7;
    case DType::Q4_0: return 2;
    case DType::Q4_1: return 3;
    case DType::Q5_0: return 8;
    case DType::Q5_1: return 9;
    case DType::Q2_K: return 10;
    case DType::Q3_K: return 12; // Q3_K_M: the plain K type is what llama-quantize calls _M
    case DType::Q4_K: return 15; // Q4_K_M
    case DType::Q5_K: return 17; // Q5_K_M
    case DType::Q6_K: return 18;
    case DType::IQ4_NL: return 25; // LLAMA_FTYPE_MOSTLY_IQ4_NL
    case DType::F16: return 1;   // MOSTLY_F16
    case DType::BF16: return 32; // MOSTLY_BF16
    default: throw Error(std::string(dtypeName(type)) + ": not a GGUF block type");
    }
}

GgufMetadata hfArchitectureMetadata(const ArchitectureSummary &arch, const std::string &ggufArchitecture,
                                    const std::string &modelName, DType quantType, int vocabSize)
{
    const std::string p = ggufArchitecture + ".";
    // Standard values where a config leaves them out, as convert_hf_to_gguf.py and llama.cpp assume them.
    const double eps = arch.rmsNormEps > 0 ? arch.rmsNormEps : (ggufArchitecture == "qwen2" ? 1e-6 : 1e-5);
    const double theta = arch.ropeTheta > 0 ? arch.ropeTheta : 10000.0;
    const int headDim = arch.headDim > 0 ? arch.headDim : (arch.heads > 0 ? arch.hiddenSize / arch.heads : 0);
    GgufMetadata metadata{
        {"general.architecture", ggufString(ggufArchitecture)},
        {"general.name", ggufString(modelName)},
        {"general.file_type", ggufU32(ggufFileType(quantType))},
        {"general.quantization_version", ggufU32(2)},
        {p + "context_length", ggufU32(uint64_t(arch.contextLength))},
        {p + "embedding_length", ggufU32(uint64_t(arch.hiddenSize))},
        {p + "block_count", ggufU32(uint64_t(arch.layers))},
        {p + "feed_forward_length", ggufU32(uint64_t(arch.intermediateSize))},
        {p + "attention.head_count", ggufU32(uint64_t(arch.heads))},
        {p + "attention.head_count_kv", ggufU32(uint64_t(arch.kvHeads > 0 ? arch.kvHeads : arch.heads))},
        {p + "attention.layer_norm_rms_epsilon", ggufF32(eps)},
        {p + "rope.freq_base", ggufF32(theta)},
        {p + "rope.dimension_count", ggufU32(uint64_t(headDim))},
        {p + "vocab_size", ggufU32(uint64_t(arch.vocabSize > 0 ? arch.vocabSize : vocabSize))},
    };
    return metadata;
}

} // namespace bitcliff
