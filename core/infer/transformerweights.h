#pragma once
// Internal to the inference engine: the float32 weights of one model as loadTransformer
// leaves them (HF row order; GGUF `llama` Q/K rows stay permuted, RopeLayout says how).
#include "infer/tensornames.h"
#include "infer/transformer.h"

#include <array>
#include <vector>

namespace bitcliff {

namespace infer {

// A row-major [rows × cols] matrix: y = x · Wᵀ for x of `cols` channels.
struct WeightMatrix
{
    int64_t rows = 0;
    int64_t cols = 0;
    std::vector<float> values;
    const TensorInfo *lazy = nullptr; // values empty: rows are read from the model when needed
};

struct LinearWeights
{
    WeightMatrix weight;
    std::vector<float> bias; // empty: none
};

struct LayerWeights
{
    std::vector<float> attnNorm;
    std::vector<float> ffnNorm;
    std::vector<float> qNorm; // Qwen3: RMSNorm over each head's vector, empty otherwise
    std::vector<float> kNorm;
    std::array<LinearWeights, 7> linears; // by Linear

    const LinearWeights &operator[](Linear linear) const { return linears[size_t(linear)]; }
};

} // namespace infer

class TransformerWeights
{
public:
    TransformerConfig config;
    std::shared_ptr<const Model> model;
    int threads = 0; // BLAS and attention threads, 0: all cores
    std::vector<infer::LayerWeights> layers;
    infer::WeightMatrix embedding; // may be lazy when the output matrix is separate
    std::vector<float> outputNorm;
    infer::WeightMatrix output; // empty when tied to the embedding

    const infer::WeightMatrix &outputMatrix() const { return config.tiedOutput ? embedding : output; }
};

} // namespace bitcliff
