#pragma once
// An independent reference forward pass for the inference tests: straightforward scalar
// loops in double precision with Hugging Face semantics (RMSNorm, rotate_half RoPE with
// Llama-3 frequency scaling, grouped-query causal attention, SwiGLU), over the values a
// TinyTransformer wrote. Shares no code with the engine.
#include "support/tinytransformer.h"

#include <cstdint>
#include <vector>

namespace bitcliff::test {

// Logits [tokens × vocab] of every position of the sequence.
std::vector<double> referenceLogits(const TinyTransformer &model, const std::vector<int32_t> &tokens);

// max |a - b| over max |b|: the engine's error relative to the reference's logit scale.
double relativeError(const std::vector<float> &a, const std::vector<double> &b);
double relativeError(const std::vector<float> &a, const std::vector<float> &b);

} // namespace bitcliff::test
