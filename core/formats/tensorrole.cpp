#include "formats/tensorrole.h"

#include <array>
#include <charconv>
#include <string>

namespace bitcliff {

namespace {

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// The number after `marker` ("layers." or "blk."), or -1.
int layerAfter(std::string_view name, std::string_view marker)
{
    const size_t at = name.find(marker);
    if (at == std::string_view::npos)
        return -1;
    const char *begin = name.data() + at + marker.size();
    const char *end = name.data() + name.size();
    int value = -1;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr == begin || (ptr != end && *ptr != '.'))
        return -1;
    return value;
}

struct Pattern
{
    std::string_view part;
    TensorRole role;
};

// Checked in order; the first pattern found in the name wins.
constexpr std::array<Pattern, 21> kPatterns{{
    {"q_proj", TensorRole::AttnQ},
    {"k_proj", TensorRole::AttnK},
    {"v_proj", TensorRole::AttnV},
    {"o_proj", TensorRole::AttnO},
    {"gate_proj", TensorRole::FfnGate},
    {"up_proj", TensorRole::FfnUp},
    {"down_proj", TensorRole::FfnDown},
    {"attn_q.", TensorRole::AttnQ},
    {"attn_k.", TensorRole::AttnK},
    {"attn_v.", TensorRole::AttnV},
    {"attn_output.", TensorRole::AttnO},
    {"ffn_gate.", TensorRole::FfnGate},
    {"ffn_up.", TensorRole::FfnUp},
    {"ffn_down.", TensorRole::FfnDown},
    {"embed_tokens", TensorRole::Embed},
    {"token_embd", TensorRole::Embed},
    {"lm_head", TensorRole::LmHead},
    {"output.weight", TensorRole::LmHead}, // GGUF's top-level output.weight
    {"norm", TensorRole::Norm}, // input_layernorm, attn_norm, q_norm, output_norm...
    {"ln_", TensorRole::Norm},
    {"rope_freqs", TensorRole::Other},
}};

} // namespace

TensorPlace classifyTensorName(std::string_view name)
{
    TensorPlace place;
    place.layer = layerAfter(name, "layers.");
    if (place.layer < 0)
        place.layer = layerAfter(name, "blk.");
    for (const Pattern &pattern : kPatterns) {
        if (contains(name, pattern.part)) {
            place.role = pattern.role;
            break;
        }
    }
    return place;
}

std::string_view roleName(TensorRole role)
{
    switch (role) {
    case TensorRole::AttnQ: return "attn_q";
    case TensorRole::AttnK: return "attn_k";
    case TensorRole::AttnV: return "attn_v";
    case TensorRole::AttnO: return "attn_o";
    case TensorRole::FfnGate: return "ffn_gate";
    case TensorRole::FfnUp: return "ffn_up";
    case TensorRole::FfnDown: return "ffn_down";
    case TensorRole::Embed: return "embed";
    case TensorRole::LmHead: return "lm_head";
    case TensorRole::Norm: return "norm";
    case TensorRole::Other: return "other";
    }
    return "other";
}

bool isLinearRole(TensorRole role)
{
    switch (role) {
    case TensorRole::AttnQ:
    case TensorRole::AttnK:
    case TensorRole::AttnV:
    case TensorRole::AttnO:
    case TensorRole::FfnGate:
    case TensorRole::FfnUp:
    case TensorRole::FfnDown:
        return true;
    default:
        return false;
    }
}

} // namespace bitcliff
