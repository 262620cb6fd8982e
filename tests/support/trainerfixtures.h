#pragma once
// Small models and data for the trainer tests (trainer, checkpoints, runs).
#include "train/parameters.h"
#include "train/trainingdocuments.h"

#include <functional>
#include <string>
#include <vector>

namespace bitcliff::test {

// A tiny config of `family` ("llama", "qwen2", "qwen3"): 2 layers, hidden 32, 4 heads of 8
// over 2 KV heads, SwiGLU 64, context 64.
TransformerConfig trainerTestConfig(const std::string &family, int vocab, bool tied);

// initialParameters with norms and biases moved off their initial ones and zeros, so a test
// that confuses them fails.
train::Parameters<float> perturbedParameters(const TransformerConfig &config, uint64_t seed);

// Short English sentences from a small grammar, one text document each (byte tokenizer: ~25
// tokens each): easy to learn, so the loss falls within a few steps.
std::vector<train::TrainingDocument> sentenceDocuments(int count, unsigned seed);

// The message of the Error `f` throws, or "(no error)".
std::string errorOf(const std::function<void()> &f);

} // namespace bitcliff::test
