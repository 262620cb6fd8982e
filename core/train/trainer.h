#pragma once
// The training loop: per step `accumulation` micro-batches of `batchSequences` packed
// sequences in the seeded stream order (sequencestream.h), optionally QAT (the forward and
// backward pass on fakeQuantizeParameters(latent), the gradients applied to the latent weights:
// straight-through), gradient clipping, AdamW and the learning-rate schedule; a held-out loss
// now and then, checkpoints, progress and cancel.
//
// Deterministic: for a fixed seed and thread count two runs give bitwise the same losses and
// weights, and a run interrupted after k steps and resumed from its checkpoint ends bitwise
// where the uninterrupted run does.
#include "train/checkpoint.h"
#include "train/dataset.h"
#include "train/trainerstate.h"
#include "train/trainoptions.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

namespace bitcliff::train {

struct TrainProgress
{
    int64_t step = 0;                  // completed steps
    int64_t steps = 0;                 // of the run
    double loss = 0.0;                 // this step's training loss, nats per counted token
    std::optional<double> heldOutLoss; // when measured after this step
    double learningRate = 0.0;         // of this step
    double gradientNorm = 0.0;         // before clipping
    double tokensPerSecond = 0.0;      // sequence tokens (padding included) since run() began
    double secondsLeft = 0.0;          // at the pace since run() began
};

// Returns false to cancel.
using TrainCallback = std::function<bool(const TrainProgress &)>;

struct CheckpointTarget
{
    std::filesystem::path folder;    // where checkpoints go; empty: none are written
    std::filesystem::path tokenizer; // tokenizer.json (or its folder) copied into each checkpoint
    std::filesystem::path baseModel; // the model the run started from (empty: from scratch):
                                     // refused as `folder`; its rope_scaling is kept
};

class Trainer
{
public:
    // A new run from `weights` (initialParameters or parametersOf) on `documents`, packed with
    // the options' ctx, seed and held-out split. Throws Error for options out of range, data that
    // does not pack, a QAT scheme that fits nothing, a checkpoint folder that is the base model's,
    // or not enough memory (trainingmemory.h).
    Trainer(Parameters<float> weights, const std::vector<TrainingDocument> &documents, const Tokenizer &tokenizer,
            const TrainOptions &options, CheckpointTarget target);
    // Continues the run saved in the checkpoint folder `checkpoint` with its options, weights,
    // optimizer moments and data position. The documents and tokenizer must be the ones it was
    // trained on (the packed data's fingerprint is checked). `steps` > 0 replaces the run's
    // step count (the schedule then differs from the original run's).
    static Trainer resume(const std::filesystem::path &checkpoint, const std::vector<TrainingDocument> &documents,
                          const Tokenizer &tokenizer, CheckpointTarget target, int64_t steps = 0);
    ~Trainer();
    Trainer(Trainer &&) noexcept;
    Trainer &operator=(Trainer &&) noexcept;

    // Runs the remaining steps; after the last one writes the final checkpoint (when a folder
    // is set). After each step calls `callback`; when it returns false before the last step,
    // writes a checkpoint of the completed steps and throws Cancelled. Throws Error when the
    // loss stops being finite.
    void run(const TrainCallback &callback = {});

    // Mean loss per counted token of the held-out sequences on the weights the forward pass
    // sees (fake-quantized under QAT); nullopt when nothing is held out.
    std::optional<double> heldOutLoss();
    // Writes a checkpoint of the current state to `folder` (resumable).
    void saveCheckpoint(const std::filesystem::path &folder);

    const Parameters<float> &weights() const;
    const TrainOptions &options() const;
    const TrainerState &state() const;
    const TrainingData &data() const;

private:
    struct State;
    explicit Trainer(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace bitcliff::train
