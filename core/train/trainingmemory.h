#pragma once
// How much memory a training run needs, to refuse one that cannot fit before it allocates.
#include "infer/transformer.h"

#include <cstdint>
#include <string>

namespace bitcliff::train {

struct TrainingMemory
{
    uint64_t weights = 0;     // float32 parameters
    uint64_t gradients = 0;   // the same
    uint64_t moments = 0;     // AdamW m and v
    uint64_t qatWorking = 0;  // the fake-quantized working copy (QAT only)
    uint64_t activations = 0; // ModelGraph::activationBytes for one micro-batch

    uint64_t total() const { return weights + gradients + moments + qatWorking + activations; }
};

TrainingMemory trainingMemory(const TransformerConfig &config, int64_t batchSequences, int64_t context, bool qat);

// One line: "training needs 3.2 GiB (weights 0.5, gradients 0.5, AdamW moments 1.0,
// activations 1.2 GiB), 2.0 GiB available".
std::string trainingMemoryText(const TrainingMemory &memory, uint64_t available);

// Throws Error with trainingMemoryText when `memory` exceeds `available` (0: unknown, no check).
// `weightsLoaded`: the weights are in memory already (available was measured after loading
// them), so they do not count against `available`.
void checkTrainingMemory(const TrainingMemory &memory, uint64_t available, bool weightsLoaded = false);

} // namespace bitcliff::train
