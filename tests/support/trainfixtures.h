#pragma once
// Tiny training configurations, parameters of realistic size (not the 0.02 of a fresh
// initialization, so every path of the graph carries signal) and batches with ignored targets.
#include "train/batch.h"
#include "train/parameters.h"

#include <cstdint>
#include <span>
#include <string>

namespace bitcliff::test {

struct TinyTrainSpec
{
    std::string family = "llama";
    int layers = 2;
    int hidden = 12;
    int intermediate = 20;
    int heads = 2;
    int kvHeads = 2;
    int headDim = 6;
    int vocab = 11;
    bool tied = false;
    bool ropeFactors = false; // Llama-3-like divisors, one per dimension pair
};

TransformerConfig tinyTrainConfig(const TinyTrainSpec &spec);

// Matrices uniform with std 1/sqrt(in), embedding std 1, norms 1 ± 0.3, biases ± 0.3.
template<class T>
train::Parameters<T> randomParameters(const TransformerConfig &config, unsigned seed);

// The same parameters in double.
train::Parameters<double> toDouble(const train::Parameters<float> &p);

// Random tokens and targets, about one target in four -1 (always at least one counted).
train::Batch randomBatch(int vocab, int64_t sequences, int64_t length, unsigned seed);

// Σ over counted rows of -log softmax(logits[row])[target], in double.
double summedCrossEntropy(std::span<const float> logits, std::span<const int32_t> targets, int vocab);

} // namespace bitcliff::test
