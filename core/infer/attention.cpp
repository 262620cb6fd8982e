#include "infer/attention.h"

#include "infer/kernels.h"

#include <algorithm>
#include <cblas.h>
#include <cmath>
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

    const float scale = 1.0f / std::sqrt(float(d));
    const int group = config.heads / config.kvHeads;
    for (int h = 0; h < config.heads; ++h) {
        const float *keys = cache.keys(layer, h / group), *values = cache.values(layer, h / group);
        for (int64_t t0 = 0; t0 < n; t0 += kQueryBlock) {
            const int64_t rows = std::min(kQueryBlock, n - t0), context = first + t0 + rows;
            scores.resize(size_t(rows * context));
            // scores[rows × context] = scale · Q_h · K_gᵀ
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(rows), int(context), int(d), scale,
                        q + t0 * qStride + h * d, int(qStride), keys, int(d), 0.0f, scores.data(), int(context));
            for (int64_t r = 0; r < rows; ++r) {
                float *row = scores.data() + r * context;
                const int64_t visible = first + t0 + r + 1; // causal mask
                softmaxInPlace(row, visible);
                std::fill(row + visible, row + context, 0.0f);
            }
            // out[rows × d] = P · V_g
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(rows), int(d), int(context), 1.0f,
                        scores.data(), int(context), values, int(d), 0.0f, out + t0 * qStride + h * d, int(qStride));
        }
    }
}

} // namespace bitcliff::infer
