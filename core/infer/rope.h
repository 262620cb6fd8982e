#pragma once
// Internal to the inference engine: rotary position embeddings. Dimension pair i of a head
// turns by pos * theta^(-2i/headDim) / divisor_i (divisors: Llama-3 or linear scaling). The
// pairs are (i, i + headDim/2) for RopeLayout::Neox (HF rotate_half) and (2i, 2i + 1) for
// RopeLayout::AdjacentPairs (GGUF `llama`, whose Q/K rows the converter permuted).
#include "infer/transformer.h"

#include <vector>

namespace bitcliff::infer {

class RopeTables
{
public:
    // cos and sin of every angle of positions [first, first + count), computed in double.
    void compute(const TransformerConfig &config, int64_t first, int64_t count);
    // Rotates each of `heads` head vectors of `rows` rows (row r at position first + r,
    // rows `stride` floats apart) in place.
    void apply(float *x, int64_t rows, int64_t stride, int heads) const;

private:
    RopeLayout m_layout = RopeLayout::Neox;
    int64_t m_half = 0;     // headDim / 2
    std::vector<float> m_cos; // [count × half]
    std::vector<float> m_sin;
};

} // namespace bitcliff::infer
