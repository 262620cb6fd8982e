#pragma once
// Where each weight of the supported decoder-only transformers lives, in Hugging Face and
// GGUF checkpoints (convert_hf_to_gguf.py: model.layers.N.self_attn.q_proj.weight ~ blk.N.attn_q.weight).
#include "formats/model.h"

#include <array>
#include <string>

namespace bitcliff::infer {

// The linear layers of a decoder block, in the order of its forward pass.
enum class Linear : uint8_t { Q, K, V, O, Gate, Up, Down };
inline constexpr std::array<Linear, 7> kLinears{Linear::Q,    Linear::K,  Linear::V,   Linear::O,
                                                Linear::Gate, Linear::Up, Linear::Down};

// RMSNorm weights of a block: before attention, before the FFN, and Qwen3's per-head q/k norms.
enum class Norm : uint8_t { Attn, Ffn, QHead, KHead };

enum class GlobalTensor : uint8_t { Embedding, OutputNorm, Output, RopeFreqs };

std::string linearTensorName(ModelFormat format, int layer, Linear linear, bool bias = false);
std::string normTensorName(ModelFormat format, int layer, Norm norm);
// RopeFreqs exists in GGUF only; for Hugging Face it is empty.
std::string globalTensorName(ModelFormat format, GlobalTensor tensor);

} // namespace bitcliff::infer
