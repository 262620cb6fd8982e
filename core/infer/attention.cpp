#include "infer/attention.h"

#include "nn/attention.h"

#include <algorithm>
#include <cstring>

namespace bitcliff::infer {

namespace {

// Query rows per score block: bounds the scores to kQueryBlock × context floats and skips
// most of the masked half of a long prompt's score matrix.
constexpr int64_t kQueryBlock = 128;

} // namespace

KvCache::KvCache(const TransformerConfig &config, int capacity)
    : m_kvHeads(config.kvHeads)
    , m_headDim(config.headDim)
    , m_capacity(capacity)
    , m_keys(size_t(config.layers) * size_t(config.kvHeads) * size_t(capacity) * size_t(config.headDim))
    , m_values(m_keys.size())
{
}

void causalAttention(const TransformerConfig &config, KvCache &cache, int layer, const float *q, const float *k,
                     const float *v, int64_t n, int64_t first, float *out, std::vector<float> &scores)
{
    const int64_t d = config.headDim, qStride = int64_t(config.heads) * d, kvStride = int64_t(config.kvHeads) * d;
    for (int g = 0; g < config.kvHeads; ++g)
        for (int64_t t = 0; t < n; ++t) {
            std::memcpy(cache.keys(layer, g) + (first + t) * d, k + t * kvStride + g * d, size_t(d) * sizeof(float));
            std::memcpy(cache.values(layer, g) + (first + t) * d, v + t * kvStride + g * d, size_t(d) * sizeof(float));
        }

    const int group = config.heads / config.kvHeads;
    for (int h = 0; h < config.heads; ++h) {
        const float *keys = cache.keys(layer, h / group), *values = cache.values(layer, h / group);
        for (int64_t t0 = 0; t0 < n; t0 += kQueryBlock) {
            const int64_t rows = std::min(kQueryBlock, n - t0);
            scores.resize(size_t(rows * (first + t0 + rows)));
            // the block training runs too: queries at first + t0 ... against the cached keys
            nn::attendHead<float>(q + t0 * qStride + h * d, qStride, keys, d, values, d, rows, first + t0, d,
                                  out + t0 * qStride + h * d, qStride, scores.data());
        }
    }
}

} // namespace bitcliff::infer
