#pragma once
// Internal to the inference engine: the float32 weights of one model as loadTransformer
// leaves them (HF row order; GGUF `llama` Q/K rows stay permuted, RopeLayout says how), or,
// for matrices left in the mapped model, where to read them (infer/weightstream.h).
#include "infer/tensornames.h"
#include "infer/transformer.h"
#include "plan/recipe.h"

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
    std::optional<QuantScheme> scheme; // lazy values are fake-quantized with it (the requested
                                       // scheme or its fallback for this tensor)
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
    int threads = 0;                   // BLAS, attention and streaming threads, 0: all cores
    std::optional<QuantScheme> scheme; // requested; each matrix holds what it really gets
    ActivationQuant activations = ActivationQuant::None; // at the input of every decoder linear
    bool streamed = false;             // weight matrices are materialized from the model at each use
    int64_t scratchFloats = 0;         // the largest lazy matrix read whole: a session's buffer
    std::vector<infer::LayerWeights> layers;
    infer::WeightMatrix embedding; // lazy when the output matrix is separate, or streamed
    std::vector<float> outputNorm;
    infer::WeightMatrix output; // empty when tied to the embedding

    const infer::WeightMatrix &outputMatrix() const { return config.tiedOutput ? embedding : output; }
};

// loadTransformer's weights, open to a caller that replaces matrix values between sessions
// (calibration quantizes a layer's matrices while later layers still wait for their inputs).
// Resident matrices only hold values to replace.
std::shared_ptr<TransformerWeights> loadEditableTransformer(
    std::shared_ptr<const Model> model, const InferenceOptions &options, const ProgressCallback &progress = {});

} // namespace bitcliff
