#pragma once
// Internal to the inference engine: the KV cache and causal multi-head attention over it
// (grouped-query: query head h reads KV head h / (heads / kvHeads)), each head and block of
// queries computed by nn::attendHead, the op training runs.
#include "infer/transformer.h"

#include <vector>

namespace bitcliff::infer {

class KvCache
{
public:
    KvCache(const TransformerConfig &config, int capacity);
    int capacity() const { return m_capacity; }
    // Head `head` of layer `layer`: `capacity` positions of headDim floats.
    float *keys(int layer, int head) { return m_keys.data() + offset(layer, head); }
    float *values(int layer, int head) { return m_values.data() + offset(layer, head); }

private:
    size_t offset(int layer, int head) const
    {
        return (size_t(layer) * size_t(m_kvHeads) + size_t(head)) * size_t(m_capacity) * size_t(m_headDim);
    }
    int m_kvHeads;
    int m_headDim;
    int m_capacity;
    std::vector<float> m_keys; // [layer][kvHead][position][headDim]
    std::vector<float> m_values;
};

// Appends k and v (n × kvHeads·headDim, RoPE applied to k) at positions [first, first + n) of
// `layer`, then writes to `out` (n × heads·headDim) the attention of each query row t of q
// (n × heads·headDim, RoPE applied) over positions [0, first + t].
void causalAttention(const TransformerConfig &config, KvCache &cache, int layer, const float *q, const float *k,
                     const float *v, int64_t n, int64_t first, float *out, std::vector<float> &scores);

} // namespace bitcliff::infer
