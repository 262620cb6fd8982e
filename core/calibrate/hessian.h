#pragma once
// GPTQ's Hessian of a linear layer's squared output error: H = 2/n · Σ x xᵀ over the n tokens
// whose inputs x (one row of `channels` values each) the layer saw. Accumulated in float32
// with BLAS syrk, as GPTQ accumulates it on the GPU; only the upper triangle is summed.
#include <cstdint>
#include <vector>

namespace bitcliff {

class HessianAccumulator
{
public:
    explicit HessianAccumulator(int64_t channels);

    // Adds `tokens` input rows ([tokens × channels], row-major).
    void add(const float *x, int64_t tokens);

    int64_t channels() const { return m_channels; }
    int64_t tokens() const { return m_tokens; }
    // 2/n · Σ x xᵀ, both triangles filled, row-major [channels × channels]. Zero before add().
    std::vector<float> hessian() const;

private:
    int64_t m_channels = 0;
    int64_t m_tokens = 0;
    std::vector<float> m_sum; // upper triangle of Σ x xᵀ
};

} // namespace bitcliff
