#pragma once
// The trainable parameters of a llama-family model (llama, qwen2, qwen3) as named tensors in
// Hugging Face naming and order, in float (training) or double (gradient checks). Gradients
// and AdamW moments use the same type with the same shapes.
#include "infer/transformer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitcliff::train {

template<class T>
struct Tensor
{
    std::string name;            // "model.layers.0.self_attn.q_proj.weight", ...
    std::vector<int64_t> shape;  // PyTorch order: [out, in] for linear weights
    std::vector<T> values;
    bool decays = false;         // AdamW weight decay applies: linear weights and an untied lm_head, not
                                 // norms, biases or embeddings
    bool quantizable = false;    // QAT fake-quantizes it (what evaluation's scheme treatment quantizes)
};

template<class T>
struct Parameters
{
    TransformerConfig config; // ropeLayout Neox (HF order)
    std::vector<Tensor<T>> tensors;

    int64_t count() const;                       // parameters
    Tensor<T> *find(const std::string &name);    // null when absent
    const Tensor<T> *find(const std::string &name) const;
    Parameters<T> zerosLike() const;             // same names and shapes, all zero
    void setZero();
};

// Every tensor the config needs, in HF names and order, initialized like HF's Llama
// (normal(0, 0.02) for matrices and the embedding, ones for norms, zeros for biases), from a
// seeded generator (same seed: same values on every machine).
template<class T>
Parameters<T> initialParameters(const TransformerConfig &config, uint64_t seed);

// The parameters of an opened Hugging Face checkpoint of llama, qwen2 or qwen3
// (transformerConfigFor(model)), every tensor dequantized to float32. Throws Error for a GGUF
// file (not supported for training yet), a missing or mis-shaped tensor, or a bias training
// does not model (o_proj, MLP).
Parameters<float> parametersOf(const Model &model);

} // namespace bitcliff::train
