#include "train/trainingmemory.h"

#include "train/modelgraph.h"
#include "train/parameterlayout.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <cstdio>

namespace bitcliff::train {

namespace {

// GiB for big models, MiB below one GiB (a small model's parts would all read "0.0 GiB").
std::string sizeText(uint64_t bytes)
{
    char text[32];
    if (bytes >= (uint64_t(1) << 30))
        std::snprintf(text, sizeof text, "%.1f GiB", double(bytes) / double(uint64_t(1) << 30));
    else
        std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / double(uint64_t(1) << 20));
    return text;
}

} // namespace

TrainingMemory trainingMemory(const TransformerConfig &config, int64_t batchSequences, int64_t context, bool qat)
{
    uint64_t parameters = 0;
    for (const ParameterSlot &slot : parameterLayout(config)) {
        uint64_t count = 1;
        for (const int64_t d : slot.shape)
            count *= uint64_t(d);
        parameters += count;
    }
    TrainingMemory memory;
    memory.weights = parameters * sizeof(float);
    memory.gradients = memory.weights;
    memory.moments = 2 * memory.weights;
    memory.qatWorking = qat ? memory.weights : 0;
    memory.activations = uint64_t(ModelGraph<float>::activationBytes(config, batchSequences, context));
    return memory;
}

std::string trainingMemoryText(const TrainingMemory &memory, uint64_t available)
{
    std::string text = "training needs " + sizeText(memory.total()) + " (weights " + sizeText(memory.weights)
                       + ", gradients " + sizeText(memory.gradients) + ", AdamW moments " + sizeText(memory.moments);
    if (memory.qatWorking)
        text += ", QAT working copy " + sizeText(memory.qatWorking);
    text += ", activations " + sizeText(memory.activations) + ")";
    if (available)
        text += ", " + gibText(available) + " available";
    return text;
}

void checkTrainingMemory(const TrainingMemory &memory, uint64_t available, bool weightsLoaded)
{
    const uint64_t needed = memory.total() - (weightsLoaded ? memory.weights : 0);
    if (available != 0 && needed > available)
        throw Error(trainingMemoryText(memory, available) + (weightsLoaded ? " besides the loaded weights" : "")
                    + ": use a smaller batch or context");
}

} // namespace bitcliff::train
