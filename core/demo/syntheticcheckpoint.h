#pragma once
// The synthetic demo checkpoint: a Llama-shaped Hugging Face directory (config.json +
// model.safetensors, BF16) whose weights are heavy-tailed (Student-t) and carry a few
// persistent outlier input channels in every layer, the pattern real LLMs show. It is not a
// trained model and says so in its metadata; it stands in until the trained demo ships.
#include "util/progress.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace bitcliff {

struct SyntheticModelSpec
{
    // Small enough that the demo's sweep (eleven models over the en+ru passages) takes about a
    // minute on two cores; Llama-shaped, and every row fits the 256-element K-quant blocks.
    int layers = 4;
    int hiddenSize = 256;
    int intermediateSize = 768;      // Llama's 8/3 x hidden rounded up to 256: K-quant blocks fit
    int heads = 8;
    int kvHeads = 4;
    int vocabSize = 8192;
    double degreesOfFreedom = 8.0;   // Student-t tails: kurtosis 4.5 before outliers
    double weightStd = 0.02;
    std::vector<int> outlierChannels{37, 141, 211}; // hidden dims that are outliers in every layer
    double outlierGain = 18.0;       // their column absmax relative to the others
    uint32_t seed = 20261128;
};

// Raised whenever the generated checkpoint changes, so that cached copies are made again.
inline constexpr int kSyntheticDemoVersion = 3;

// Writes <directory>/model.safetensors, tokenizer.json (byte-level, see demotokenizer.h) and
// config.json, each atomically; config.json comes last and carries kSyntheticDemoVersion.
// Throws Error on I/O failure, Cancelled when progress returns false.
void writeSyntheticCheckpoint(const std::filesystem::path &directory, const SyntheticModelSpec &spec = {},
                              const ProgressCallback &progress = {});

// Whether `directory` holds a complete checkpoint written by this version's
// writeSyntheticCheckpoint (an older or interrupted one is to be written again).
bool isCurrentSyntheticCheckpoint(const std::filesystem::path &directory);

} // namespace bitcliff
