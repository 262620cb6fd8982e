#pragma once
// config.json of a trained checkpoint: the Hugging Face keys that BitCliff (and transformers)
// read back into exactly the TransformerConfig that was trained.
#include "infer/transformer.h"

#include <nlohmann/json.hpp>
#include <string>

namespace bitcliff::train {

// architectures, model_type, sizes, head_dim, vocab_size, max_position_embeddings,
// rms_norm_eps, rope_theta, tie_word_embeddings, attention_bias (llama), hidden_act,
// torch_dtype float32; `ropeScaling` (the base model's rope_scaling object, or null) as
// rope_scaling. Throws Error for a family other than llama, qwen2, qwen3.
nlohmann::ordered_json checkpointConfigJson(const TransformerConfig &config, const nlohmann::json &ropeScaling);

// Throws Error("<label>: config.json reads back <field> <read>, expected <written>") naming the
// first field where `read` differs from `expected`.
void requireSameConfig(const TransformerConfig &expected, const TransformerConfig &read, const std::string &label);

} // namespace bitcliff::train
