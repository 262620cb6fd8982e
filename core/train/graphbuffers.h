#pragma once
// Internal to train/: the buffers ModelGraph keeps for a batch, with their sizes in one place
// so that activationBytes() is exactly what run() allocates.
#include "infer/transformer.h"

#include <array>
#include <cstdint>
#include <vector>

namespace bitcliff::train {

// Kept per layer for the backward pass, [rows × channels] with rows = sequences × length.
enum LayerBuffer : uint8_t {
    LayerInput,   // residual stream entering the layer
    AttnNormed,   // input_layernorm output (q/k/v input)
    AttnInverse,  // its 1/rms per row
    QRaw,         // q_proj output before the per-head norm (qkNorm only)
    KRaw,
    QInverse,     // per-head 1/rms (qkNorm only)
    KInverse,
    QRotated,     // q after norm and RoPE (attention input)
    KRotated,
    Values,
    Probs,        // attention probabilities, sequences × heads × length × length
    AttnOut,      // attention output (o_proj input)
    Mid,          // residual stream after attention
    FfnNormed,    // post_attention_layernorm output (gate/up input)
    FfnInverse,
    Gate,         // gate_proj and up_proj outputs
    Up,
    Activated,    // silu(gate) ⊙ up (down_proj input)
    kLayerBuffers
};

// Once per batch: the model's output and the backward pass's scratch.
enum GlobalBuffer : uint8_t {
    FinalInput,   // residual stream after the last layer
    FinalNormed,
    FinalInverse,
    Logits,       // replaced by their gradient in the backward pass
    GradStream,   // gradient of the residual stream
    GradNormed,
    GradQ,
    GradK,
    GradV,
    GradQRaw,     // qkNorm only
    GradKRaw,
    GradAttnOut,
    GradGate,
    GradUp,
    GradActivated,
    AttnScratch,  // sequences × length × length for the attention backward
    kGlobalBuffers
};

using LayerSizes = std::array<int64_t, kLayerBuffers>;
using GlobalSizes = std::array<int64_t, kGlobalBuffers>;

inline LayerSizes layerBufferSizes(const TransformerConfig &c, int64_t sequences, int64_t length)
{
    const int64_t n = sequences * length, h = c.hidden, q = n * c.heads * c.headDim, kv = n * c.kvHeads * c.headDim;
    const int64_t qk = c.qkNorm ? 1 : 0;
    LayerSizes s{};
    s[LayerInput] = s[AttnNormed] = s[Mid] = s[FfnNormed] = n * h;
    s[AttnInverse] = s[FfnInverse] = n;
    s[QRaw] = qk * q;
    s[KRaw] = qk * kv;
    s[QInverse] = qk * n * c.heads;
    s[KInverse] = qk * n * c.kvHeads;
    s[QRotated] = s[AttnOut] = q;
    s[KRotated] = s[Values] = kv;
    s[Probs] = sequences * c.heads * length * length;
    s[Gate] = s[Up] = s[Activated] = n * c.intermediate;
    return s;
}

inline GlobalSizes globalBufferSizes(const TransformerConfig &c, int64_t sequences, int64_t length)
{
    const int64_t n = sequences * length, h = c.hidden, q = n * c.heads * c.headDim, kv = n * c.kvHeads * c.headDim;
    const int64_t qk = c.qkNorm ? 1 : 0;
    GlobalSizes s{};
    s[FinalInput] = s[FinalNormed] = s[GradStream] = s[GradNormed] = n * h;
    s[FinalInverse] = n;
    s[Logits] = n * c.vocab;
    s[GradQ] = s[GradAttnOut] = q;
    s[GradK] = s[GradV] = kv;
    s[GradQRaw] = qk * q;
    s[GradKRaw] = qk * kv;
    s[GradGate] = s[GradUp] = s[GradActivated] = n * c.intermediate;
    s[AttnScratch] = sequences * length * length; // one per sequence: they run in parallel
    return s;
}

} // namespace bitcliff::train
