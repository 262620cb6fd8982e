#pragma once
// Rotary position embeddings. Dimension pair i of a head turns by
// pos · theta^(-2i/headDim) / divisor_i (divisors: Llama-3 or linear scaling, empty: none).
// Pairs are (i, i + headDim/2) for RopeLayout::Neox (HF rotate_half) and (2i, 2i + 1) for
// RopeLayout::AdjacentPairs (GGUF `llama`, whose Q/K rows the converter permuted).
#include <cstdint>
#include <vector>

namespace bitcliff {

enum class RopeLayout : uint8_t {
    Neox,          // pairs (i, i + d/2): HF checkpoints, GGUF qwen2/qwen3
    AdjacentPairs, // pairs (2i, 2i + 1): GGUF `llama` (rows of Q/K permuted by the converter)
};

namespace nn {

struct RopeSpec
{
    int headDim = 0;
    double theta = 10000.0;
    RopeLayout layout = RopeLayout::Neox;
    std::vector<float> freqFactors; // headDim/2 divisors, empty when none
};

template<class T>
class RopeTables
{
public:
    // cos and sin of every angle of positions [first, first + count), computed in double.
    void compute(const RopeSpec &spec, int64_t first, int64_t count);
    // Rotates each of `heads` head vectors of `rows` rows in place: row r (rows `stride`
    // elements apart) is at position first + r; rows <= count.
    void forward(T *x, int64_t rows, int64_t stride, int heads) const;
    // The gradient through forward(), in place: dx (the gradient wrt the output) becomes the
    // gradient wrt the input (the inverse rotation).
    void backward(T *dx, int64_t rows, int64_t stride, int heads) const;

private:
    RopeLayout m_layout = RopeLayout::Neox;
    int64_t m_half = 0;
    std::vector<T> m_cos; // [count × half]
    std::vector<T> m_sin;
};

} // namespace nn
} // namespace bitcliff
