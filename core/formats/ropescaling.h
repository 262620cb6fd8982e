#pragma once
// RoPE frequency scaling of Hugging Face configs (config.json rope_scaling, or
// rope_parameters in newer transformers) and the per-dimension frequency divisors that
// llama.cpp stores as the tensor `rope_freqs.weight`. One computation, shared by the
// inference engine and the GGUF export.
#include <filesystem>
#include <string>
#include <vector>

namespace bitcliff {

struct RopeScaling
{
    std::string type;              // "" for plain RoPE, else as the config says: "llama3", "linear", "yarn"...
    double factor = 1.0;
    double lowFreqFactor = 1.0;    // llama3
    double highFreqFactor = 4.0;   // llama3
    double originalContext = 8192; // llama3: original_max_position_embeddings
};

// The scaling of a config.json file (its text_config for multimodal configs); plain RoPE when
// the file does not exist. Throws FormatError for unreadable or malformed JSON.
RopeScaling readHfRopeScaling(const std::filesystem::path &configJson);

// The headDim/2 divisors of the RoPE frequencies theta^(-2i/headDim): llama3 as in
// transformers' _compute_llama3_parameters (1 for short wavelengths, `factor` for long ones,
// interpolated between), linear: `factor` for every dimension, empty for plain RoPE. Throws
// Error naming `label` for scalings that are not a fixed divisor per dimension (yarn, dynamic,
// longrope...).
std::vector<float> ropeFreqDivisors(const RopeScaling &scaling, int headDim, double theta, const std::string &label);

} // namespace bitcliff
