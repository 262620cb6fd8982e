#pragma once
// The settings of a training run, as the trainer takes them and trainer_state.json keeps them.
#include "quant/scheme.h"
#include "train/dataset.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

namespace bitcliff::train {

struct TrainOptions
{
    int64_t steps = 1000;          // optimizer steps
    double lr = 3e-4;              // peak learning rate
    double minLrRatio = 0.1;       // the cosine decays to minLrRatio × lr
    int64_t warmupSteps = 0;
    int64_t batchSequences = 8;    // sequences per micro-batch
    int64_t ctx = 256;             // tokens per sequence
    int64_t accumulation = 1;      // micro-batches per step
    double clipNorm = 1.0;         // global gradient norm limit; <= 0: no clipping
    double weightDecay = 0.1;      // AdamW, on tensors marked `decays`
    double beta1 = 0.9;
    double beta2 = 0.95;
    double eps = 1e-8;
    uint64_t seed = 0;             // document shuffle and the order of sequences in each epoch
    int threads = 0;               // workers and BLAS threads (0: one per core); results depend on it
    std::optional<QuantScheme> qat; // quantization-aware training with this scheme
    int64_t evalEvery = 0;         // held-out loss every so many steps (0: at the end only)
    HeldOutSplit heldOut;          // documents kept out of training for the held-out loss
    int64_t checkpointEvery = 0;   // a checkpoint every so many steps (0: at the end and on cancel)
};

// Throws Error with one line naming the first option out of range (`contextLimit`: the
// model's context, 0 when unknown).
void checkTrainOptions(const TrainOptions &options, int64_t contextLimit);

nlohmann::ordered_json trainOptionsJson(const TrainOptions &options);
// Throws Error naming `label` and the key when one is missing or of the wrong type.
TrainOptions trainOptionsFromJson(const nlohmann::json &json, const std::string &label);

} // namespace bitcliff::train
