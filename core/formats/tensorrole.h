#pragma once
// Normalizes tensor names of Hugging Face and GGUF checkpoints to (layer, role), so that
// `model.layers.3.self_attn.q_proj.weight` and `blk.3.attn_q.weight` line up.
#include <string_view>

namespace bitcliff {

enum class TensorRole : uint8_t {
    AttnQ,
    AttnK,
    AttnV,
    AttnO,
    FfnGate,
    FfnUp,
    FfnDown,
    Embed,
    LmHead,
    Norm,
    Other,
};

struct TensorPlace
{
    int layer = -1; // -1: not inside a transformer block
    TensorRole role = TensorRole::Other;
};

TensorPlace classifyTensorName(std::string_view name);
std::string_view roleName(TensorRole role); // "attn_q", "ffn_down", ...
// True for the roles of linear weights fed by a channel dimension (the quantized ones).
bool isLinearRole(TensorRole role);

} // namespace bitcliff
