#pragma once
// Causal multi-head attention with grouped-query heads (query head h reads KV head
// h / (heads / kvHeads)), softmax(scale · q·kᵀ) · v with scale 1/sqrt(headDim).
#include <cstdint>

namespace bitcliff::nn {

// One query head against one KV head, the block inference and training share: query rows
// [0, rows) sit at positions first .. first + rows - 1 and attend key positions
// [0, first + r]. `probs` ([rows × (first + rows)], row-major) receives the attention
// probabilities (zeros past the mask); out[r] = probs[r] · values. Strides in elements.
template<class T>
void attendHead(const T *q, int64_t qStride, const T *keys, int64_t kStride, const T *values, int64_t vStride,
                int64_t rows, int64_t first, int64_t headDim, T *out, int64_t outStride, T *probs);

struct AttentionShape
{
    int64_t tokens = 0; // one sequence, positions 0 .. tokens - 1
    int heads = 0;
    int kvHeads = 0;
    int headDim = 0;
};

// A whole sequence without cache: q, out [tokens × heads·headDim], k, v [tokens ×
// kvHeads·headDim] (RoPE already applied to q and k). `probs` [heads × tokens × tokens] keeps
// the probabilities for the backward pass.
template<class T>
void causalAttentionForward(const T *q, const T *k, const T *v, const AttentionShape &shape, T *out, T *probs);
// dq, dk, dv (shapes of q, k, v) += the gradients; `scratch` holds tokens × tokens elements.
// Accumulates.
template<class T>
void causalAttentionBackward(const T *q, const T *k, const T *v, const T *probs, const T *dOut,
                             const AttentionShape &shape, T *dq, T *dk, T *dv, T *scratch);

} // namespace bitcliff::nn
